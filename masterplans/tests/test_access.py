"""Finding a masterplan or a program for a user (masterplans.access): public once approved or
while its consultation is open, else the region's own people and national roles."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.models import Role, User
from conftest import make_user
from masterplans.access import get_masterplan_for_user, get_program_for_user
from masterplans.tests.factories import make_masterplan
from participation.services import consultation_window_open

pytestmark = pytest.mark.django_db


def test_a_draft_is_read_by_its_region_and_hidden_from_another(owner: User, outsider: User) -> None:
    draft = make_masterplan()
    assert get_masterplan_for_user(owner, draft.pk) == draft
    with pytest.raises(Http404):
        get_masterplan_for_user(outsider, draft.pk)


def test_a_draft_in_public_consultation_is_read_by_anyone(colleague: User) -> None:
    draft = make_masterplan()
    with pytest.raises(Http404):
        get_masterplan_for_user(AnonymousUser(), draft.pk)
    consultation_window_open(
        masterplan=draft, user=colleague, closes_at=timezone.now() + timedelta(days=7)
    )
    assert get_masterplan_for_user(AnonymousUser(), draft.pk) == draft


def test_an_action_the_reader_may_not_take_is_refused(viewer: User) -> None:
    draft = make_masterplan()
    with pytest.raises(PermissionDenied):
        get_masterplan_for_user(viewer, draft.pk, "masterplan.edit")


def test_a_program_follows_its_masterplan(owner: User, outsider: User, officer: User) -> None:
    program = make_masterplan().programs.get(code="GOV-01")
    assert get_program_for_user(owner, program.pk, "progress.report") == program
    with pytest.raises(Http404):
        get_program_for_user(outsider, program.pk)
    with pytest.raises(PermissionDenied):
        get_program_for_user(officer, program.pk, "progress.report")
    with pytest.raises(Http404):
        get_program_for_user(owner, 999_999)


def test_the_regions_mentor_reads_the_draft_and_comments_but_only_the_team_edits_it(
    owner: User, bandung
) -> None:  # type: ignore[no-untyped-def]
    mentor = make_user("mentor.bandung", Role.MENTOR, bandung)
    draft = make_masterplan()
    assert get_masterplan_for_user(mentor, draft.pk) == draft
    assert get_masterplan_for_user(mentor, draft.pk, "masterplan.comment") == draft
    with pytest.raises(PermissionDenied):
        get_masterplan_for_user(mentor, draft.pk, "masterplan.edit")
    assert get_masterplan_for_user(owner, draft.pk, "masterplan.edit") == draft
