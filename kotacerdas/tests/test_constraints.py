"""The database refuses what the forms refuse: every invariant written straight through the
ORM (as a script, the admin or a bug would) is an IntegrityError, and the row stays as it was."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, models, transaction

from evaluation.models import Rubric, Score
from masterplans.models import ActionStep, BudgetLine, KpiTarget, Masterplan, Program
from masterplans.tests.factories import make_masterplan
from mentoring.models import Workshop, WorkshopAttendance
from monitoring.models import KpiActual, Milestone, ProgressReport
from readiness.models import Answer, Assessment, Item, Questionnaire
from regions.models import Region
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


def _program() -> Program:
    masterplan = Masterplan.objects.first() or make_masterplan()
    return masterplan.programs.first()  # type: ignore[return-value]


def _budget_line() -> BudgetLine:
    return BudgetLine.objects.filter(program=_program()).first()  # type: ignore[return-value]


def _kpi_target() -> KpiTarget:
    return KpiTarget.objects.filter(kpi__program=_program()).first()  # type: ignore[return-value]


def _round() -> SelectionRound:
    return SelectionRound.objects.create(
        name="Uji", year=2026, total=10, indicator_year=2024, weights={"kkd": 1}
    )


def _attendance() -> WorkshopAttendance:
    workshop = Workshop.objects.create(
        cohort=_round(), number=1, start_date=date(2027, 3, 1), end_date=date(2027, 3, 2), place="x"
    )
    return WorkshopAttendance.objects.create(
        workshop=workshop, region=Region.objects.get(code="32.73"), present=True, attendees=3
    )


def _score() -> Score:
    rubric = Rubric.objects.create(year=2027, title="Uji")
    return Score.objects.create(
        rubric=rubric, region=Region.objects.get(code="32.73"), dimension="living",
        component="output", self_score=Decimal(3),
    )  # fmt: skip


def _answer() -> Answer:
    questionnaire = Questionnaire.objects.create(cohort=_round(), title="Uji")
    item = Item.objects.create(
        questionnaire=questionnaire, part="struktur", subpart="sdm", text="x"
    )
    assessment = Assessment.objects.create(
        region=Region.objects.get(code="32.73"), questionnaire=questionnaire
    )
    return Answer.objects.create(assessment=assessment, item=item, self_score=2)


def _report() -> ProgressReport:
    return ProgressReport.objects.create(
        program=_program(), year=2027, quarter=1, status="on_track"
    )


INVARIANTS: list[tuple[str, Callable[[], models.Model], str, Any]] = [
    (
        "a masterplan starts in the program's time",
        lambda: _program().masterplan,
        "start_year",
        1999,
    ),
    ("a masterplan runs 5 or 10 years", lambda: _program().masterplan, "period_years", 7),
    ("a budget envelope is not negative", lambda: _program().masterplan, "budget_envelope", -1),
    ("a masterplan has a title", lambda: _program().masterplan, "title", ""),
    ("a program ends after it starts", _program, "end_year", 2020),
    ("a program starts in the program's time", _program, "start_year", 1900),
    ("a program has a code", _program, "code", ""),
    ("a program has a title", _program, "title", ""),
    ("a budget line is not negative", _budget_line, "amount", -5000),
    ("a budget line has a year", _budget_line, "year", 3000),
    (
        "a step's year is a year",
        lambda: ActionStep.objects.create(program=_program(), text="x"),
        "year",
        12,
    ),
    ("a KPI target's year is a year", _kpi_target, "year", 99),
    ("a report is of quarter 1 to 4", _report, "quarter", 5),
    ("a percent is 0 to 100", _report, "percent_entered", 101),
    ("money realised is not negative", _report, "budget_realised", -1),
    ("a report's year is a year", _report, "year", 1),
    (
        "a milestone weighs 1 to 100",
        lambda: Milestone.objects.create(program=_program(), title="m", due_date=date(2027, 6, 1)),
        "weight",
        0,
    ),
    (
        "a KPI actual's year is a year",
        lambda: KpiActual.objects.create(kpi=_program().kpis.first(), year=2027, value=1),
        "year",
        20270,
    ),
    ("attendees are 0 to 99", _attendance, "attendees", 100),
    ("an absent region has no attendees", _attendance, "present", False),
    (
        "a rubric's scale is 1 to 100",
        lambda: Rubric.objects.create(year=2028, title="x"),
        "scale_max",
        0,
    ),
    (
        "a rubric's year is 2017 to 2100",
        lambda: Rubric.objects.create(year=2028, title="x"),
        "year",
        2016,
    ),
    ("an evaluation score is never past 100", _score, "assessor_score", Decimal(101)),
    ("an evaluation score is never negative", _score, "self_score", Decimal(-1)),
    ("a readiness score is 0 to 4", _answer, "assessor_score", 5),
    ("a readiness self-score is 0 to 4", _answer, "self_score", 7),
    ("a round selects 1 to 514 regions", _round, "total", 0),
    ("a round's sensitivity draws are at most 50,000", _round, "sensitivity_draws", 60_000),
]


@pytest.mark.parametrize(
    ("make", "field", "bad"),
    [pytest.param(make, field, bad, id=name) for name, make, field, bad in INVARIANTS],
)
def test_the_database_refuses_what_a_form_would(make, field: str, bad: Any) -> None:  # type: ignore[no-untyped-def]
    row = make()
    before = getattr(type(row)._default_manager.get(pk=row.pk), field)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(row)._default_manager.filter(pk=row.pk).update(**{field: bad})
    assert getattr(type(row)._default_manager.get(pk=row.pk), field) == before


def test_one_report_per_program_per_quarter() -> None:
    report = _report()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.create(
            program=report.program, year=report.year, quarter=report.quarter, status="done"
        )
