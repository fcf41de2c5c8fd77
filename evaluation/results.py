"""Indices, rankings, year-on-year change and award proposals of an evaluation rubric."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access
from accounts.access import AnyUser
from accounts.models import Role
from evaluation.index import IndexResult, competition_ranks, compute_index
from evaluation.models import CUSTOM_PREFIX, Award, Rubric, RubricStatus, Score
from inbox.models import Kind
from inbox.services import notify
from kotacerdas import data_versions
from kotacerdas.errors import DomainError
from masterplans.models import Dimension
from regions.models import Region

DIMENSIONS = tuple(Dimension.values)


@dataclass
class RegionResult:
    region: Region
    index: IndexResult
    self_index: IndexResult
    national_rank: int = 0
    group_rank: int = 0
    province_rank: int = 0
    change: Decimal | None = None


def _scores(rubric: Rubric) -> dict[int, dict[str, dict[tuple[str, str], Decimal]]]:
    """region id → {"assessor": {(dim, comp): score}, "self": {...}} (one query)."""
    found: dict[int, dict[str, dict[tuple[str, str], Decimal]]] = defaultdict(
        lambda: {"assessor": {}, "self": {}}
    )
    rows = Score.objects.filter(rubric=rubric, stage=rubric.open_stage).values_list(
        "region_id", "dimension", "component", "assessor_score", "self_score", "verified_at"
    )
    for region_id, dimension, component, assessor, own, verified in rows:
        cell = (dimension, component)
        found[region_id]["self"][cell] = own if own is not None else Decimal(0)
        if assessor is not None and verified is not None:
            found[region_id]["assessor"][cell] = assessor
    return found


def _plain_indices(rubric: Rubric) -> dict[int, tuple[IndexResult, IndexResult]]:
    """The index (verified assessors' scores) and self-assessment index of every region with
    at least one verified score: a region nobody has verified yet has no index, not 0.00."""
    return {
        region_id: (
            compute_index(cells["assessor"], rubric.weights, DIMENSIONS),
            compute_index(cells["self"], rubric.weights, DIMENSIONS),
        )
        for region_id, cells in _scores(rubric).items()
        if cells["assessor"]
    }


def awaiting_verification(rubric: Rubric) -> int:
    """Regions with scores of the rubric but none verified yet: not ranked (one query)."""
    return (
        Score.objects.filter(rubric=rubric, stage=rubric.open_stage)
        .values("region_id")
        .distinct()
        .exclude(
            region_id__in=Score.objects.filter(
                rubric=rubric,
                stage=rubric.open_stage,
                assessor_score__isnull=False,
                verified_at__isnull=False,
            ).values("region_id")
        )
        .count()
    )


def _ranks_within(rows: list[RegionResult], part: Callable[[Region], Any]) -> dict[str, int]:
    """Each region's rank among the regions of the same part of the country."""
    by_part: dict[Any, dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        by_part[part(row.region)][str(row.region.pk)] = row.index.overall
    return {
        key: rank for values in by_part.values() for key, rank in competition_ranks(values).items()
    }


def results(rubric: Rubric) -> list[RegionResult]:
    """Every region with a verified score: its index, its rank nationally, in its island group
    and in its province (as the program announces them), and its change on the previous
    published year's; best first."""
    indices = _plain_indices(rubric)
    regions = Region.objects.select_related("province").in_bulk(list(indices))
    rows = [
        RegionResult(regions[rid], index, self_index)
        for rid, (index, self_index) in indices.items()
    ]
    national = competition_ranks({str(r.region.pk): r.index.overall for r in rows})
    group_ranks = _ranks_within(rows, lambda region: region.province.island_group)
    province_ranks = _ranks_within(rows, lambda region: region.province_id)
    previous = (
        Rubric.objects.filter(year__lt=rubric.year, status=RubricStatus.PUBLISHED)
        .order_by("-year")
        .first()
    )
    earlier = (
        {rid: pair[0].overall for rid, pair in _plain_indices(previous).items()} if previous else {}
    )
    for row in rows:
        key = str(row.region.pk)
        row.national_rank, row.group_rank = national[key], group_ranks[key]
        row.province_rank = province_ranks[key]
        if row.region.pk in earlier:
            row.change = row.index.overall - earlier[row.region.pk]
    return sorted(rows, key=lambda r: (r.national_rank, r.region.code))


# A backstop: the key carries the data version, so a new score shows on the next request.
STANDINGS_SECONDS = 300


class Standing(NamedTuple):
    """A region's place in one evaluation, small enough to keep for every region."""

    overall: Decimal
    national_rank: int
    group_rank: int
    province_rank: int
    change: Decimal | None
    ranked: int  # how many regions the evaluation ranked


def standings(rubric: Rubric) -> dict[int, Standing]:
    """Region id → its standing in ``rubric``, from the shared cache and recomputed when a
    rubric or a score changes: a region's page reads its place without scoring every region."""

    def compute() -> dict[int, Standing]:
        rows = results(rubric)
        return {
            r.region.pk: Standing(
                r.index.overall,
                r.national_rank,
                r.group_rank,
                r.province_rank,
                r.change,
                len(rows),
            )
            for r in rows
        }

    # v2: a standing has its province rank (a standing kept before it no longer fits).
    key = f"evaluation-standings:v2:{rubric.pk}:{rubric.version}"
    return data_versions.cached("dashboard", key, compute, STANDINGS_SECONDS)


def award_categories() -> list[tuple[str, Any]]:
    return [
        ("overall", gettext_lazy("Best overall")),
        *[
            (f"dimension:{value}", gettext_lazy("Best %(dimension)s") % {"dimension": label})
            for value, label in Dimension.choices
        ],
        ("quick_win", gettext_lazy("Best quick win")),
        ("most_improved", gettext_lazy("Most improved")),
    ]


def category_label(category: str) -> Any:
    if category.startswith(CUSTOM_PREFIX):
        return category.removeprefix(CUSTOM_PREFIX)
    return dict(award_categories()).get(category, category)


def rubric_categories(rubric: Rubric) -> list[tuple[str, Any]]:
    """The award categories the national team set for the year, in their order."""
    return [(key, category_label(key)) for key in rubric.award_categories]


def _leader(rows: list[RegionResult], value: Any) -> Region | None:
    scored = [(value(r), r.region.code, r.region) for r in rows if value(r) is not None]
    if not scored:
        return None
    best = max(v for v, _code, _region in scored)
    return min((code, region) for v, code, region in scored if v == best)[1]


def propose_awards(rubric: Rubric) -> list[Award]:
    """The leader of each category (ties go to the lowest Kemendagri code, shown as a tie)."""
    rows = results(rubric)
    leaders = {
        "overall": _leader(rows, lambda r: r.index.overall),
        "quick_win": _leader(rows, lambda r: r.index.components.get("quick_win")),
        "most_improved": _leader(rows, lambda r: r.change),
    }
    for value in Dimension.values:
        leaders[f"dimension:{value}"] = _leader(rows, lambda r, v=value: r.index.dimensions[v])
    awards = []
    with transaction.atomic():
        # A category the year no longer has goes, unless the jury already decided it.
        rubric.awards.filter(decided_at=None).exclude(category__in=rubric.award_categories).delete()
        for category, _label in rubric_categories(rubric):
            award, _created = Award.objects.get_or_create(rubric=rubric, category=category)
            if award.decided_at is None:
                award.proposed = leaders.get(category)
                award.save()
            awards.append(award)
    return awards


class AwardError(DomainError):
    """A jury decision refused, with the reason to show."""

    code = "invalid"
    status = 422


def decide_award(award: Award, user: AnyUser, region: Region | None, reason: str = "") -> Award:
    """Confirm the proposal, or give the award elsewhere with a written reason."""
    access.require(user, "award.decide")
    chosen = region or award.proposed
    if chosen is None:
        raise AwardError(_("No region to award: choose one."))
    if chosen != award.proposed and not reason.strip():
        raise AwardError(
            _("Giving the award to another region than the one proposed needs a written reason.")
        )
    award.region = chosen
    award.reason = reason.strip()
    award.decided_by = user if user.is_authenticated else None
    award.decided_at = timezone.now()
    with transaction.atomic():
        award.save()
        if award.rubric.is_published:
            award_tell(award)
    return award


def award_tell(award: Award) -> None:
    """Tell the awarded region's team, once, when the award is both decided and public (at the
    evaluation's publication for an award decided before it)."""
    if award.region is None or award.decided_at is None:
        return
    notify(
        access.people_of(award.region, (Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR)),
        Kind.AWARD_CONFIRMED,
        reverse("evaluation:awards", args=[award.rubric.year]),
        params={
            "region": award.region.name,
            "year": award.rubric.year,
            "category": award.category,
        },
        key=f"award:{award.pk}:{award.region_id}",
    )
