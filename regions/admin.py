from django.contrib import admin

from kotacerdas.fields import ADMIN_NUMBER_FIELDS
from regions.models import Province, Region


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_NUMBER_FIELDS
    list_display = ["code", "name", "island_group", "population"]
    list_filter = ["island_group"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_NUMBER_FIELDS
    list_display = ["code", "name", "kind", "province", "population", "outermost_small_islands"]
    list_filter = ["kind", "province__island_group", "province"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]
    # Registry fields come from the data files; only the team's own fields are edited here.
    readonly_fields = [
        "code",
        "name",
        "kind",
        "province",
        "districts",
        "villages",
        "islands",
        "populated_islands",
        "outermost_small_islands",
        "population",
        "capital",
        "latitude",
        "longitude",
        "area_km2",
        "updated_at",
    ]
