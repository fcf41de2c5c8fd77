from django.contrib import admin
from django.http import HttpRequest

from audit.models import AuditEvent
from kotacerdas.fields import ADMIN_NUMBER_FIELDS


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: nobody edits history."""

    formfield_overrides = ADMIN_NUMBER_FIELDS

    list_display = ["at", "actor_label", "action", "content_type", "object_label", "ip"]
    list_filter = ["action", ("content_type", admin.RelatedOnlyFieldListFilter), "at"]
    search_fields = ["actor_label", "object_label", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
