import pytest
from django.test import Client

from accounts.models import User
from evaluation.models import Rubric
from masterplans.tests.factories import make_masterplan
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_the_team_reports_progress_and_the_public_reads_it(
    client: Client, owner: User, outsider: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    url = f"/api/v1/programs/{program.pk}/progress"
    body = {"year": 2027, "quarter": 2, "status": "delayed", "percent_entered": 30}
    refused = client.post(
        url, body, content_type="application/json", headers={"Authorization": token_for(outsider)}
    )
    assert refused.status_code == 403 and set(refused.json()) == {"error"}
    response = client.post(
        url, body, content_type="application/json", headers={"Authorization": token_for(owner)}
    )
    assert response.status_code == 200
    assert response.json()["reports"][0]["status"] == "delayed"
    public = client.get(url).json()
    assert public["reports"][0] == {
        "version": 1,
        "year": 2027,
        "quarter": 2,
        "status": "delayed",
        "percent_complete": 30,
        "budget_realised": None,
        "note": "",
        "is_demo": False,
    }
    outside = client.post(
        url,
        {**body, "year": 2035},
        content_type="application/json",
        headers={"Authorization": token_for(owner)},
    )
    assert outside.status_code == 422 and outside.json()["error"]["details"][0]["field"] == "year"


def test_quick_wins_filter_by_latest_status(client: Client) -> None:
    masterplan = make_masterplan(status="approved")
    ProgressReport.objects.create(
        program=masterplan.programs.get(code="GOV-01"), year=2027, quarter=1, status="done"
    )
    assert client.get("/api/v1/quick-wins").json()["count"] == 6
    done = client.get("/api/v1/quick-wins?status=done").json()
    assert [i["code"] for i in done["items"]] == ["GOV-01"]
    assert client.get("/api/v1/quick-wins?status=none").json()["count"] == 5


def test_evaluations_and_the_dashboard_over_the_api(client: Client) -> None:
    Rubric.objects.create(year=2026, title="Evaluasi 2026", status="published")
    Rubric.objects.create(year=2027, title="Evaluasi 2027")  # still open
    assert [r["year"] for r in client.get("/api/v1/evaluations").json()] == [2026]
    assert client.get("/api/v1/evaluations/2027/results").status_code == 404
    assert client.get("/api/v1/evaluations/2026/results").json()["count"] == 0
    make_masterplan(status="enacted")
    board = client.get("/api/v1/dashboard?island_group=jawa").json()
    assert board["masterplans"]["enacted"] == 1 and board["quick_wins"]["none"] == 6
    data = client.get("/api/v1/open-data/program").json()
    assert data["count"] == 6 and data["licence"] == "CC BY 4.0"


def test_the_dashboards_masterplan_counts_are_those_the_caller_may_open(
    client: Client, officer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    make_masterplan(status="draft", region_code="32.73")
    make_masterplan(status="enacted", region_code="32.77")

    public = client.get("/api/v1/dashboard").json()["masterplans"]
    national = client.get(
        "/api/v1/dashboard", headers={"Authorization": token_for(officer)}
    ).json()["masterplans"]

    assert (public["draft"], public["enacted"]) == (0, 1)
    assert (national["draft"], national["enacted"]) == (1, 1)


def test_a_quarter_that_has_a_report_is_changed_only_from_its_version(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    url = f"/api/v1/programs/{program.pk}/progress"
    auth = {"Authorization": token_for(owner)}
    body = {"year": 2027, "quarter": 2, "status": "on_track", "percent_entered": 30}
    first = client.post(url, body, content_type="application/json", headers=auth)
    assert first.status_code == 200
    changed = {**body, "status": "delayed"}
    without = client.post(url, changed, content_type="application/json", headers=auth)
    assert without.status_code == 428
    version = first.json()["reports"][0]["version"]
    ok = client.post(
        url, {**changed, "version": version}, content_type="application/json", headers=auth
    )
    assert ok.status_code == 200 and ok.json()["reports"][0]["version"] == version + 1
    stale = client.post(
        url, {**body, "version": version}, content_type="application/json", headers=auth
    )
    assert stale.status_code == 412
    assert program.progress_reports.get().status == "delayed"


def test_a_years_kpi_value_is_changed_only_from_its_version(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    kpi = program.kpis.first()
    url = f"/api/v1/programs/{program.pk}/kpis/{kpi.pk}/actuals"
    auth = {"Authorization": token_for(owner)}
    first = client.post(
        url, {"year": 2027, "value": 12}, content_type="application/json", headers=auth
    )
    assert first.status_code == 200
    assert (
        client.post(
            url, {"year": 2027, "value": 15}, content_type="application/json", headers=auth
        ).status_code
        == 428
    )
    row = next(k for k in first.json() if k["id"] == kpi.pk)
    version = row["actual_versions"]["2027"]
    ok = client.post(
        url,
        {"year": 2027, "value": 15, "version": version},
        content_type="application/json",
        headers=auth,
    )
    assert ok.status_code == 200
    stale = client.post(
        url,
        {"year": 2027, "value": 9, "version": version},
        content_type="application/json",
        headers=auth,
    )
    assert stale.status_code == 412
    assert kpi.actuals.get(year=2027).value == 15
