"""Finding an evaluation or an award for a user (evaluation.access): published ones are public,
an open one is for national roles and, on its scoring grid, for the region's own people."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from evaluation.access import get_award_for_user, get_rubric_for_user
from evaluation.models import Award, Rubric
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_an_open_evaluation_is_for_national_roles_and_the_regions_own_grid(
    viewer: User, owner: User, outsider: User, bandung: Region
) -> None:
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    assert get_rubric_for_user(viewer, 2027) == rubric
    with pytest.raises(Http404):
        get_rubric_for_user(owner, 2027)
    assert get_rubric_for_user(owner, 2027, region=bandung) == rubric
    with pytest.raises(Http404):
        get_rubric_for_user(outsider, 2027, region=bandung)


def test_a_published_evaluation_is_public_and_managed_by_national_staff(viewer: User) -> None:
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027", status="published")
    assert get_rubric_for_user(AnonymousUser(), 2027) == rubric
    with pytest.raises(PermissionDenied):
        get_rubric_for_user(viewer, 2027, "evaluation.manage")
    with pytest.raises(Http404):
        get_rubric_for_user(viewer, 2026)


def test_an_award_follows_its_evaluation(officer: User) -> None:
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    award = Award.objects.create(rubric=rubric, category="overall")
    assert get_award_for_user(officer, award.pk, "award.decide") == award
    with pytest.raises(Http404):
        get_award_for_user(AnonymousUser(), award.pk)
    rubric.status = "published"
    rubric.save()
    assert get_award_for_user(AnonymousUser(), award.pk) == award
