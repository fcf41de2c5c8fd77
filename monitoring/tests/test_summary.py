from datetime import date

import pytest

from masterplans.tests.factories import make_masterplan, make_program
from monitoring.models import Milestone, ProgressReport
from monitoring.summary import follow_through

pytestmark = pytest.mark.django_db


def test_follow_through_counts_newest_statuses_and_reads_milestone_quick_wins_by_mode() -> None:
    masterplan = make_masterplan(status="approved")
    quick = list(masterplan.programs.filter(is_quick_win=True))
    derived, entered = quick[0], make_program(masterplan, "economy", 2)  # not a quick win
    derived.progress_mode = "milestones"
    derived.save()
    Milestone.objects.create(
        program=derived, title="a", due_date=date(2027, 2, 1), done_on=date(2027, 2, 1), weight=3
    )
    Milestone.objects.create(program=derived, title="b", due_date=date(2027, 9, 1), weight=1)
    for quarter, status in ((1, "on_track"), (2, "delayed")):
        ProgressReport.objects.create(
            program=derived, year=2027, quarter=quarter, status=status, percent_entered=5
        )
    ProgressReport.objects.create(
        program=entered,
        year=2027,
        quarter=1,
        status="done",
        percent_entered=100,
        budget_realised=40_000_000,
    )

    summary = follow_through(masterplan)

    assert summary.quick_win_percent == 75  # 3 of 4 weight done by 30 Jun; the typed 5 ignored
    assert [(v, n) for v, _label, n in summary.quick_win_statuses] == [
        ("delayed", 1),
        ("none", len(quick) - 1),
    ]
    programs = {v: n for v, _label, n in summary.program_statuses}
    assert programs == {"delayed": 1, "done": 1, "none": summary.programs - 2}
    assert summary.realised == 40_000_000
