"""Learning from other regions over the API: the library of programs of published masterplans,
the programs like one in other regions, and the regions like one."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from accounts import access
from api.auth import READ_AUTH
from api.errors import documented_errors
from api.pagination import Pagination
from masterplans.access import get_program_for_user
from masterplans.library import search_programs, similar_programs
from masterplans.models import Dimension, FundingSource
from regions.access import get_region_for_user
from regions.models import IslandGroup
from regions.similar import regions_like

router = Router(tags=["library"])
DimensionCode = Literal[tuple(Dimension.values)]  # type: ignore[valid-type]
GroupCode = Literal[tuple(IslandGroup.values)]  # type: ignore[valid-type]
SourceCode = Literal[tuple(FundingSource.values)]  # type: ignore[valid-type]


class LibraryFilters(Schema):
    q: str = Field("", max_length=200, description="Every word must appear (title, OPD, ...)")
    dimension: DimensionCode | None = None  # type: ignore[valid-type]
    island_group: GroupCode | None = None  # type: ignore[valid-type]
    source: SourceCode | None = Field(None, description="Funding source")  # type: ignore[valid-type]
    quick_wins: bool = Field(False, description="Only quick wins")


class LibraryProgramOut(Schema):
    id: int
    masterplan: int = Field(alias="masterplan_id")
    region: str = Field(alias="masterplan.region.code")
    region_name: str = Field(alias="masterplan.region.name")
    island_group: str = Field(alias="masterplan.region.province.island_group")
    code: str
    dimension: str
    element: str
    title: str
    description: str
    technology: str
    opd: str
    start_year: int
    end_year: int
    funding_source: str
    is_quick_win: bool
    is_demo: bool = Field(alias="masterplan.is_demo")


class SimilarProgramOut(Schema):
    id: int
    masterplan: int
    region: str
    region_name: str
    island_group: str
    code: str
    element: str
    title: str
    technology: str
    is_quick_win: bool
    shared_words: list[str] = Field(description="Words of title and technology both carry")


class SimilarRegionOut(Schema):
    code: str
    name: str
    kind: str
    province: str
    island_group: str
    population: int | None
    fiscal_capacity: float | None = Field(description="Latest KKD value")
    has_masterplan: bool = Field(description="An approved or enacted masterplan to learn from")
    distance: float = Field(description="Standardised distance in residents and fiscal capacity")


@router.get(
    "/library/programs",
    response={200: list[LibraryProgramOut], **documented_errors(401, 422)},
    auth=READ_AUTH,
    summary="Search the programs of every approved and enacted masterplan",
)
@paginate(Pagination)
def search_library(request: HttpRequest, filters: Query[LibraryFilters]) -> Any:
    access.require(request.user, "library.view")
    found = {
        "dimension": filters.dimension or "",
        "island_group": filters.island_group or "",
        "source": filters.source or "",
        "quick_wins": "1" if filters.quick_wins else "",
    }
    return search_programs(filters.q.strip(), found)


@router.get(
    "/programs/{int:program_id}/similar",
    response={200: list[SimilarProgramOut], **documented_errors(401, 404, 422)},
    auth=READ_AUTH,
    summary="Programs like this one in other regions' published masterplans",
)
def list_similar_programs(
    request: HttpRequest, program_id: int, limit: int = Query(5, ge=1, le=20)
) -> Any:
    program = get_program_for_user(request.user, program_id)
    return [
        {
            "id": other.pk,
            "masterplan": other.masterplan_id,
            "region": other.masterplan.region.code,
            "region_name": other.masterplan.region.name,
            "island_group": other.masterplan.region.province.island_group,
            "code": other.code,
            "element": other.element,
            "title": other.title,
            "technology": other.technology,
            "is_quick_win": other.is_quick_win,
            "shared_words": found["shared"],
        }
        for found in similar_programs(program, limit=limit)
        for other in [found["program"]]
    ]


@router.get(
    "/regions/{code}/similar",
    response={200: list[SimilarRegionOut], **documented_errors(401, 404, 422)},
    auth=READ_AUTH,
    summary="Regions like this one: same island group, close in residents and fiscal capacity",
)
def list_similar_regions(
    request: HttpRequest, code: str, limit: int = Query(5, ge=1, le=20)
) -> Any:
    region = get_region_for_user(request.user, code)
    return [
        {
            "code": like["region"].code,
            "name": like["region"].name,
            "kind": like["region"].kind,
            "province": like["region"].province.name,
            "island_group": like["region"].province.island_group,
            "population": like["region"].population,
            "fiscal_capacity": like["fiscal"],
            "has_masterplan": like["has_masterplan"],
            "distance": like["distance"],
        }
        for like in regions_like(region, limit=limit)
    ]
