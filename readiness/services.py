"""Writing an assessment: the region's answers, the assessor's scores, submission.

Each write is based on the assessment's ``version``; one based on an older version is refused
with ``audit.versioning.VersionConflict`` and nothing is written.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.versioning import save_versioned
from kotacerdas.errors import DomainError
from readiness.models import SCALE_MAX, Answer, Assessment


class AssessmentLocked(DomainError):
    """The region submitted its self-assessment: its answers no longer change."""

    code = "submitted"

    def __init__(self) -> None:
        super().__init__(_("The self-assessment was submitted and no longer changes."))


class AssessmentIncomplete(DomainError):
    """A submission with ``missing`` items the region has not scored itself."""

    code = "incomplete"

    def __init__(self, missing: int) -> None:
        super().__init__(_("%(n)s items have no self-assessment score yet.") % {"n": missing})
        self.missing = missing


@dataclass(frozen=True)
class AnswerIn:
    item_id: int
    self_score: int | None
    answer: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class ScoreIn:
    item_id: int
    score: int | None
    note: str = ""


def _check_score(value: int | None, item_id: int) -> None:
    if value is not None and not 0 <= value <= SCALE_MAX:
        raise ValidationError(
            _("Item %(item)s: a score is a whole number from 0 to 4.") % {"item": item_id}
        )


def _rows(assessment: Assessment, item_ids: list[int]) -> dict[int, Answer]:
    known = set(assessment.questionnaire.items.values_list("pk", flat=True))
    unknown = sorted(set(item_ids) - known)
    if unknown:
        raise ValidationError(
            _("Not items of this questionnaire: %(items)s")
            % {"items": ", ".join(map(str, unknown))}
        )
    answers = {a.item_id: a for a in assessment.answers.filter(item_id__in=item_ids)}
    return {i: answers.get(i) or Answer(assessment=assessment, item_id=i) for i in item_ids}


def assessment_save(
    *,
    assessment: Assessment,
    base_version: int,
    answers: Sequence[AnswerIn] = (),
    scores: Sequence[ScoreIn] = (),
    assessor: User | None = None,
) -> Assessment:
    """Save the region's ``answers`` and the ``assessor``'s ``scores`` (with notes) at once.

    Raises VersionConflict when the assessment changed since ``base_version``, AssessmentLocked
    for answers after submission and ValidationError for a score off the scale or an item of
    another questionnaire. Access is the caller's business.
    """
    if answers and assessment.submitted_at is not None:
        raise AssessmentLocked
    if scores and assessor is None:
        raise ValueError("scores need their assessor")
    for row in answers:
        _check_score(row.self_score, row.item_id)
    for score in scores:
        _check_score(score.score, score.item_id)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.version != base_version:
            save_versioned(locked, base_version=base_version, values={})  # raises the conflict
        if answers and locked.submitted_at is not None:
            raise AssessmentLocked
        rows = _rows(locked, [a.item_id for a in answers] + [s.item_id for s in scores])
        before = {item_id: _state(answer) for item_id, answer in rows.items()}
        for row in answers:
            answer = rows[row.item_id]
            answer.self_score = row.self_score
            answer.answer = row.answer[:3000]
            answer.evidence = row.evidence[:500]
        for score in scores:
            answer = rows[score.item_id]
            if score.score != answer.assessor_score or score.note != answer.assessor_note:
                answer.assessor = assessor
            answer.assessor_score = score.score
            answer.assessor_note = score.note[:3000]
        # Only what changed is written: an item left as it was (or left empty) stays untouched.
        changed = [
            answer
            for item_id, answer in rows.items()
            if _state(answer) != before[item_id] and (answer.pk or any(_state(answer)))
        ]
        if not changed:
            return locked
        current = save_versioned(
            locked, base_version=base_version, values={}, changed_elsewhere=True
        )
        for answer in changed:
            answer.save()
    return current


def _state(answer: Answer) -> tuple[object, ...]:
    return (
        answer.self_score,
        answer.answer,
        answer.evidence,
        answer.assessor_score,
        answer.assessor_note,
    )


def assessment_submit(*, assessment: Assessment) -> Assessment:
    """Hand the self-assessment to the assessors; every item needs the region's own score."""
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if current.submitted_at is not None:
            return current
        missing = current.questionnaire.items.exclude(
            answers__assessment=current, answers__self_score__isnull=False
        ).count()
        if missing:
            raise AssessmentIncomplete(missing)
        current.submitted_at = timezone.now()
        current.version += 1
        current.save()
    return current


def assessment_reopen(*, assessment: Assessment) -> Assessment:
    """Give a submitted self-assessment back to the region (the national team's decision)."""
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        current.submitted_at = None
        current.version += 1
        current.save()
    return current
