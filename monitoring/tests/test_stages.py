"""A program's implementation stages: which transitions are refused, how each stage stands
against its plan, and the team recording them on the program's page."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from monitoring import stages
from monitoring.models import ProgramStage, ProgressReport, Stage
from monitoring.stages import current_stage, due_in, refusal, standing

TODAY = date(2027, 8, 1)


def test_the_stages_follow_the_models_choices_in_order() -> None:
    assert [*stages.ORDER, stages.DROPPED] == Stage.values


def test_stages_go_forward_and_may_skip_some() -> None:
    reached = {"planned": date(2027, 1, 10), "ded": date(2027, 3, 1)}
    assert refusal(reached, "tender", date(2027, 4, 1), TODAY) is None
    # No DED and no tender for an application bought off the shelf.
    assert refusal({"planned": date(2027, 1, 10)}, "contract", date(2027, 2, 1), TODAY) is None
    # The same day as the stage before is fine.
    assert refusal(reached, "tender", date(2027, 3, 1), TODAY) is None


def test_going_back_is_refused_except_to_dropped() -> None:
    reached = {"planned": date(2027, 1, 10), "tender": date(2027, 4, 1)}
    assert refusal(reached, "ded", date(2027, 2, 1), TODAY) == stages.Refusal(
        "backwards", "tender", date(2027, 4, 1)
    )
    assert refusal(reached, "dropped", date(2027, 5, 1), TODAY) is None


def test_a_date_before_the_previous_stages_is_refused() -> None:
    reached = {"planned": date(2027, 1, 10), "ded": date(2027, 3, 1)}
    assert refusal(reached, "tender", date(2027, 2, 28), TODAY) == stages.Refusal(
        "before_previous", "ded", date(2027, 3, 1)
    )
    # Dropping the program too cannot come before the last stage it reached.
    assert refusal(reached, "dropped", date(2027, 2, 1), TODAY) == stages.Refusal(
        "before_previous", "ded", date(2027, 3, 1)
    )


def test_a_date_still_to_come_is_refused() -> None:
    assert refusal({}, "planned", date(2027, 8, 2), TODAY) == stages.Refusal("future")
    assert refusal({}, "planned", TODAY, TODAY) is None


def test_nothing_follows_a_dropped_program() -> None:
    reached = {"planned": date(2027, 1, 10), "dropped": date(2027, 2, 1)}
    assert refusal(reached, "ded", date(2027, 3, 1), TODAY) == stages.Refusal(
        "dropped", "dropped", date(2027, 2, 1)
    )


def test_a_stage_is_unset_only_while_no_later_one_follows_it() -> None:
    reached = {"planned": date(2027, 1, 10), "ded": date(2027, 3, 1)}
    assert refusal(reached, "planned", None, TODAY) == stages.Refusal(
        "later_reached", "ded", date(2027, 3, 1)
    )
    assert refusal(reached, "ded", None, TODAY) is None
    assert refusal({**reached, "dropped": date(2027, 4, 1)}, "dropped", None, TODAY) is None


def test_the_current_stage_is_the_furthest_reached_or_dropped() -> None:
    assert current_stage({}) is None
    assert current_stage({"planned": date(2027, 1, 1), "contract": date(2027, 5, 1)}) == "contract"
    assert current_stage({"build": date(2027, 5, 1), "dropped": date(2027, 6, 1)}) == "dropped"
    assert current_stage({"planned": None, "ded": date(2027, 2, 1)}) == "ded"


def test_a_stage_is_late_when_reached_after_its_plan_or_not_reached_by_it() -> None:
    dates = {
        "planned": (date(2027, 1, 15), date(2027, 1, 10)),
        "ded": (date(2027, 3, 1), date(2027, 3, 20)),
        "tender": (date(2027, 6, 1), None),
        "contract": (date(2027, 9, 1), None),
        "build": (None, None),
    }
    assert standing("planned", dates, TODAY) == "on_time"
    assert standing("ded", dates, TODAY) == "late"
    assert standing("tender", dates, TODAY) == "overdue"
    assert standing("contract", dates, TODAY) == "upcoming"
    assert standing("build", dates, TODAY) == ""
    skipped = {**dates, "contract": (date(2027, 9, 1), date(2027, 7, 1))}
    assert standing("tender", skipped, TODAY) == "skipped"
    dropped = {**dates, "dropped": (None, date(2027, 5, 1))}
    assert standing("tender", dropped, TODAY) == "not_needed"
    assert standing("dropped", dropped, TODAY) == "reached"


def test_the_stages_due_in_a_stretch_leave_out_skipped_ones_and_those_after_a_drop() -> None:
    start, end = date(2027, 1, 1), date(2027, 6, 30)
    dates = {
        "planned": (date(2026, 12, 1), date(2026, 12, 1)),  # before the stretch
        "ded": (date(2027, 2, 1), date(2027, 2, 1)),  # due, on time (on the day)
        "tender": (date(2027, 4, 1), date(2027, 4, 20)),  # due, late
        "contract": (date(2027, 6, 1), None),  # due, not reached
        "build": (date(2027, 7, 1), None),  # after the stretch
    }
    assert due_in(dates, start, end) == (3, 1)
    # Reached after the end of the stretch: it was late then, and still is.
    assert due_in({"ded": (date(2027, 6, 1), date(2027, 7, 5))}, start, end) == (1, 0)
    # Skipped: a later stage was reached by the end while it was not.
    skipped = {**dates, "contract": (date(2027, 6, 1), None), "build": (None, date(2027, 6, 10))}
    assert due_in(skipped, start, end) == (2, 1)
    # Dropped on 15 May: the contract planned for June is no longer owed.
    dropped = {**dates, "dropped": (None, date(2027, 5, 15))}
    assert due_in(dropped, start, end) == (2, 1)


@pytest.fixture
def program(db):  # type: ignore[no-untyped-def]
    return make_masterplan(status="approved").programs.get(code="GOV-01")


@pytest.fixture
def on_1_august_2027(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)


def post_stage(client: Client, program, **data: object):  # type: ignore[no-untyped-def]
    fields = {"stage": "planned", "planned_date": "", "actual_date": "", "note": "", "version": 0}
    fields.update(data)
    return client.post(f"/pemantauan/program/{program.pk}/tahap/", fields)


@pytest.mark.usefixtures("on_1_august_2027")
def test_the_team_plans_stages_and_records_them_reached(login, owner: User, program) -> None:
    client = login(owner)
    post_stage(
        client, program, stage="planned", planned_date="2027-01-15", actual_date="2027-01-10"
    )
    post_stage(client, program, stage="ded", planned_date="2027-03-01", actual_date="2027-03-20")
    post_stage(client, program, stage="tender", planned_date="2027-06-01")
    post_stage(client, program, stage="contract", planned_date="2027-09-01")
    rows = {s.stage: s for s in ProgramStage.objects.filter(program=program)}
    assert (rows["ded"].planned_date, rows["ded"].actual_date) == (
        date(2027, 3, 1),
        date(2027, 3, 20),
    )
    page = client.get(f"/pemantauan/program/{program.pk}/")
    standings = {row.stage: row.standing for row in page.context["stages"]}
    assert standings == {
        "planned": "on_time",
        "ded": "late",
        "tender": "overdue",
        "contract": "upcoming",
        "build": "",
        "operation": "",
        "dropped": "",
    }
    assert [row.stage for row in page.context["stages"] if row.late] == ["ded", "tender"]
    assert page.context["current_stage"] == Stage.DED.label
    html = page.content.decode()
    assert html.count("stage-row-late") == 2 and "standing-overdue" in html
    # The form opens on the stage after the current one.
    assert page.context["stage_form"]["stage"].value() == "tender"
    # The masterplan's progress page shows each program's stage.
    listing = client.get(f"/pemantauan/masterplan/{program.masterplan_id}/?year=2027")
    row = next(r for r in listing.context["page"] if r["program"] == program)
    assert row["stage"] == Stage.DED.label


@pytest.mark.usefixtures("on_1_august_2027")
def test_an_impossible_transition_is_refused_and_nothing_is_written(
    login, owner: User, program
) -> None:
    client = login(owner)
    post_stage(client, program, stage="tender", actual_date="2027-04-01")
    refused = post_stage(client, program, stage="ded", actual_date="2027-03-01")
    assert refused.status_code == 200
    assert "tahap tidak bisa mundur" in str(refused.context["stage_form"].errors["actual_date"])
    before = post_stage(client, program, stage="contract", actual_date="2027-03-31")
    assert "tidak bisa tercapai lebih dulu" in str(before.context["stage_form"].errors)
    future = post_stage(client, program, stage="contract", actual_date="2027-08-02")
    assert "tidak boleh di masa depan" in str(future.context["stage_form"].errors)
    # Typed as it was, next to the message.
    assert future.context["stage_form"]["actual_date"].value() == "2027-08-02"
    assert list(ProgramStage.objects.values_list("stage", flat=True)) == ["tender"]
    # Dropping it is always possible, and then nothing follows.
    post_stage(
        client, program, stage="dropped", actual_date="2027-05-01", note="Anggaran dialihkan"
    )
    after = post_stage(client, program, stage="contract", actual_date="2027-06-01")
    assert "Program dihentikan" in str(after.context["stage_form"].errors)
    page = client.get(f"/pemantauan/program/{program.pk}/")
    assert page.context["current_stage"] == Stage.DROPPED.label


@pytest.mark.usefixtures("on_1_august_2027")
def test_a_stage_changed_since_it_was_opened_is_not_overwritten(
    login, owner: User, colleague: User, program
) -> None:
    post_stage(login(owner), program, stage="ded", planned_date="2027-03-01")
    opened = login(colleague).get(f"/pemantauan/program/{program.pk}/?tahap=ded")
    assert opened.context["stage_form"]["version"].value() == "1"
    post_stage(login(owner), program, stage="ded", planned_date="2027-03-15", version=1)
    late = post_stage(login(colleague), program, stage="ded", planned_date="2027-04-01", version=1)
    assert late.status_code == 409
    assert ProgramStage.objects.get(stage="ded").planned_date == date(2027, 3, 15)
    # A second "new" record of a stage that exists meanwhile is refused too.
    assert post_stage(login(colleague), program, stage="ded", version=0).status_code == 409


@pytest.mark.usefixtures("on_1_august_2027")
def test_only_the_regions_team_records_stages_of_an_approved_masterplan(
    login, outsider: User, viewer: User, owner: User
) -> None:
    approved = make_masterplan(status="approved").programs.get(code="GOV-01")
    assert post_stage(login(viewer), approved, planned_date="2027-01-01").status_code == 403
    assert post_stage(login(outsider), approved, planned_date="2027-01-01").status_code == 403
    assert post_stage(Client(), approved, planned_date="2027-01-01").status_code == 302
    draft = make_masterplan("32.75").programs.get(code="GOV-01")
    assert post_stage(login(outsider), draft, planned_date="2027-01-01").status_code == 302
    assert not ProgramStage.objects.exists()


def test_physical_and_financial_progress_are_shown_side_by_side(
    login, owner: User, program, client: Client
) -> None:
    ProgressReport.objects.create(
        program=program,
        year=2027,
        quarter=1,
        status="on_track",
        percent_entered=20,
        budget_realised=100_000_000,
    )
    ProgressReport.objects.create(
        program=program,
        year=2027,
        quarter=2,
        status="on_track",
        percent_entered=45,
        budget_realised=150_000_000,
    )
    page = client.get(f"/pemantauan/program/{program.pk}/")
    first, second = page.context["yearly"]
    # 2027: the newest report says 45% done; 250 of the 500 million planned were spent (50%).
    assert (first["year"], first["percent"], first["planned"], first["realised"]) == (
        2027,
        45,
        500_000_000,
        250_000_000,
    )
    assert first["realised_percent"] == 50
    assert (second["percent"], second["realised_percent"]) == (None, 0)
    listing = client.get(f"/pemantauan/masterplan/{program.masterplan_id}/?year=2027")
    row = next(r for r in listing.context["page"] if r["program"] == program)
    assert (row["year_percent"], row["realised_percent"]) == (45, 50)
    # Six programs of 500 million each: 250 million is 8% of the year's plan.
    assert listing.context["realised_percent"] == 8
