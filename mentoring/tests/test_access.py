"""Finding an assignment for a user (mentoring.access): the national team's to see and change."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Membership, Role, User
from conftest import make_user
from mentoring.access import get_assignment_for_user
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_only_the_national_team_finds_an_assignment_and_others_learn_no_ids(
    bandung: Region, officer: User, viewer: User, colleague: User
) -> None:
    mentor = make_user("mentor.bandung", Role.MENTOR, bandung)
    assignment = Membership.objects.get(user=mentor)
    assert get_assignment_for_user(officer, assignment.pk, "mentoring.assign") == assignment
    assert get_assignment_for_user(viewer, assignment.pk) == assignment
    with pytest.raises(PermissionDenied):
        get_assignment_for_user(viewer, assignment.pk, "mentoring.assign")
    with pytest.raises(PermissionDenied):
        get_assignment_for_user(colleague, 999_999)
    with pytest.raises(Http404):
        get_assignment_for_user(officer, 999_999)
