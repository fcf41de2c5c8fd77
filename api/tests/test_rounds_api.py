import json

import pytest
from django.test import Client

from accounts.models import User
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db
ROUND = {
    "name": "Tahap API",
    "year": 2026,
    "total": 30,
    "indicator_year": 2024,
    "weights": {"kkd": 0.6, "kinerja": 0.4},
    "quotas": {"group_min": {"papua": 2}, "province_max": 3},
    "sensitivity_draws": 100,
}


def post(client: Client, url: str, data: object, token: str):  # type: ignore[no-untyped-def]
    return client.post(
        url, json.dumps(data), content_type="application/json", headers={"Authorization": token}
    )


def test_national_staff_create_compute_and_publish_a_round(
    client: Client,
    officer: User,  # type: ignore[no-untyped-def]
    token_for,
    indicator_values,
) -> None:
    token = token_for(officer)
    created = post(client, "/api/v1/rounds", ROUND, token)
    assert created.status_code == 201
    round_id = created.json()["id"]
    computed = post(client, f"/api/v1/rounds/{round_id}/compute", {}, token).json()
    assert computed["status"] == "computed"
    assert len(computed["selected"]) == 30
    published = post(client, f"/api/v1/rounds/{round_id}/publish", {}, token).json()
    assert published["status"] == "published"
    results = client.get(f"/api/v1/rounds/{round_id}/results", {"selected": "true"}).json()
    assert results["count"] == 30
    assert results["items"][0]["rank"] == 1


def test_a_regional_editor_cannot_create_a_round(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    response = post(client, "/api/v1/rounds", ROUND, token_for(owner))
    assert response.status_code == 403
    assert not SelectionRound.objects.exists()


def test_unknown_indicators_in_the_weights_are_named(
    client: Client,
    officer: User,  # type: ignore[no-untyped-def]
    token_for,
) -> None:
    response = post(client, "/api/v1/rounds", {**ROUND, "weights": {"apbd": 1}}, token_for(officer))
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "weights.apbd"


def test_a_draft_is_not_public(client: Client, officer: User, token_for) -> None:  # type: ignore[no-untyped-def]
    round_id = post(client, "/api/v1/rounds", ROUND, token_for(officer)).json()["id"]
    assert client.get(f"/api/v1/rounds/{round_id}").status_code == 404
    assert client.get("/api/v1/rounds").json()["count"] == 0


def test_infeasible_quotas_come_back_explained(
    client: Client,
    officer: User,
    token_for,  # type: ignore[no-untyped-def]
    indicator_values,
) -> None:
    token = token_for(officer)
    round_id = post(
        client,
        "/api/v1/rounds",
        {**ROUND, "quotas": {"group_min": {"papua": 40}, "province_max": 3}},
        token,
    ).json()["id"]
    response = post(client, f"/api/v1/rounds/{round_id}/compute", {}, token)
    assert response.status_code == 422
    assert "Papua" in response.json()["error"]["message"]


def test_a_stale_patch_is_412_and_a_published_round_409(
    client: Client,
    officer: User,  # type: ignore[no-untyped-def]
    token_for,
    indicator_values,
) -> None:
    token = token_for(officer)
    round_id = post(client, "/api/v1/rounds", ROUND, token).json()["id"]
    url = f"/api/v1/rounds/{round_id}"
    headers = {"Authorization": token}
    ok = client.patch(
        url,
        json.dumps({"version": 1, "total": 20}),
        content_type="application/json",
        headers=headers,
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(
        url,
        json.dumps({"version": 1, "total": 25}),
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 412
    post(client, f"{url}/compute", {}, token)
    post(client, f"{url}/publish", {}, token)
    late = client.patch(
        url,
        json.dumps({"version": 4, "total": 25}),
        content_type="application/json",
        headers=headers,
    )
    assert late.status_code == 409


def test_the_catalogue_is_open(client: Client) -> None:
    codes = [i["code"] for i in client.get("/api/v1/indicators").json()]
    assert codes[:3] == ["kkd", "kinerja", "ikb"]


def test_a_published_round_exports_over_the_api(client, indicator_values) -> None:  # type: ignore[no-untyped-def]
    from selection.rounds import round_compute, round_publish
    from selection.tests.factories import make_round

    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    csv = client.get(f"/api/v1/rounds/{selection_round.pk}/export?format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode("utf-8-sig").count("\n") > 50
    xlsx = client.get(f"/api/v1/rounds/{selection_round.pk}/export?format=xlsx")
    assert xlsx.content[:2] == b"PK"
    bad = client.get(f"/api/v1/rounds/{selection_round.pk}/export?format=docx")
    assert bad.status_code == 422 and set(bad.json()) == {"error"}


def test_a_draft_round_does_not_export_over_the_api(client, login, officer) -> None:  # type: ignore[no-untyped-def]
    from selection.tests.factories import make_round

    draft = make_round()
    assert client.get(f"/api/v1/rounds/{draft.pk}/export").status_code == 404
    response = login(officer).get(f"/api/v1/rounds/{draft.pk}/export")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weights": None}, "weights"),
        ({"weights": {"kkd": 0}}, "weights"),
        ({"weights": {"kkd": -1}}, "weights.kkd"),
        (
            {"quotas": {"group_min": {"papua": 3}, "group_max": {"papua": 2}}},
            "quotas.group_max.papua",
        ),
    ],
)
def test_a_change_no_round_can_be_made_with_is_422_naming_the_field_and_writes_nothing(
    client: Client, officer: User, token_for, change: dict, field: str
) -> None:  # type: ignore[no-untyped-def]
    token = token_for(officer)
    round_id = post(client, "/api/v1/rounds", ROUND, token).json()["id"]
    response = client.patch(
        f"/api/v1/rounds/{round_id}",
        json.dumps({**change, "version": 1}),
        content_type="application/json",
        headers={"Authorization": token},
    )
    assert response.status_code == 422, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert SelectionRound.objects.get(pk=round_id).version == 1


def test_the_round_form_refuses_what_the_api_refuses_with_the_same_words(
    login, officer: User
) -> None:  # type: ignore[no-untyped-def]
    from selection.rounds import round_problems

    quotas = {"group_min": {"papua": 3}, "group_max": {"papua": 2}}
    [(field, message)] = round_problems(weights={"kkd": 1}, quotas=quotas, total=10)
    page = login(officer).post(
        "/seleksi/putaran/baru/",
        {
            "name": "Uji",
            "year": 2026,
            "total": 10,
            "indicator_year": 2024,
            "weight_kkd": 1,
            "min_papua": 3,
            "max_papua": 2,
            "method": "saw",
            "normalization": "minmax",
            "imputation": "none",
            "sensitivity_draws": 0,
            "program_target": 100,
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors["max_papua"] == [message]
    assert field == "quotas.group_max.papua"
    assert not SelectionRound.objects.exists()
