"""Who may read, answer and score a region's readiness: every "no" of the rules."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from accounts.models import Role, User
from conftest import make_user
from readiness.access import get_item_for_user
from readiness.models import Answer, Assessment
from regions.models import Region
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


def url(cohort: SelectionRound, code: str = "32.73", page: str = "") -> str:
    return f"/kesiapan/{cohort.pk}/wilayah/{code}/{page}"


@pytest.fixture
def item(record):  # type: ignore[no-untyped-def]
    return record.questionnaire.items.first()


def test_the_assigned_assessor_scores_but_cannot_answer_for_the_region(
    login, cohort, record, item, assessor
) -> None:  # type: ignore[no-untyped-def]
    client = login(assessor)
    response = client.post(
        url(cohort),
        {"version": record.version, f"score_{item.pk}": "2", f"self_{item.pk}": "4"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get(item=item)
    assert (answer.assessor_score, answer.self_score, answer.assessor) == (2, None, assessor)


@pytest.mark.parametrize(
    ("role", "region_code"),
    [
        (Role.ASSESSOR, "32.75"),  # assessor of another region
        (Role.ASSESSOR, None),  # national assessor: reads all, scores none
        (Role.MENTOR, "32.73"),  # the region's own mentor
        (Role.VIEWER, None),
        (Role.PROGRAM_OFFICER, None),
        (Role.REGIONAL_EDITOR, "32.75"),  # editor of another region
    ],
)
def test_nobody_but_the_assigned_assessor_scores(  # type: ignore[no-untyped-def]
    login, cohort, record, item, role, region_code
) -> None:
    region = Region.objects.get(code=region_code) if region_code else None
    user = make_user("uji", role, region)
    response = login(user).post(url(cohort), {"version": record.version, f"score_{item.pk}": "4"})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_an_editor_of_another_region_neither_reads_nor_answers(
    login, cohort, record, item, outsider
) -> None:  # type: ignore[no-untyped-def]
    client = login(outsider)
    assert client.get(url(cohort)).status_code == 403
    assert client.get(url(cohort, page="profil/")).status_code == 403
    response = client.post(url(cohort), {"version": record.version, f"self_{item.pk}": "4"})
    assert response.status_code == 403
    assert client.post(url(cohort, page="ajukan/")).status_code == 403
    assert not Answer.objects.exists()


def test_an_anonymous_visitor_neither_reads_nor_writes(cohort, record, item) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for page in ("", "profil/", "unduh.xlsx"):
        response = client.get(url(cohort, page=page))
        assert response.status_code == 302
        assert response["Location"] == f"/akun/masuk/?next={url(cohort, page=page)}"
    assert client.post(url(cohort), {"version": record.version, f"self_{item.pk}": "4"})[
        "Location"
    ].startswith("/akun/masuk/")
    assert not Answer.objects.exists()


def test_a_mentor_and_a_national_assessor_read_but_do_not_answer(
    login, cohort, record, item
) -> None:  # type: ignore[no-untyped-def]
    mentor = make_user("mentor", Role.MENTOR, Region.objects.get(code="32.73"))
    national = make_user("assessor.nasional", Role.ASSESSOR)
    for user in (mentor, national):
        client = login(user)
        page = client.get(url(cohort))
        assert page.status_code == 200
        assert not page.context["can_answer"] and not page.context["can_score"]
        response = client.post(url(cohort), {"version": record.version, f"self_{item.pk}": "4"})
        assert response.status_code == 403
    assert not Answer.objects.exists()


def test_a_region_outside_the_cohort_or_a_draft_round_is_not_found(login, cohort, officer) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    assert client.get(url(cohort, code="32.76")).status_code == 404  # Kota Depok, not in 2017
    draft = SelectionRound.objects.create(
        name="Draf", year=2026, total=10, indicator_year=2024, weights={"kkd": 1}
    )
    assert client.get(url(draft)).status_code == 404


def test_the_cohort_page_shows_a_regional_user_only_their_region(
    login, cohort, outsider, officer
) -> None:  # type: ignore[no-untyped-def]
    rows = login(outsider).get(f"/kesiapan/{cohort.pk}/").context["rows"]
    assert [r["region"].code for r in rows] == ["32.75"]
    assert len(login(officer).get(f"/kesiapan/{cohort.pk}/").context["rows"]) == 25
    stranger = make_user("tanpa.peran")
    assert login(stranger).get(f"/kesiapan/{cohort.pk}/").status_code == 403


def test_only_the_national_team_gives_a_submitted_assessment_back(
    login, cohort, record, owner, officer
) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    record.submitted_at = timezone.now()
    record.save()
    assert login(owner).post(url(cohort, page="buka-kembali/")).status_code == 403
    record.refresh_from_db()
    assert record.submitted_at is not None
    login(officer).post(url(cohort, page="buka-kembali/"))
    record.refresh_from_db()
    assert record.submitted_at is None


def test_a_questionnaire_item_is_found_in_its_cohort_by_national_roles(
    cohort: SelectionRound, record: Assessment, officer: User, owner: User
) -> None:
    item = record.questionnaire.items.first()
    assert item is not None
    assert get_item_for_user(officer, cohort.pk, item.pk, "readiness.manage") == item
    with pytest.raises(PermissionDenied):
        get_item_for_user(owner, cohort.pk, item.pk)
    with pytest.raises(Http404):
        get_item_for_user(officer, cohort.pk, 999_999)
