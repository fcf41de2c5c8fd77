"""The readiness profile (weighted mean score per part, 0-4 and %) and the gap list.

Scale: every item is scored 0-4 (0 none, 1 planned, 2 started, 3 in place, 4 in place and
used across the region). A part's score is the weighted mean of its items' scores; an item
counts with the assessor's score where there is one, else with the region's own (the profile
says so: ``assessed`` is false while any own score stands in).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import capfirst

from readiness.models import GAP_BELOW, SCALE_MAX, Answer, Assessment, Item, Part
from regions.models import Region


@dataclass(frozen=True)
class PartScore:
    part: str
    label: str
    score: Decimal | None  # 0..SCALE_MAX, two decimals
    percent: int | None
    scored: int
    items: int
    assessed: bool  # every scored item has an assessor's score
    self_score: Decimal | None = None  # the region's own scores only
    assessor_score: Decimal | None = None  # the assessor's scores only


@dataclass(frozen=True)
class Gap:
    answer: Answer
    score: int
    gap: int  # how far below the full score


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _weighted(
    pairs: list[tuple[Item, Answer]], score_of: Callable[[Answer], int | None]
) -> tuple[Decimal | None, int]:
    scored = [(item, score_of(answer)) for item, answer in pairs if score_of(answer) is not None]
    weight = sum(item.weight for item, _score in scored)
    if not weight:
        return None, 0
    total = sum(item.weight * (score or 0) for item, score in scored)
    return _two(Decimal(total) / weight), len(scored)


def readiness_profile(assessment: Assessment) -> list[PartScore]:
    answers = {a.item_id: a for a in assessment.answers.all()}
    items = list(assessment.questionnaire.items.all())
    profile = []
    for value, label in Part.choices:
        part_items = [i for i in items if i.part == value]
        pairs = [(i, answers[i.pk]) for i in part_items if i.pk in answers]
        score, scored = _weighted(pairs, lambda a: a.score)
        own, _n = _weighted(pairs, lambda a: a.self_score)
        assessor, n_assessed = _weighted(pairs, lambda a: a.assessor_score)
        profile.append(
            PartScore(
                value,
                str(label),
                score,
                round(100 * score / SCALE_MAX) if score is not None else None,
                scored,
                len(part_items),
                bool(scored) and n_assessed == scored,
                own,
                assessor,
            )
        )
    return profile


def readiness_gaps(assessment: Assessment) -> list[Gap]:
    """Items scored under GAP_BELOW, widest gap first: what the masterplan's analysis answers."""
    gaps = [
        Gap(a, a.score, SCALE_MAX - a.score)
        for a in assessment.answers.select_related("item")
        if a.score is not None and a.score < GAP_BELOW
    ]
    return sorted(gaps, key=lambda g: (-g.gap, g.answer.item.part, g.answer.item.position))


def latest_assessment(region: Region) -> Assessment | None:
    """The region's assessment in its most recent cohort, if it has one."""
    return (
        Assessment.objects.filter(region=region)
        .select_related("questionnaire__cohort")
        .order_by("-questionnaire__cohort__year", "-pk")
        .first()
    )


def region_readiness_gaps(region: Region) -> list[Gap]:
    """The gap list of ``region``'s latest assessment, for the masterplan's analysis.

    Each gap carries its ``Answer`` (``gap.answer``, a stable row the masterplan can refer
    to by id; ``gap.answer.item_id`` names the question), the score that counted and the gap
    to the full score. An empty list when the region has no assessment yet.
    """
    assessment = latest_assessment(region)
    return readiness_gaps(assessment) if assessment is not None else []


def readiness_labels(refs: Iterable[str]) -> dict[str, str]:
    """A masterplan analysis item's readiness reference → how people read it. A gap taken from
    the assessment stores its question's id, shown as its part and aspect ("Suprastruktur ·
    Kebijakan"); a reference typed by hand stays as typed (one query)."""
    refs = set(refs)
    ids = [int(ref) for ref in refs if ref.isdigit() and len(ref) < 10]
    labels = {ref: ref for ref in refs}
    for item in Item.objects.filter(pk__in=ids).only("pk", "part", "subpart"):
        labels[str(item.pk)] = f"{capfirst(item.get_part_display())} · {item.get_subpart_display()}"
    return labels
