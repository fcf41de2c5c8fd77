from decimal import Decimal

import pytest
from django.utils import timezone

from readiness.defaults import questionnaire_for
from readiness.models import Answer, Assessment, AssessmentStatus
from readiness.profile import readiness_gaps, readiness_profile, region_readiness_gaps
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


def test_it_weights_items_and_keeps_own_and_assessor_means_apart(record) -> None:  # type: ignore[no-untyped-def]
    digital = list(record.questionnaire.items.filter(part="infrastruktur"))[:3]
    digital[0].weight, digital[1].weight, digital[2].weight = 3, 1, 2
    for item in digital:
        item.save()
    Answer.objects.create(assessment=record, item=digital[0], self_score=4, assessor_score=2)
    Answer.objects.create(assessment=record, item=digital[1], self_score=1)
    Answer.objects.create(assessment=record, item=digital[2], self_score=3, assessor_score=3)
    part = next(p for p in readiness_profile(record) if p.part == "infrastruktur")
    # By hand. Counted (assessor first): (3*2 + 1*1 + 2*3) / 6 = 13/6 = 2.1666 -> 2.17, 54 %.
    # Own only: (3*4 + 1*1 + 2*3) / 6 = 19/6 = 3.17. Assessor only: (3*2 + 2*3) / 5 = 2.40.
    assert part.score == Decimal("2.17") and part.percent == 54
    assert part.self_score == Decimal("3.17") and part.assessor_score == Decimal("2.40")
    assert (part.scored, part.assessed) == (3, False)


def test_a_part_is_assessed_once_every_counted_item_has_an_assessor_score(record) -> None:  # type: ignore[no-untyped-def]
    item = record.questionnaire.items.filter(part="suprastruktur").first()
    Answer.objects.create(assessment=record, item=item, self_score=4, assessor_score=0)
    part = next(p for p in readiness_profile(record) if p.part == "suprastruktur")
    assert (part.score, part.percent, part.assessed) == (Decimal("0.00"), 0, True)


def test_the_gap_list_is_ordered_by_gap_size_with_the_part(record) -> None:  # type: ignore[no-untyped-def]
    struktur = record.questionnaire.items.filter(part="struktur").first()
    infra = record.questionnaire.items.filter(part="infrastruktur").first()
    supra = record.questionnaire.items.filter(part="suprastruktur").first()
    Answer.objects.create(assessment=record, item=struktur, self_score=3, assessor_score=1)
    Answer.objects.create(assessment=record, item=infra, self_score=0)
    Answer.objects.create(assessment=record, item=supra, self_score=1, assessor_score=2)
    gaps = readiness_gaps(record)
    assert [(g.answer.item.part, g.score, g.gap) for g in gaps] == [
        ("infrastruktur", 0, 4),
        ("struktur", 1, 3),
    ]


def test_the_masterplan_reads_the_gaps_of_the_regions_latest_cohort(record, bandung) -> None:  # type: ignore[no-untyped-def]
    assert region_readiness_gaps(bandung) == []
    older = record.questionnaire.items.first()
    Answer.objects.create(assessment=record, item=older, self_score=0)
    later = SelectionRound.objects.create(
        name="Tahap 2027", year=2027, total=10, indicator_year=2026, weights={"kkd": 1}
    )
    newer = Assessment.objects.create(region=bandung, questionnaire=questionnaire_for(later))
    item = newer.questionnaire.items.last()
    answer = Answer.objects.create(assessment=newer, item=item, self_score=1)
    assert [g.answer for g in region_readiness_gaps(bandung)] == [answer]


def test_the_status_goes_from_draft_to_submitted_to_scored(record) -> None:  # type: ignore[no-untyped-def]
    assert record.status == AssessmentStatus.DRAFT
    record.submitted_at = timezone.now()
    record.save()
    assert record.status == AssessmentStatus.SUBMITTED
    Answer.objects.bulk_create(
        Answer(assessment=record, item=item, self_score=2, assessor_score=2)
        for item in record.questionnaire.items.all()
    )
    assert record.status == AssessmentStatus.SCORED
    annotated = Assessment.objects.with_progress().get(pk=record.pk)
    assert (annotated.n_items, annotated.n_scored) == (18, 18)
    assert annotated.status == AssessmentStatus.SCORED
