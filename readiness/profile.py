"""The readiness profile (weighted mean score per part, 0-4 and %) and the gap list."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from readiness.models import GAP_BELOW, SCALE_MAX, Answer, Assessment, Part


@dataclass(frozen=True)
class PartScore:
    part: str
    label: str
    score: Decimal | None  # 0..SCALE_MAX, two decimals
    percent: int | None
    scored: int
    items: int
    assessed: bool  # every scored item has an assessor's score


@dataclass(frozen=True)
class Gap:
    answer: Answer
    score: int
    gap: int  # how far below the full score


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def readiness_profile(assessment: Assessment) -> list[PartScore]:
    answers = {a.item_id: a for a in assessment.answers.all()}
    items = list(assessment.questionnaire.items.all())
    profile = []
    for value, label in Part.choices:
        part_items = [i for i in items if i.part == value]
        scored = [
            (i, answers[i.pk])
            for i in part_items
            if i.pk in answers and answers[i.pk].score is not None
        ]
        weight = sum(i.weight for i, _a in scored)
        score = (
            _two(Decimal(sum(i.weight * (a.score or 0) for i, a in scored)) / weight)
            if weight
            else None
        )
        profile.append(
            PartScore(
                value,
                str(label),
                score,
                round(100 * score / SCALE_MAX) if score is not None else None,
                len(scored),
                len(part_items),
                bool(scored) and all(a.assessor_score is not None for _i, a in scored),
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
