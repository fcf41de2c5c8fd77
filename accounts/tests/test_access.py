import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from accounts import access
from accounts.models import Membership, Role, User
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_anyone_may_view_a_region(bandung: Region) -> None:
    assert access.can(AnonymousUser(), "region.view", bandung)


def test_regional_editor_may_edit_own_region(owner: User, bandung: Region) -> None:
    assert access.can(owner, "region.edit", bandung)


def test_regional_editor_cannot_edit_another_region(owner: User, bekasi: Region) -> None:
    assert not access.can(owner, "region.edit", bekasi)


def test_regional_lead_may_edit_own_region(colleague: User, bandung: Region) -> None:
    assert access.can(colleague, "region.edit", bandung)


def test_viewer_cannot_edit_any_region(viewer: User, bandung: Region) -> None:
    assert not access.can(viewer, "region.edit", bandung)


def test_mentor_of_a_region_cannot_edit_its_profile(bandung: Region) -> None:
    mentor = User.objects.create_user("mentor")
    Membership.objects.create(user=mentor, role=Role.MENTOR, region=bandung)
    assert not access.can(mentor, "region.edit", bandung)


def test_program_officer_may_edit_every_region(
    officer: User, bandung: Region, bekasi: Region
) -> None:
    assert access.can(officer, "region.edit", bandung)
    assert access.can(officer, "region.edit", bekasi)


def test_anonymous_user_cannot_edit(bandung: Region) -> None:
    assert not access.can(AnonymousUser(), "region.edit", bandung)


def test_deactivated_user_loses_every_role(owner: User, bandung: Region) -> None:
    owner.is_active = False
    assert not access.can(owner, "region.edit", bandung)


def test_editable_regions_are_own_regions_only(owner: User) -> None:
    assert [r.code for r in access.regions_for(owner, "region.edit")] == ["32.73"]


def test_editable_regions_of_national_staff_are_all_regions(officer: User) -> None:
    assert access.regions_for(officer, "region.edit").count() == 514


def test_memberships_are_read_once_per_user_object(
    owner: User, bandung: Region, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(1):
        for _ in range(5):
            access.can(owner, "region.edit", bandung)


def test_national_only_role_cannot_be_scoped_to_a_region(bandung: Region) -> None:
    user = User.objects.create_user("x")
    with pytest.raises(ValidationError) as error:
        Membership(user=user, role=Role.PROGRAM_OFFICER, region=bandung).full_clean()
    assert list(error.value.message_dict) == ["region"]


def test_regional_role_needs_a_region() -> None:
    user = User.objects.create_user("x")
    with pytest.raises(ValidationError) as error:
        Membership(user=user, role=Role.REGIONAL_EDITOR).full_clean()
    assert list(error.value.message_dict) == ["region"]


def test_every_rule_names_known_roles() -> None:
    for rule in access.RULES.values():
        assert rule.national <= set(Role)
        assert rule.regional <= set(Role)


def test_somewhere_means_anywhere_or_in_a_region_of_ones_own(owner: User, viewer: User) -> None:
    assert access.can_somewhere(owner, "masterplan.edit")  # an editor of Kota Bandung
    assert not access.can_somewhere(viewer, "masterplan.edit")  # national, read only
    assert not access.can_somewhere(AnonymousUser(), "masterplan.edit")
    assert access.can_somewhere(AnonymousUser(), "region.view")  # public
