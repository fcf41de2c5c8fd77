"""Milestones, KPI actuals and late reports over the API, through the monitoring services: the
region's team reports on its own programs once the masterplan is approved."""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from monitoring.models import Milestone, ProgressReport

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, auth: str, body: Any) -> Any:
    return client.post(url, body, content_type="application/json", headers={"Authorization": auth})


def test_the_team_adds_a_milestone_and_marks_it_done(
    client: Client, owner: User, token_for, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    url = f"/api/v1/programs/{program.pk}/milestones"
    created = post(
        client, url, token_for(owner), {"title": "Uji coba", "due_date": "2027-06-30", "weight": 2}
    )
    assert created.status_code == 201, created.content
    milestone = created.json()
    assert (milestone["title"], milestone["done_on"]) == ("Uji coba", None)

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 6, 20))
    done = post(client, f"{url}/{milestone['id']}/done", token_for(owner), {})
    assert done.status_code == 200
    assert done.json()["done_on"] == "2027-06-20"
    assert client.get(url).json() == [{**milestone, "done_on": "2027-06-20"}]


def test_milestones_of_a_draft_or_another_region_are_refused(
    client: Client, owner: User, outsider: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    draft = make_masterplan().programs.get(code="GOV-01")
    body = {"title": "Uji coba", "due_date": "2027-06-30"}
    url = f"/api/v1/programs/{draft.pk}/milestones"
    refused = post(client, url, token_for(owner), body)
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == (
        "Kemajuan dilaporkan setelah masterplan disetujui."
    )
    approved = make_masterplan("32.79", status="approved").programs.get(code="GOV-01")
    foreign = Milestone.objects.create(program=approved, title="m", due_date=date(2027, 6, 30))
    path = f"/api/v1/programs/{approved.pk}/milestones/{foreign.pk}/done"
    assert post(client, path, token_for(outsider), {}).status_code == 403
    assert not Milestone.objects.filter(program=draft).exists()


def test_the_team_records_a_kpi_actual_beside_its_target(
    client: Client, owner: User, viewer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    kpi = program.kpis.get()
    url = f"/api/v1/programs/{program.pk}/kpis/{kpi.pk}/actuals"
    assert post(client, url, token_for(viewer), {"year": 2027, "value": 12}).status_code == 403
    response = post(client, url, token_for(owner), {"year": 2027, "value": 12})
    assert response.status_code == 200, response.content
    assert response.json() == client.get(f"/api/v1/programs/{program.pk}/kpis").json()
    assert response.json()[0]["targets"] == {"2027": 10.0, "2028": 20.0}
    assert response.json()[0]["actuals"] == {"2027": 12.0}
    other = make_masterplan("32.75", status="approved").programs.get(code="GOV-01").kpis.get()
    wrong = f"/api/v1/programs/{program.pk}/kpis/{other.pk}/actuals"
    assert post(client, wrong, token_for(owner), {"year": 2027, "value": 1}).status_code == 404


def test_late_reports_of_a_masterplan_for_its_team_and_national_roles(
    client: Client, owner: User, outsider: User, viewer: User, token_for, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda: date(2028, 2, 20))
    masterplan = make_masterplan(status="approved")
    for program in masterplan.programs.exclude(code="GOV-01"):
        for quarter in (1, 2, 3, 4):
            ProgressReport.objects.create(
                program=program, year=2027, quarter=quarter, status="done"
            )
    ProgressReport.objects.create(
        program=masterplan.programs.get(code="GOV-01"), year=2027, quarter=1, status="done"
    )
    url = f"/api/v1/masterplans/{masterplan.pk}/late-reports"
    late = client.get(url, headers={"Authorization": token_for(owner)}).json()
    assert [(r["program"], r["year"], r["quarter"]) for r in late] == [
        ("GOV-01", 2027, 2),
        ("GOV-01", 2027, 3),
        ("GOV-01", 2027, 4),
    ]
    assert client.get(url, headers={"Authorization": token_for(viewer)}).json() == late
    assert client.get(url, headers={"Authorization": token_for(outsider)}).status_code == 403
