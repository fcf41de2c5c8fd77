"""Finding a mentoring comment or a resident's comment for a user (participation.access): they
follow their masterplan."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan
from participation.access import get_comment_for_user, get_public_comment_for_user
from participation.models import Comment, ConsultationWindow, PublicComment

pytestmark = pytest.mark.django_db


def test_a_mentoring_comment_is_for_the_regions_people(
    masterplan: Masterplan, mentor: User, owner: User, outsider: User
) -> None:
    comment = Comment.objects.create(masterplan=masterplan, author=mentor, text="Tambah KPI")
    assert get_comment_for_user(owner, comment.pk, "masterplan.resolve") == comment
    assert get_comment_for_user(mentor, comment.pk) == comment
    with pytest.raises(PermissionDenied):
        get_comment_for_user(mentor, comment.pk, "masterplan.resolve")
    with pytest.raises(Http404):
        get_comment_for_user(outsider, comment.pk)


def test_a_residents_comment_is_found_under_its_own_masterplan_by_its_moderators(
    masterplan: Masterplan, window: ConsultationWindow, owner: User, viewer: User, officer: User
) -> None:
    comment = PublicComment.objects.create(window=window, name="Warga", text="Setuju")
    with pytest.raises(Http404):  # its writer has not opened the link yet
        get_public_comment_for_user(owner, masterplan.pk, comment.pk)
    comment.confirmed_at = timezone.now()
    comment.save()
    assert get_public_comment_for_user(owner, masterplan.pk, comment.pk) == comment
    with pytest.raises(PermissionDenied):
        get_public_comment_for_user(viewer, masterplan.pk, comment.pk)
    other = make_masterplan("32.75")
    assert get_public_comment_for_user(officer, masterplan.pk, comment.pk) == comment
    with pytest.raises(Http404):
        get_public_comment_for_user(officer, other.pk, comment.pk)
