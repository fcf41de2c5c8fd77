"""Finding a selection round for a user (selection.access): a draft is the national team's."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from selection.access import get_round_for_user
from selection.models import RoundStatus
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db


def test_a_draft_round_is_hidden_from_a_region_and_read_by_national_roles(
    owner: User, viewer: User
) -> None:
    draft = make_round()
    with pytest.raises(Http404):
        get_round_for_user(owner, draft.pk)
    assert get_round_for_user(viewer, draft.pk) == draft


def test_a_published_round_is_public_but_only_national_staff_manage_it(
    viewer: User, officer: User
) -> None:
    published = make_round(status=RoundStatus.PUBLISHED)
    assert get_round_for_user(AnonymousUser(), published.pk) == published
    with pytest.raises(PermissionDenied):
        get_round_for_user(viewer, published.pk, "round.manage")
    assert get_round_for_user(officer, published.pk, "round.manage") == published


def test_an_unknown_round_is_404(officer: User) -> None:
    with pytest.raises(Http404):
        get_round_for_user(officer, 999_999)
