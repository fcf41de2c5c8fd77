import pytest
from django.core.management import call_command

from evaluation.models import Award, Rubric, Score
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_the_followup_demo_loads_once_and_is_labelled(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    call_command("load_masterplan_demo", verbosity=0)
    call_command("load_followup_demo")
    from readiness.models import Answer, Assessment

    assert Assessment.objects.filter(is_demo=True).count() == 3
    answers = Answer.objects.count()
    assert answers == 3 * 18
    reports = ProgressReport.objects.count()
    assert reports > 0 and not ProgressReport.objects.filter(is_demo=False).exists()
    # Only approved and enacted demo masterplans are followed up (not the one in revision).
    assert set(
        ProgressReport.objects.values_list("program__masterplan__status", flat=True).distinct()
    ) <= {"approved", "enacted"}
    assert list(Rubric.objects.values_list("year", "is_demo", "status")) == [
        (2019, True, "published"),
        (2018, True, "published"),
    ]
    assert Score.objects.count() == 2 * 25 * 30
    # Nine categories a year; 2018 has no "most improved": there is no earlier evaluation.
    assert Award.objects.exclude(region=None).count() == 9 + 8
    assert not Award.objects.filter(rubric__year=2018, category="most_improved").exclude(
        region=None
    )
    # Dated in the demo year's own calendar, not on the day the demo was loaded.
    for award in Award.objects.exclude(region=None).select_related("rubric"):
        assert award.decided_at.year == award.rubric.year == award.rubric.published_at.year
    assert {s.verified_at.year for s in Score.objects.filter(rubric__year=2018)} == {2018}
    call_command("load_followup_demo")
    assert ProgressReport.objects.count() == reports
    assert Score.objects.count() == 2 * 25 * 30
    assert Answer.objects.count() == answers
    assert "0 laporan kemajuan, 0 evaluasi" in capsys.readouterr().out.splitlines()[-1]
