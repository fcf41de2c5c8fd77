from decimal import Decimal
from typing import Literal

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import StrictInt

from accounts import access
from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import documented_errors
from api.openapi import In
from api.pagination import Pagination
from api.versions import base_number, etag
from audit.versioning import save_versioned
from regions.access import get_region_for_user
from regions.models import IslandGroup, Province, Region, RegionQuerySet

router = Router(tags=["regions"])

IslandGroupCode = Literal[tuple(IslandGroup.values)]  # type: ignore[valid-type]
KindCode = Literal["kota", "kabupaten"]


class ProvinceOut(Schema):
    code: str = Field(examples=["32"])
    name: str = Field(examples=["Jawa Barat"])
    island_group: str = Field(examples=["jawa"])
    capital: str
    population: int | None
    regions: int = Field(description="Number of kota and kabupaten")


class RegionOut(Schema):
    code: str = Field(examples=["32.73"], description="Kemendagri code")
    name: str = Field(examples=["Kota Bandung"])
    kind: KindCode
    province_code: str = Field(alias="province.code")
    province: str = Field(alias="province.name")
    island_group: str = Field(alias="province.island_group")
    districts: int
    villages: int
    islands: int
    populated_islands: int
    outermost_small_islands: int
    population: int | None = Field(description="Dukcapil 2025 count")
    capital: str
    latitude: Decimal | None
    longitude: Decimal | None
    area_km2: Decimal | None


class RegionDetailOut(RegionOut):
    website: str
    contact_email: str
    description: str
    version: int = Field(description="Send it back (body or If-Match) when you change the profile")


class RegionProfileIn(In):
    """Fields left out stay as they are; the model's validators check URL and e-mail."""

    website: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    description: str | None = Field(None, max_length=4000)
    version: StrictInt | None = Field(None, ge=1, description="The version you edited from")


class RegionFilters(FilterSchema):
    q: str | None = Field(None, max_length=100, description="Name, code prefix or province")
    province: str | None = Field(None, max_length=2, description="Province code, e.g. 32")
    island_group: IslandGroupCode | None = None  # type: ignore[valid-type]
    kind: KindCode | None = None
    frontier: bool | None = Field(None, description="Only regions with outermost small islands")

    def apply(self, queryset: RegionQuerySet) -> RegionQuerySet:
        if self.q:
            queryset = queryset.search(self.q)
        if self.province:
            queryset = queryset.filter(province__code=self.province)
        if self.island_group:
            queryset = queryset.in_island_group(self.island_group)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.frontier:
            queryset = queryset.frontier()
        return queryset


@router.get(
    "/regions",
    response={200: list[RegionOut], **documented_errors(401, 422)},
    auth=READ_AUTH,
    summary="List kota and kabupaten",
)
@paginate(Pagination)
def list_regions(request: HttpRequest, filters: Query[RegionFilters]) -> RegionQuerySet:
    access.require(request.user, "region.view")
    return filters.apply(Region.objects.select_related("province"))


@router.get(
    "/regions/{code}",
    response={200: RegionDetailOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="One kota or kabupaten",
)
def get_region(request: HttpRequest, response: HttpResponse, code: str) -> Region:
    region = get_region_for_user(request.user, code)
    etag(response, region.version)
    return region


@router.patch(
    "/regions/{code}",
    response={200: RegionDetailOut, **documented_errors(400, 401, 403, 404, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Update the region's own profile",
    description="Refused with 412 when the profile changed since `version`: nothing is lost.",
)
def update_region(
    request: HttpRequest, response: HttpResponse, code: str, payload: RegionProfileIn
) -> Region:
    region = get_region_for_user(request.user, code, "region.edit")
    values = {
        k: v or "" for k, v in payload.model_dump(exclude_unset=True).items() if k != "version"
    }
    version = base_number(request, payload.version)
    region = save_versioned(region, base_version=version, values=values)
    etag(response, region.version)
    return region


@router.get(
    "/provinces",
    response={200: list[ProvinceOut], **documented_errors(401)},
    auth=READ_AUTH,
    summary="The 38 provinces",
)
def list_provinces(request: HttpRequest) -> list[dict[str, object]]:
    access.require(request.user, "region.view")
    return [
        {
            "code": p.code,
            "name": p.name,
            "island_group": p.island_group,
            "capital": p.capital,
            "population": p.population,
            "regions": p.n_regions,
        }
        for p in Province.objects.annotate(n_regions=Count("regions"))
    ]
