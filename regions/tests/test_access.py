"""Finding a region for a user (regions.access): public to read, the own team's to change."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from regions.access import get_region_for_user

pytestmark = pytest.mark.django_db


def test_anyone_reads_a_region() -> None:
    assert get_region_for_user(AnonymousUser(), "32.73").name == "Kota Bandung"


def test_a_regional_editor_changes_the_own_region_and_not_another(owner: User) -> None:
    assert get_region_for_user(owner, "32.73", "region.edit").name == "Kota Bandung"
    with pytest.raises(PermissionDenied):
        get_region_for_user(owner, "32.75", "region.edit")


def test_a_visitor_does_not_read_a_regions_history() -> None:
    with pytest.raises(PermissionDenied):
        get_region_for_user(AnonymousUser(), "32.73", "region.history")


def test_an_unknown_code_is_404(owner: User) -> None:
    with pytest.raises(Http404):
        get_region_for_user(owner, "99.99")
