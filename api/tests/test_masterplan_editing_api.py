"""Writing a masterplan over the API: start it, edit its head, its analysis and its programs,
through the same services and the same lost-update protection as the editor's pages."""

import json
from typing import Any

import pytest
from django.test import Client

from accounts.models import Role, User
from conftest import make_user
from masterplans.models import Masterplan, Status
from masterplans.tests.factories import make_masterplan
from regions.models import Region

pytestmark = pytest.mark.django_db


def send(client: Client, method: str, url: str, auth: str, body: Any = None) -> Any:
    return client.generic(
        method,
        url,
        "" if body is None else json.dumps(body),
        content_type="application/json",
        headers={"Authorization": auth},
    )


def test_the_lead_starts_a_masterplan_for_the_region(
    client: Client, colleague: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    response = send(
        client,
        "POST",
        "/api/v1/masterplans",
        token_for(colleague),
        {"region": "32.73", "title": "Bandung Cerdas", "start_year": 2027, "period_years": 5},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["region"], body["status"], body["end_year"]) == ("32.73", "draft", 2031)
    assert Masterplan.objects.get(pk=body["id"]).versions.count() == 1


def test_a_second_masterplan_in_progress_is_refused_with_the_reason(
    client: Client, colleague: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    make_masterplan()
    response = send(
        client,
        "POST",
        "/api/v1/masterplans",
        token_for(colleague),
        {"region": "32.73", "title": "Lagi", "start_year": 2027},
    )
    assert response.status_code == 409
    assert "sudah punya masterplan yang sedang disusun" in response.json()["error"]["message"]


def test_an_editor_cannot_start_a_masterplan(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    response = send(
        client,
        "POST",
        "/api/v1/masterplans",
        token_for(owner),
        {"region": "32.73", "title": "M", "start_year": 2027},
    )
    assert response.status_code == 403
    assert not Masterplan.objects.exists()


def test_the_team_edits_the_head_and_a_stale_version_loses_nothing(
    client: Client, owner: User, colleague: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    url = f"/api/v1/masterplans/{masterplan.pk}"
    response = send(
        client,
        "PATCH",
        url,
        token_for(owner),
        {
            "version": masterplan.version,
            "vision": "Kota cerdas yang inklusif",
            "budget_envelope": 12_000_000_000,
            "missions": ["Layanan publik digital", " Ekonomi kreatif "],
            "targets": ["80% izin daring pada 2030"],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["vision"] == "Kota cerdas yang inklusif"
    assert body["missions"] == ["Layanan publik digital", "Ekonomi kreatif"]
    assert body["targets"] == ["80% izin daring pada 2030"]
    assert body["title"] == masterplan.title  # left out, left alone
    assert body["version"] == masterplan.version + 1

    stale = send(client, "PATCH", url, token_for(colleague), {"version": 1, "vision": "Lain"})
    assert stale.status_code == 412
    error = stale.json()["error"]
    assert error["code"] == "version_conflict"
    assert {"field": "vision", "message": "Kota cerdas yang inklusif"} in error["details"]
    masterplan.refresh_from_db()
    assert masterplan.vision == "Kota cerdas yang inklusif"


def test_an_invalid_head_names_its_field(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    response = send(
        client,
        "PATCH",
        f"/api/v1/masterplans/{masterplan.pk}",
        token_for(owner),
        {"version": masterplan.version, "title": ""},
    )
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["title"]


def test_a_masterplan_in_review_cannot_be_edited(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan(status=Status.IN_REVIEW)
    response = send(
        client,
        "PATCH",
        f"/api/v1/masterplans/{masterplan.pk}",
        token_for(owner),
        {"version": masterplan.version, "vision": "x"},
    )
    assert response.status_code == 409
    assert "tidak dapat diubah" in response.json()["error"]["message"]


def test_a_mentor_reads_but_cannot_edit_and_another_region_sees_nothing(
    client: Client, outsider: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    mentor = make_user("mentor", Role.MENTOR, Region.objects.get(code="32.73"))
    masterplan = make_masterplan()
    url = f"/api/v1/masterplans/{masterplan.pk}/analysis"
    item = {"kind": "threat", "dimension": "living", "text": "Banjir tahunan"}
    assert send(client, "POST", url, token_for(mentor), item).status_code == 403
    assert send(client, "POST", url, token_for(outsider), item).status_code == 404
    assert masterplan.analysis.count() == 2


def test_the_team_adds_and_removes_analysis_items(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    url = f"/api/v1/masterplans/{masterplan.pk}/analysis"
    response = send(
        client,
        "POST",
        url,
        token_for(owner),
        {"kind": "threat", "dimension": "environment", "text": "Banjir tahunan"},
    )
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["kind"], item["dimension"]) == ("threat", "environment")
    detail = client.get(
        f"/api/v1/masterplans/{masterplan.pk}", headers={"Authorization": token_for(owner)}
    ).json()
    assert "Banjir tahunan" in [a["text"] for a in detail["analysis"]]

    response = send(client, "DELETE", f"{url}/{item['id']}", token_for(owner))
    assert response.status_code == 204
    assert not masterplan.analysis.filter(text="Banjir tahunan").exists()
    assert send(client, "DELETE", f"{url}/{item['id']}", token_for(owner)).status_code == 404


def program_body(program: Any, **changes: Any) -> dict[str, Any]:
    body = {
        "code": program.code,
        "dimension": program.dimension,
        "element": program.element,
        "title": program.title,
        "opd": program.opd,
        "start_year": program.start_year,
        "end_year": program.end_year,
        "version": program.version,
        "budget": [
            {"year": 2027, "source": "apbd", "amount": 400_000_000},
            {"year": 2028, "source": "apbn", "amount": 600_000_000},
        ],
        "kpis": [{"name": "Izin daring", "unit": "izin", "targets": {"2027": 100, "2028": 200}}],
        "steps": [{"text": "Kajian"}, {"text": "Pengadaan", "year": 2028}],
    }
    body.update(changes)
    return body


def test_the_team_replaces_a_program_and_a_stale_version_is_refused(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    program = masterplan.programs.get(code="GOV-01")
    url = f"/api/v1/masterplans/{masterplan.pk}/programs/{program.pk}"
    body = program_body(program, opd="Dinas Penanaman Modal", answers=program.answers_id)
    response = send(client, "PUT", url, token_for(owner), body)
    assert response.status_code == 200, response.content
    saved = response.json()
    assert saved["opd"] == "Dinas Penanaman Modal"
    assert saved["answers"] == program.answers_id
    assert saved["budget"] == [
        {"year": 2027, "source": "apbd", "amount": 400_000_000},
        {"year": 2028, "source": "apbn", "amount": 600_000_000},
    ]
    assert saved["version"] == program.version + 1

    stale = send(client, "PUT", url, token_for(owner), body)
    assert stale.status_code == 412
    program.refresh_from_db()
    assert program.opd == "Dinas Penanaman Modal"


def test_the_team_removes_a_program_but_not_one_of_another_masterplan(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    other = make_masterplan("32.75")
    foreign = other.programs.first()
    assert foreign is not None
    url = f"/api/v1/masterplans/{masterplan.pk}/programs"
    assert send(client, "DELETE", f"{url}/{foreign.pk}", token_for(owner)).status_code == 404
    program = masterplan.programs.get(code="LIV-01")
    assert send(client, "DELETE", f"{url}/{program.pk}", token_for(owner)).status_code == 204
    assert not masterplan.programs.filter(code="LIV-01").exists()
    assert other.programs.count() == 6
