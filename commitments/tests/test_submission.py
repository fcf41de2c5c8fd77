"""A masterplan of a region in a cohort goes to review only once the region's commitments are
recorded: the checklist says what is missing and the submission is refused with the reason."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from commitments.models import Contact
from commitments.tests.factories import make_commitments
from masterplans.checks import blocking_failures, run_checks
from masterplans.models import Status
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import WorkflowError, transition
from regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _commitments_check(masterplan: Any) -> Any:
    return next((c for c in run_checks(masterplan) if c.code == "commitments"), None)


def test_a_region_in_a_cohort_without_commitments_cannot_submit_and_is_told_why(
    cohort: Any, colleague: User
) -> None:
    masterplan = make_masterplan("32.73")
    check = _commitments_check(masterplan)
    assert check is not None and check.blocking and not check.ok
    assert check.label == "The region's commitments are recorded"
    assert len(check.problems) == 6
    assert "Dewan Smart City: no member is recorded." in check.problems
    assert "No contact person (narahubung) is recorded." in check.problems
    with pytest.raises(WorkflowError) as refused:
        transition(masterplan, "submit", colleague)
    assert "The region's commitments are recorded" in str(refused.value)
    masterplan.refresh_from_db()
    assert masterplan.status == Status.DRAFT


def test_once_the_commitments_are_complete_the_masterplan_is_submitted(
    cohort: Any, colleague: User, bandung: Region
) -> None:
    masterplan = make_masterplan("32.73", cohort=cohort)
    make_commitments(bandung)
    assert blocking_failures(run_checks(masterplan)) == []
    assert transition(masterplan, "submit", colleague).status == Status.IN_REVIEW


def test_one_missing_item_is_enough_to_block_and_is_the_only_one_named(
    cohort: Any, colleague: User, bandung: Region
) -> None:
    masterplan = make_masterplan("32.73")
    make_commitments(bandung)
    Contact.objects.filter(region=bandung).delete()
    check = _commitments_check(masterplan)
    assert check.problems == ["No contact person (narahubung) is recorded."]
    with pytest.raises(WorkflowError) as refused:
        transition(masterplan, "submit", colleague)
    # The refusal says what is missing, not only which check failed.
    assert "No contact person (narahubung) is recorded." in str(refused.value)


def test_a_region_outside_any_cohort_has_no_commitments_to_record(colleague: User) -> None:
    masterplan = make_masterplan("32.73")
    assert _commitments_check(masterplan) is None
    assert transition(masterplan, "submit", colleague).status == Status.IN_REVIEW


def test_the_lead_submitting_from_the_page_sees_the_reason_and_the_checklist_the_items(
    cohort: Any, colleague: User
) -> None:
    masterplan = make_masterplan("32.73")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(colleague)
    response = client.post(
        reverse("masterplans:transition", args=[masterplan.pk, "submit"]), follow=True
    )
    html = response.content.decode()
    assert "The region&#x27;s commitments are recorded" in html
    assert "Tim Pelaksana Smart City: no member is recorded." in html
    masterplan.refresh_from_db()
    assert masterplan.status == Status.DRAFT
