"""The evaluation over the API, through the services the pages use: the national team sets the
rubric and decides the awards, a region's team assesses itself, its assigned assessor scores."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from accounts.models import Role, User
from audit.versioning import fingerprint
from conftest import make_user
from evaluation.models import Award, Rubric, Score
from regions.models import Region

pytestmark = pytest.mark.django_db
WEIGHTS = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}


def send(client: Client, method: str, url: str, auth: str, body: Any) -> Any:
    return client.generic(
        method,
        url,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": auth},
    )


@pytest.fixture
def assessor(bandung: Region) -> User:
    return make_user("assessor.bandung", Role.ASSESSOR, bandung)


def test_the_national_team_opens_an_evaluation_and_reads_its_weights_with_labels(
    client: Client, officer: User, viewer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    body = {"year": 2027, "title": "Evaluasi 2027", "scale_max": 5, "weights": WEIGHTS}
    assert send(client, "POST", "/api/v1/evaluations", token_for(viewer), body).status_code == 403
    created = send(client, "POST", "/api/v1/evaluations", token_for(officer), body)
    assert created.status_code == 201, created.content
    rubric = created.json()
    assert (rubric["year"], rubric["status"], rubric["scale_max"]) == (2027, "open", 5)
    assert rubric["weights"][1] == {
        "component": "output",
        "label": "keluaran (output)",
        "weight": 20,
    }
    read = client.get("/api/v1/evaluations/2027", headers={"Authorization": token_for(viewer)})
    assert read.json() == rubric
    assert client.get("/api/v1/evaluations/2027").status_code == 404  # open: not public
    again = send(client, "POST", "/api/v1/evaluations", token_for(officer), body)
    assert again.status_code == 409 and again.json()["error"]["code"] == "exists"


@pytest.mark.parametrize(
    ("year", "impact", "quick_win"), [(2020, 30, 10), (2021, 20, 20), (2027, 20, 20)]
)
def test_an_evaluation_opened_without_weights_gets_the_programs_weights_for_its_year(
    client: Client, officer: User, token_for, year: int, impact: int, quick_win: int
) -> None:  # type: ignore[no-untyped-def]
    body = {"year": year, "title": f"Evaluasi {year}"}
    created = send(client, "POST", "/api/v1/evaluations", token_for(officer), body)
    assert created.status_code == 201, created.content
    weights = {w["component"]: w["weight"] for w in created.json()["weights"]}
    assert weights == {
        "baseline": 10,
        "output": 20,
        "outcome": 30,
        "impact": impact,
        "quick_win": quick_win,
    }
    assert Rubric.objects.get(year=year).weights == weights


def test_weights_that_do_not_add_up_to_100_are_refused_in_indonesian(
    client: Client, officer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    Rubric.objects.create(year=2027, title="Evaluasi 2027")
    body = {"version": 1, "weights": {**WEIGHTS, "impact": 50}}
    response = send(client, "PATCH", "/api/v1/evaluations/2027", token_for(officer), body)
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [
        {"field": "weights", "message": "Bobot berjumlah 120; seharusnya berjumlah 100."}
    ]
    assert Rubric.objects.get(year=2027).weights != {**WEIGHTS, "impact": 50}


def test_an_open_evaluation_changes_title_and_weights_but_keeps_its_scale_once_scored(
    client: Client, officer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    url = "/api/v1/evaluations/2027"
    body = {"version": 1, "title": "Monev", "weights": WEIGHTS}
    changed = send(client, "PATCH", url, token_for(officer), body)
    assert changed.status_code == 200, changed.content
    assert changed["ETag"] == '"2"' and changed.json()["version"] == 2
    assert changed.json()["title"] == "Monev"
    assert Rubric.objects.get(pk=rubric.pk).weights == WEIGHTS
    Score.objects.create(
        rubric=rubric, region=Region.objects.get(code="32.73"), dimension="living",
        component="output", self_score=Decimal(3),
    )  # fmt: skip
    fixed = send(client, "PATCH", url, token_for(officer), {"version": 2, "scale_max": 10})
    assert fixed.status_code == 409 and fixed.json()["error"]["code"] == "scale_fixed"
    assert fixed.json()["error"]["message"] == (
        "Tetap: wilayah dan asesor sudah menilai dengan skala ini."
    )
    assert send(client, "PATCH", url, token_for(officer), {"version": 2, "title": "X"}).json()[
        "scale_fixed"
    ]


def test_a_published_evaluation_no_longer_changes(client: Client, officer: User, token_for) -> None:  # type: ignore[no-untyped-def]
    Rubric.objects.create(year=2026, title="Evaluasi 2026", status="published")
    response = send(client, "PATCH", "/api/v1/evaluations/2026", token_for(officer), {"title": "X"})
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "Evaluasi yang sudah diterbitkan tidak dapat diubah lagi."
    )
    assert Rubric.objects.get(year=2026).title == "Evaluasi 2026"


def test_the_region_assesses_itself_and_its_assessor_verifies_with_notes(
    client: Client, owner: User, assessor: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    Rubric.objects.create(year=2027, title="Evaluasi 2027")
    base = "/api/v1/evaluations/2027/regions/32.73"
    own = {"dimension": "living", "component": "output", "score": "3.5", "note": "Bukti: SK"}
    version = client.get(base, headers={"Authorization": token_for(owner)})["ETag"].strip('"')
    body = {"version": version, "scores": [own]}
    response = send(client, "PUT", f"{base}/self-assessment", token_for(owner), body)
    assert response.status_code == 200, response.content
    (cell,) = response.json()["cells"]
    assert (cell["self_score"], cell["self_note"], cell["assessor_score"]) == (
        "3.50",
        "Bukti: SK",
        None,
    )
    scored = {"dimension": "living", "component": "output", "score": 3, "note": "Cukup"}
    stale = send(
        client, "PUT", f"{base}/assessment", token_for(assessor), {**body, "scores": [scored]}
    )
    assert stale.status_code == 412  # the grid changed since the version read above
    body = {"version": response.json()["version"], "scores": [scored]}
    response = send(client, "PUT", f"{base}/assessment", token_for(assessor), body)
    assert response.status_code == 200, response.content
    score = Score.objects.get()
    assert (score.self_score, score.self_note) == (Decimal("3.50"), "Bukti: SK")
    assert (score.assessor_score, score.assessor_note, score.assessor) == (
        Decimal("3.00"),
        "Cukup",
        assessor,
    )
    assert score.verified_at is not None
    read = client.get(base, headers={"Authorization": token_for(owner)}).json()
    assert read["cells"][0]["assessor_score"] == "3.00" and read["can_self_assess"]
    assert client.get("/api/v1/evaluations/2027/results").status_code == 404  # still open


def test_the_region_cannot_score_as_assessor_and_others_cannot_assess_it(
    client: Client, owner: User, outsider: User, bekasi: Region, token_for
) -> None:  # type: ignore[no-untyped-def]
    Rubric.objects.create(year=2027, title="Evaluasi 2027")
    base = "/api/v1/evaluations/2027/regions/32.73"
    body = {"scores": [{"dimension": "living", "component": "output", "score": 4}]}
    assert send(client, "PUT", f"{base}/assessment", token_for(owner), body).status_code == 403
    other = make_user("assessor.bekasi", Role.ASSESSOR, bekasi)
    assert send(client, "PUT", f"{base}/assessment", token_for(other), body).status_code == 404
    outside = send(client, "PUT", f"{base}/self-assessment", token_for(outsider), body)
    assert outside.status_code == 404  # an open evaluation of another region is not theirs
    assert not Score.objects.exists()


def test_a_score_above_the_scale_names_its_cell_and_writes_nothing(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    Rubric.objects.create(year=2027, title="Evaluasi 2027")
    body = {
        "scores": [
            {"dimension": "living", "component": "output", "score": 3},
            {"dimension": "living", "component": "impact", "score": 5},
        ]
    }
    url = "/api/v1/evaluations/2027/regions/32.73/self-assessment"
    response = send(client, "PUT", url, token_for(owner), {**body, "version": EMPTY_GRID})
    assert response.status_code == 422
    (detail,) = response.json()["error"]["details"]
    assert detail["field"] == "scores.living.impact" and "4" in detail["message"]
    assert not Score.objects.exists()


def test_a_published_evaluation_takes_no_more_scores(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    Rubric.objects.create(year=2026, title="Evaluasi 2026", status="published")
    body = {"scores": [{"dimension": "living", "component": "output", "score": 3}]}
    url = "/api/v1/evaluations/2026/regions/32.73/self-assessment"
    response = send(client, "PUT", url, token_for(owner), body)
    assert response.status_code == 409 and response.json()["error"]["code"] == "closed"
    assert not Score.objects.exists()


# The version of a grid with no score yet.
EMPTY_GRID = fingerprint([])


def _scored(rubric: Rubric, code: str, value: str) -> None:
    region = Region.objects.get(code=code)
    for dim in ("governance", "branding", "economy", "living", "society", "environment"):
        for comp in ("baseline", "output", "outcome", "impact", "quick_win"):
            Score.objects.create(
                rubric=rubric,
                region=region,
                dimension=dim,
                component=comp,
                assessor_score=Decimal(value),
                verified_at="2027-11-01T10:00:00+07:00",
            )


def test_the_jury_confirms_a_proposal_or_overrides_it_with_a_reason(
    client: Client, officer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    _scored(rubric, "32.73", "3")
    _scored(rubric, "32.75", "2")
    auth = token_for(officer)
    proposed = send(client, "POST", "/api/v1/evaluations/2027/awards/proposals", auth, {})
    assert proposed.status_code == 200, proposed.content
    overall = proposed.json()[0]
    assert (overall["category"], overall["label"]) == ("overall", "Terbaik umum")
    assert (overall["proposed"], overall["region"]) == ("32.73", None)
    url = f"/api/v1/awards/{overall['id']}/decision"
    refused = send(client, "POST", url, auth, {"region": "32.75"})
    assert refused.status_code == 422
    assert refused.json()["error"]["message"] == (
        "Memberikan penghargaan kepada wilayah selain yang diusulkan memerlukan alasan tertulis."
    )
    assert Award.objects.get(pk=overall["id"]).region is None
    decided = send(client, "POST", url, auth, {"region": "32.75", "reason": "Inovasi warga."})
    assert decided.status_code == 200
    assert decided.json()["region"] == "32.75" and decided.json()["is_override"]
    listed = client.get("/api/v1/evaluations/2027/awards", headers={"Authorization": auth}).json()
    assert listed[0] == decided.json()
    unknown = send(client, "POST", url, auth, {"region": "99.99"})
    assert unknown.status_code == 422 and unknown.json()["error"]["details"][0]["field"] == "region"


def test_only_the_national_team_decides_awards(
    client: Client, owner: User, viewer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    rubric = Rubric.objects.create(year=2026, title="Evaluasi 2026", status="published")
    region = Region.objects.get(code="32.73")
    award = Award.objects.create(rubric=rubric, category="overall", proposed=region)
    url = f"/api/v1/awards/{award.pk}/decision"
    for user in (owner, viewer):
        assert send(client, "POST", url, token_for(user), {}).status_code == 403
    proposals = "/api/v1/evaluations/2026/awards/proposals"
    assert send(client, "POST", proposals, token_for(viewer), {}).status_code == 403
    assert client.get("/api/v1/evaluations/2026/awards").json()[0]["region"] is None


def test_certificates_download_through_the_api_as_on_the_pages(
    client: Client, officer: User, viewer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    from evaluation.results import propose_awards
    from evaluation.tests.test_completion import finished
    from masterplans.tests.test_book import pdf_text

    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027", status="published")
    Score.objects.create(
        rubric=rubric,
        region=Region.objects.get(code="32.73"),
        dimension="living",
        component="impact",
        assessor_score=Decimal("3"),
        verified_at="2027-11-01T10:00:00+07:00",
    )
    award = next(a for a in propose_awards(rubric) if a.category == "overall")
    url = f"/api/v1/awards/{award.pk}/certificate"
    undecided = client.get(url, headers={"Authorization": token_for(viewer)})
    assert undecided.status_code == 404 and undecided.json()["error"]["code"] == "not_found"
    decided = send(client, "POST", f"/api/v1/awards/{award.pk}/decision", token_for(officer), {})
    assert decided.status_code == 200, decided.content
    pdf = client.get(url, headers={"Authorization": token_for(viewer)})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Kota Bandung" in pdf_text(pdf.content)

    finished("32.75", "approved", "2018-01-09")
    listed = client.get("/api/v1/completions").json()
    assert listed["count"] == 1
    assert listed["items"][0] | {"masterplan_id": 0} == {
        "region": "32.75",
        "region_name": "Kota Bekasi",
        "province": "Jawa Barat",
        "cohort": None,
        "masterplan_id": 0,
        "masterplan_title": "Masterplan Smart City 2027\u20132036",
        "completed_on": "2018-01-09",
        "is_demo": False,
    }
    certificate = client.get("/api/v1/completions/32.75/certificate")
    assert certificate.status_code == 200 and "Kota Bekasi" in pdf_text(certificate.content)
    assert client.get("/api/v1/completions/32.73/certificate").status_code == 404


def test_the_national_team_sets_a_year_s_award_categories_over_the_api(
    client: Client, officer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    body = {"year": 2027, "title": "Evaluasi 2027", "award_categories": ["dimension:nope"]}
    refused = send(client, "POST", "/api/v1/evaluations", token_for(officer), body)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "categories"
    body["award_categories"] = ["overall", "custom:Kota Cerdas Inklusif"]
    created = send(client, "POST", "/api/v1/evaluations", token_for(officer), body)
    assert created.status_code == 201, created.content
    assert created.json()["open_stage"] == 1
    assert created.json()["award_categories"] == [
        {"key": "overall", "label": "Terbaik umum"},
        {"key": "custom:Kota Cerdas Inklusif", "label": "Kota Cerdas Inklusif"},
    ]
    changed = send(
        client,
        "PATCH",
        "/api/v1/evaluations/2027",
        token_for(officer),
        {"version": created.json()["version"], "award_categories": ["quick_win"]},
    )
    assert changed.status_code == 200, changed.content
    assert Rubric.objects.get(year=2027).award_categories == ["quick_win"]
