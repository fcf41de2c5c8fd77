from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import ApiToken, Membership, Organisation, User
from kotacerdas.fields import ADMIN_NUMBER_FIELDS


class MembershipInline(admin.TabularInline):
    formfield_overrides = ADMIN_NUMBER_FIELDS
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["region", "organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    formfield_overrides = ADMIN_NUMBER_FIELDS
    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_NUMBER_FIELDS
    list_display = ["name", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_NUMBER_FIELDS
    list_display = ["user", "role", "region", "organisation", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "region__name", "region__code"]
    autocomplete_fields = ["user", "region", "organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_NUMBER_FIELDS
    list_display = ["name", "user", "hint", "created_at", "last_used_at"]
    readonly_fields = ["hint", "created_at", "last_used_at"]
    search_fields = ["name", "user__username"]
