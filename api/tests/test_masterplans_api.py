import pytest
from django.test import Client

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import transition

pytestmark = pytest.mark.django_db


def test_anonymous_readers_get_approved_masterplans_only(
    client: Client, colleague: User, officer: User
) -> None:
    draft = make_masterplan()
    body = client.get("/api/v1/masterplans").json()
    assert body["count"] == 0
    assert client.get(f"/api/v1/masterplans/{draft.pk}").status_code == 404
    transition(transition(draft, "submit", colleague), "approve", officer)
    body = client.get("/api/v1/masterplans?status=approved").json()
    assert [item["region"] for item in body["items"]] == ["32.73"]
    detail = client.get(f"/api/v1/masterplans/{draft.pk}").json()
    governance = next(p for p in detail["programs"] if p["code"] == "GOV-01")
    assert governance["budget"] == [
        {"year": 2027, "source": "apbd", "amount": 500_000_000},
        {"year": 2028, "source": "apbd", "amount": 500_000_000},
    ]
    assert governance["kpis"][0]["targets"] == {"2027": 10.0, "2028": 20.0}


def test_the_team_adds_a_program_and_the_checks_follow(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    masterplan.programs.filter(dimension="living").delete()
    auth = {"Authorization": token_for(owner)}
    checks = client.get(f"/api/v1/masterplans/{masterplan.pk}/checks", headers=auth).json()
    assert next(c for c in checks if c["code"] == "dimensions")["ok"] is False
    response = client.post(
        f"/api/v1/masterplans/{masterplan.pk}/programs",
        {
            "code": "LIV-01",
            "dimension": "living",
            "element": "mobility",
            "title": "Bus listrik",
            "opd": "Dishub",
            "start_year": 2027,
            "end_year": 2028,
            "is_quick_win": True,
            "budget": [
                {"year": 2027, "amount": 900_000_000},
                {"year": 2028, "amount": 100_000_000},
            ],
            "kpis": [{"name": "Penumpang harian", "unit": "orang", "targets": {"2027": 500}}],
            "steps": [{"text": "Studi rute"}, {"text": "Uji coba"}],
        },
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 201, response.content
    assert response.json()["budget"][0] == {"year": 2027, "source": "apbd", "amount": 900_000_000}
    checks = client.get(f"/api/v1/masterplans/{masterplan.pk}/checks", headers=auth).json()
    assert all(c["ok"] for c in checks)


def test_an_invalid_program_names_its_fields(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    response = client.post(
        f"/api/v1/masterplans/{masterplan.pk}/programs",
        {
            "code": "GOV-01",
            "dimension": "living",
            "element": "waste",
            "title": "x",
            "start_year": 2027,
            "end_year": 2027,
            "budget": [{"year": 2050, "amount": 1}],
        },
        content_type="application/json",
        headers={"Authorization": token_for(owner)},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [{"field": "budget", "message": "2050"}]
    response = client.post(
        f"/api/v1/masterplans/{masterplan.pk}/programs",
        {
            "code": "GOV-01",
            "dimension": "living",
            "element": "waste",
            "title": "x",
            "start_year": 2027,
            "end_year": 2027,
        },
        content_type="application/json",
        headers={"Authorization": token_for(owner)},
    )
    fields = {d["field"] for d in response.json()["error"]["details"]}
    assert fields == {"code", "element"}
    assert masterplan.programs.count() == 6


def test_a_refused_step_answers_409_with_the_reason(
    client: Client, colleague: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    masterplan.programs.update(opd="")
    response = client.post(
        f"/api/v1/masterplans/{masterplan.pk}/steps/submit",
        {},
        content_type="application/json",
        headers={"Authorization": token_for(colleague)},
    )
    assert response.status_code == 409
    assert "Belum siap ditinjau" in response.json()["error"]["message"]
