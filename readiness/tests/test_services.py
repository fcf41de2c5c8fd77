import pytest
from django.core.exceptions import ValidationError

from audit.versioning import VersionConflict
from readiness.models import Answer
from readiness.services import (
    AnswerIn,
    AssessmentIncomplete,
    AssessmentLocked,
    ScoreIn,
    assessment_reopen,
    assessment_save,
    assessment_submit,
)

pytestmark = pytest.mark.django_db


def test_a_save_from_an_old_version_is_refused_and_writes_nothing(record, assessor) -> None:  # type: ignore[no-untyped-def]
    item = record.questionnaire.items.first()
    assessment_save(assessment=record, base_version=1, answers=[AnswerIn(item.pk, 2)])
    with pytest.raises(VersionConflict):
        assessment_save(
            assessment=record,
            base_version=1,
            scores=[ScoreIn(item.pk, 0, "tidak ada SK")],
            assessor=assessor,
        )
    answer = Answer.objects.get()
    assert (answer.self_score, answer.assessor_score) == (2, None)
    record.refresh_from_db()
    assert record.version == 2


def test_answers_stop_changing_once_submitted_until_given_back(record) -> None:  # type: ignore[no-untyped-def]
    items = list(record.questionnaire.items.all())
    with pytest.raises(AssessmentIncomplete) as missing:
        assessment_submit(assessment=record)
    assert missing.value.missing == len(items)
    record = assessment_save(
        assessment=record, base_version=1, answers=[AnswerIn(i.pk, 3) for i in items]
    )
    record = assessment_submit(assessment=record)
    with pytest.raises(AssessmentLocked):
        assessment_save(
            assessment=record, base_version=record.version, answers=[AnswerIn(items[0].pk, 1)]
        )
    record = assessment_reopen(assessment=record)
    assessment_save(
        assessment=record, base_version=record.version, answers=[AnswerIn(items[0].pk, 1)]
    )
    assert Answer.objects.get(item=items[0]).self_score == 1


def test_a_score_off_the_scale_or_an_item_of_another_cohort_is_refused(record, assessor) -> None:  # type: ignore[no-untyped-def]
    item = record.questionnaire.items.first()
    with pytest.raises(ValidationError):
        assessment_save(assessment=record, base_version=1, answers=[AnswerIn(item.pk, 5)])
    with pytest.raises(ValidationError):
        assessment_save(
            assessment=record, base_version=1, scores=[ScoreIn(999999, 1)], assessor=assessor
        )
    assert not Answer.objects.exists()
