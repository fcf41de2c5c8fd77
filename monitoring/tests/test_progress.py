from datetime import date

import pytest

from masterplans.tests.factories import make_masterplan
from monitoring.models import Milestone, ProgressReport
from monitoring.progress import (
    due_date,
    late_reports,
    milestone_percent,
    newest_percents,
    quarter_end,
    quarters_between,
    report_percent,
)

pytestmark = pytest.mark.django_db


def test_quarters_end_on_the_last_day_and_reports_are_due_15_days_later() -> None:
    assert quarter_end(2028, 1) == date(2028, 3, 31)
    assert quarter_end(2028, 2) == date(2028, 6, 30)
    assert due_date(2027, 4) == date(2028, 1, 15)
    assert quarters_between((2027, 3), (2028, 2)) == [(2027, 3), (2027, 4), (2028, 1), (2028, 2)]


def test_percent_from_milestones_weighs_what_was_done_by_the_date() -> None:
    program = make_masterplan().programs.get(code="GOV-01")
    for title, due, done, weight in (
        ("Kajian", date(2027, 2, 1), date(2027, 2, 10), 1),
        ("Pengadaan", date(2027, 5, 1), date(2027, 6, 30), 2),
        ("Peluncuran", date(2027, 9, 1), None, 1),
    ):
        Milestone.objects.create(
            program=program, title=title, due_date=due, done_on=done, weight=weight
        )
    milestones = list(program.milestones.all())
    assert milestone_percent(milestones, date(2027, 3, 31)) == 25  # 1 of 4
    assert milestone_percent(milestones, date(2027, 6, 30)) == 75  # 3 of 4, done on the day
    assert milestone_percent([], date(2027, 6, 30)) is None


def test_a_report_takes_its_percent_from_the_programs_mode() -> None:
    program = make_masterplan().programs.get(code="GOV-01")
    Milestone.objects.create(
        program=program, title="A", due_date=date(2027, 2, 1), done_on=date(2027, 2, 1)
    )
    Milestone.objects.create(program=program, title="B", due_date=date(2027, 8, 1))
    report = ProgressReport.objects.create(
        program=program, year=2027, quarter=1, status="on_track", percent_entered=80
    )
    assert report_percent(report) == 80
    program.progress_mode = "milestones"
    program.save()
    report.refresh_from_db()
    assert report_percent(report) == 50


def test_late_reports_are_the_missing_quarters_past_their_due_date() -> None:
    masterplan = make_masterplan(status="approved")
    program = masterplan.programs.get(code="GOV-01")  # runs 2027-2028
    ProgressReport.objects.create(program=program, year=2027, quarter=1, status="on_track")
    programs = masterplan.programs.filter(code="GOV-01").prefetch_related("progress_reports")
    # On 15 Oct 2027 Q3's report is due that very day: not late yet; Q2 is.
    late = late_reports(programs, date(2027, 10, 15))
    assert [(r.year, r.quarter) for r in late] == [(2027, 2)]
    late = late_reports(programs, date(2027, 10, 16))
    assert [(r.year, r.quarter) for r in late] == [(2027, 2), (2027, 3)]
    assert late[1].due == date(2027, 10, 15)


def test_no_report_is_owed_after_the_program_ends_or_before_it_starts() -> None:
    masterplan = make_masterplan(status="approved")
    programs = masterplan.programs.filter(code="GOV-01").prefetch_related("progress_reports")
    assert late_reports(programs, date(2027, 1, 1)) == []
    late = late_reports(programs, date(2031, 6, 1), since=(2026, 1))
    assert len(late) == 8  # 2027 and 2028, four quarters each


def test_the_newest_percent_of_each_program_follows_its_mode() -> None:
    masterplan = make_masterplan()
    derived = masterplan.programs.get(code="GOV-01")
    derived.progress_mode = "milestones"
    derived.save()
    for due, done, weight in (
        (date(2027, 2, 1), date(2027, 2, 10), 1),
        (date(2027, 9, 1), None, 3),
    ):
        Milestone.objects.create(
            program=derived, title="t", due_date=due, done_on=done, weight=weight
        )
    entered = masterplan.programs.exclude(pk=derived.pk).first()
    for program in (derived, entered):
        for quarter, percent in ((1, 10), (2, 60)):
            ProgressReport.objects.create(
                program=program,
                year=2027,
                quarter=quarter,
                status="on_track",
                percent_entered=percent,
            )
    percents = newest_percents(masterplan.programs.all())
    assert percents[derived.pk] == 25  # 1 of 4 weight done by 30 Jun 2027; the 60 typed is ignored
    assert percents[entered.pk] == 60  # the newest report's figure
    silent = masterplan.programs.exclude(pk__in=[derived.pk, entered.pk]).first()
    assert percents[silent.pk] is None  # no report yet
    newest = ProgressReport.objects.get(program=derived, quarter=2)
    assert percents[derived.pk] == report_percent(newest)


def test_a_quarter_reads_t_in_indonesian_and_q_in_english() -> None:
    from django.utils import translation

    from monitoring.models import quarter_label

    with translation.override("id"):
        assert quarter_label(2, 2027) == "T2 2027"
    with translation.override("en"):
        assert quarter_label(2, 2027) == "Q2 2027" and quarter_label(4) == "Q4"


def test_a_programs_timeline_puts_milestones_and_reports_in_date_order() -> None:
    from monitoring.progress import timeline

    program = make_masterplan().programs.get(code="GOV-01")  # 2027-2028
    done_late = Milestone.objects.create(
        program=program, title="Kajian", due_date=date(2027, 2, 1), done_on=date(2027, 3, 10)
    )
    overdue = Milestone.objects.create(
        program=program, title="Peluncuran", due_date=date(2027, 9, 1)
    )
    report = ProgressReport.objects.create(
        program=program, year=2027, quarter=1, status="on_track", percent_entered=30
    )
    moments = timeline(program, [report], [done_late, overdue], today=date(2027, 10, 1))
    assert [(m.on, m.kind, m.text, m.late) for m in moments] == [
        (date(2027, 1, 1), "start", "Program dimulai", False),
        (date(2027, 3, 10), "milestone_done", "Kajian", True),
        (date(2027, 3, 31), "report", "T1 2027", False),
        (date(2027, 9, 1), "milestone_due", "Peluncuran", True),
        (date(2028, 12, 31), "end", "Rencana selesai", False),
    ]
    assert (moments[2].status_label, moments[2].percent) == ("sesuai rencana", 30)
