import datetime

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role, User
from conftest import make_user
from masterplans.models import Masterplan, Status
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import (
    WorkflowError,
    available_transitions,
    masterplan_create,
    masterplan_edition_create,
    require_editable,
    transition,
)
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_the_lead_submits_staff_approve_and_the_enactment_is_recorded(
    colleague: User, officer: User
) -> None:
    masterplan = make_masterplan()
    masterplan = transition(masterplan, "submit", colleague)
    assert masterplan.status == Status.IN_REVIEW
    masterplan = transition(masterplan, "approve", officer)
    masterplan = transition(
        masterplan,
        "enact",
        colleague,
        regulation_number="Perwali No. 12 Tahun 2027",
        regulation_date=datetime.date(2027, 3, 1),
    )
    assert masterplan.status == Status.ENACTED
    assert masterplan.regulation_number == "Perwali No. 12 Tahun 2027"
    versions = list(masterplan.versions.values_list("number", "status"))
    assert versions == [(1, "in_review"), (2, "approved"), (3, "enacted")]
    assert masterplan.versions.last().snapshot["masterplan"]["regulation_date"] == "2027-03-01"


def test_submission_is_refused_while_a_blocking_check_fails(colleague: User) -> None:
    masterplan = make_masterplan()
    masterplan.programs.filter(dimension="branding").delete()
    with pytest.raises(WorkflowError, match="Setiap dimensi punya program"):
        transition(masterplan, "submit", colleague)
    masterplan.refresh_from_db()
    assert masterplan.status == Status.DRAFT and not masterplan.versions.exists()


def test_only_the_lead_submits(owner: User, officer: User, outsider: User) -> None:
    masterplan = make_masterplan()
    for user in (owner, officer, outsider):
        with pytest.raises(PermissionDenied):
            transition(masterplan, "submit", user)


def test_only_national_staff_review(colleague: User, viewer: User, officer: User) -> None:
    masterplan = transition(make_masterplan(), "submit", colleague)
    for user in (colleague, viewer):
        with pytest.raises(PermissionDenied):
            transition(masterplan, "approve", user)
    with pytest.raises(WorkflowError, match="Sebutkan apa yang perlu direvisi"):
        transition(masterplan, "request_revision", officer)
    masterplan = transition(masterplan, "request_revision", officer, note="Tambah KPI ekonomi")
    assert masterplan.status == Status.REVISION
    assert masterplan.versions.last().note == "Tambah KPI ekonomi"
    require_editable(masterplan, colleague)  # a revision is edited again
    assert transition(masterplan, "submit", colleague).status == Status.IN_REVIEW


def test_a_step_from_the_wrong_status_is_refused(colleague: User, officer: User) -> None:
    masterplan = make_masterplan()
    with pytest.raises(WorkflowError, match="draf"):
        transition(masterplan, "approve", officer)
    masterplan = transition(transition(masterplan, "submit", colleague), "approve", officer)
    with pytest.raises(WorkflowError, match="nomor dan tanggal"):
        transition(masterplan, "enact", officer, regulation_number="", regulation_date=None)


def test_a_masterplan_in_review_or_enacted_cannot_be_edited(colleague: User, owner: User) -> None:
    masterplan = transition(make_masterplan(), "submit", colleague)
    with pytest.raises(WorkflowError):
        require_editable(masterplan, owner)


def test_editors_of_other_regions_and_mentors_never_edit(outsider: User, bandung: Region) -> None:
    masterplan = make_masterplan()
    mentor = make_user("mentor.bandung", Role.MENTOR, bandung)
    for user in (outsider, mentor):
        with pytest.raises(PermissionDenied):
            require_editable(masterplan, user)


def test_the_steps_offered_depend_on_status_and_role(colleague: User, officer: User) -> None:
    masterplan = make_masterplan()
    assert [t.name for t in available_transitions(masterplan, colleague)] == ["submit"]
    assert available_transitions(masterplan, officer) == []
    masterplan = transition(masterplan, "submit", colleague)
    assert [t.name for t in available_transitions(masterplan, officer)] == [
        "request_revision",
        "approve",
    ]


def test_an_enacted_masterplan_changes_only_through_a_new_edition(
    colleague: User, officer: User, owner: User
) -> None:
    masterplan = transition(transition(make_masterplan(), "submit", colleague), "approve", officer)
    masterplan = transition(
        masterplan,
        "enact",
        officer,
        regulation_number="Perwali 3/2027",
        regulation_date=datetime.date(2027, 2, 1),
    )
    with pytest.raises(WorkflowError):
        require_editable(masterplan, owner)
    edition = masterplan_edition_create(masterplan=masterplan, user=owner)
    assert (edition.edition, edition.status, edition.previous) == (2, Status.DRAFT, masterplan)
    assert edition.programs.count() == masterplan.programs.count() == 6
    governance = edition.programs.get(code="GOV-01")
    assert governance.answers is not None and governance.answers.masterplan == edition
    assert governance.kpis.get().targets.count() == 2
    with pytest.raises(WorkflowError):
        masterplan_edition_create(masterplan=masterplan, user=owner)


def test_a_region_gets_one_masterplan_in_progress(colleague: User, bandung: Region) -> None:
    fields = {"region": bandung, "title": "Masterplan", "start_year": 2027}
    masterplan = masterplan_create(user=colleague, **fields)
    assert masterplan.versions.count() == 1
    with pytest.raises(WorkflowError):
        masterplan_create(user=colleague, **fields)
    assert Masterplan.objects.count() == 1


def test_an_editor_or_another_region_cannot_start_a_masterplan(
    owner: User, outsider: User, bandung: Region
) -> None:
    for user in (owner, outsider):
        with pytest.raises(PermissionDenied):
            masterplan_create(user=user, region=bandung, title="M", start_year=2027)


def test_a_new_masterplan_joins_the_cohort_that_selected_its_region(
    colleague: User, bandung: Region
) -> None:
    from django.core.management import call_command

    call_command("load_history", verbosity=0)
    masterplan = masterplan_create(user=colleague, region=bandung, title="M", start_year=2018)
    assert masterplan.cohort is not None and masterplan.cohort.year == 2017


def test_a_region_outside_any_round_starts_without_a_cohort(officer: User, bekasi: Region) -> None:
    masterplan = masterplan_create(user=officer, region=bekasi, title="M", start_year=2027)
    assert masterplan.cohort is None
