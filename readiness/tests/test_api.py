import pytest
from django.utils import timezone

from accounts.models import Role
from conftest import make_user
from readiness.models import Answer
from regions.models import Region

pytestmark = pytest.mark.django_db


def api(cohort, tail: str = "answers") -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/readiness/{cohort.pk}/regions/32.73/{tail}"


def test_the_team_writes_answers_with_a_token_and_reads_them_back(
    client, cohort, record, owner, token_for
) -> None:  # type: ignore[no-untyped-def]
    item = record.questionnaire.items.first()
    auth = {"Authorization": token_for(owner)}
    body = {
        "version": 1,
        "answers": [{"item": item.pk, "self_score": 3, "evidence": "https://bandung.go.id/sk"}],
    }
    response = client.put(api(cohort), body, content_type="application/json", headers=auth)
    assert response.status_code == 200, response.content
    row = next(a for a in response.json()["answers"] if a["item"] == item.pk)
    assert (row["self_score"], row["evidence"], row["part"]) == (
        3,
        body["answers"][0]["evidence"],
        item.part,
    )
    assert response.json()["version"] == 2
    read = client.get(api(cohort), headers=auth).json()
    assert read["status"] == "draft" and len(read["answers"]) == 18


def test_a_stale_version_is_412_and_a_submitted_assessment_409(
    client, cohort, record, owner, token_for
) -> None:  # type: ignore[no-untyped-def]
    item = record.questionnaire.items.first()
    auth = {"Authorization": token_for(owner)}
    body = {"version": 1, "answers": [{"item": item.pk, "self_score": 3}]}
    client.put(api(cohort), body, content_type="application/json", headers=auth)
    stale = client.put(api(cohort), body, content_type="application/json", headers=auth)
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "version_conflict"
    record.refresh_from_db()
    record.submitted_at = timezone.now()
    record.save()
    body["version"] = record.version
    locked = client.put(api(cohort), body, content_type="application/json", headers=auth)
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "submitted"


def test_a_score_off_the_scale_or_an_unknown_item_is_422(
    client, cohort, record, assessor, token_for
) -> None:  # type: ignore[no-untyped-def]
    auth = {"Authorization": token_for(assessor)}
    item = record.questionnaire.items.first()
    for score in ({"item": item.pk, "score": 5}, {"item": 999999, "score": 1}):
        body = {"version": 1, "scores": [score]}
        response = client.post(
            api(cohort, "scores"), body, content_type="application/json", headers=auth
        )
        assert response.status_code == 422 and set(response.json()) == {"error"}
    assert not Answer.objects.exists()


def test_only_the_assigned_assessor_posts_scores(
    client, cohort, record, assessor, owner, token_for
) -> None:  # type: ignore[no-untyped-def]
    item = record.questionnaire.items.first()
    body = {"version": 1, "scores": [{"item": item.pk, "score": 1, "note": "Belum ada SK"}]}
    bandung = Region.objects.get(code="32.73")
    for user in (
        owner,
        make_user("mentor", Role.MENTOR, bandung),
        make_user("assessor.bekasi", Role.ASSESSOR, Region.objects.get(code="32.75")),
        make_user("assessor.nasional", Role.ASSESSOR),
    ):
        headers = {"Authorization": token_for(user)}
        response = client.post(
            api(cohort, "scores"), body, content_type="application/json", headers=headers
        )
        assert response.status_code == 403, user
    assert (
        client.post(api(cohort, "scores"), body, content_type="application/json").status_code == 401
    )
    headers = {"Authorization": token_for(assessor)}
    response = client.post(
        api(cohort, "scores"), body, content_type="application/json", headers=headers
    )
    assert response.status_code == 200
    answer = Answer.objects.get()
    assert (answer.assessor_score, answer.assessor_note, answer.assessor) == (
        1,
        "Belum ada SK",
        assessor,
    )
    gaps = client.get(f"/api/v1/readiness/{cohort.pk}/regions/32.73", headers=headers).json()[
        "gaps"
    ]
    assert [g["item"] for g in gaps] == [item.pk]


def test_a_region_without_an_assessment_is_404_over_the_api(
    client, cohort, officer, token_for
) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": token_for(officer)}
    assert client.get(api(cohort), headers=headers).status_code == 404
