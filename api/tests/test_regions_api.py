import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

from accounts.models import User
from regions.models import Region

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert isinstance(body["error"]["details"], list)


def test_regions_are_paginated_with_count_and_items(client: Client) -> None:
    body = client.get("/api/v1/regions", {"limit": 10, "offset": 20}).json()
    assert body["count"] == 514
    assert len(body["items"]) == 10
    assert body["items"][0]["code"] == Region.objects.order_by("code")[20].code


def test_region_items_carry_province_and_island_group(client: Client) -> None:
    body = client.get("/api/v1/regions", {"q": "Kota Bandung"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["code"] == "32.73"
    assert item["kind"] == "kota"
    assert (item["province_code"], item["province"], item["island_group"]) == (
        "32",
        "Jawa Barat",
        "jawa",
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "32"}, 27),
        ({"province": "32", "kind": "kota"}, 9),
        ({"kind": "kota"}, 98),
        ({"kind": "kabupaten"}, 416),
        ({"island_group": "bali-nusa-tenggara"}, 41),
        ({"island_group": "jawa", "kind": "kota"}, 34),
        ({"frontier": "true"}, 49),
        ({"q": "32.73"}, 1),
    ],
)
def test_region_filters(client: Client, params: dict[str, str], expected: int) -> None:
    assert client.get("/api/v1/regions", params).json()["count"] == expected


def test_unknown_island_group_is_a_422_naming_the_field(client: Client) -> None:
    response = client.get("/api/v1/regions", {"island_group": "atlantis"})
    assert_error_shape(response, 422, "invalid")
    assert response.json()["error"]["details"][0]["field"] == "island_group"


def test_one_region_by_code(client: Client) -> None:
    body = client.get("/api/v1/regions/32.75").json()
    assert body["name"] == "Kota Bekasi"
    assert body["population"] > 2_000_000


def test_unknown_region_code_is_404_in_the_error_shape(client: Client) -> None:
    assert_error_shape(client.get("/api/v1/regions/99.99"), 404, "not_found")


def test_unknown_api_path_is_404_in_the_error_shape(client: Client) -> None:
    assert_error_shape(client.get("/api/v1/tidak-ada"), 404, "not_found")


def test_wrong_method_is_405_in_the_error_shape(client: Client) -> None:
    response = client.delete("/api/v1/regions/32.73")
    assert_error_shape(response, 405, "method_not_allowed")
    assert "PATCH" in response["Allow"]


def test_provinces_list_has_38_with_their_region_counts(client: Client) -> None:
    body = client.get("/api/v1/provinces").json()
    assert len(body) == 38
    assert sum(p["regions"] for p in body) == 514
    assert {"code": "32", "regions": 27}.items() <= next(
        p for p in body if p["code"] == "32"
    ).items()


def test_openapi_document_is_valid(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    assert "/api/v1/regions" in schema["paths"]
    assert "/api/v1/regions/{code}" in schema["paths"]
    assert "/api/v1/provinces" in schema["paths"]


def test_openapi_docs_page_loads_no_cdn(client: Client) -> None:
    body = client.get("/api/v1/docs").content.decode()
    assert "swagger" in body.lower()
    assert "cdn." not in body


def patch(client: Client, code: str, data: dict[str, object], **headers: str):  # type: ignore[no-untyped-def]
    """PATCH from the current version unless the test says otherwise."""
    if "version" not in data and "If-Match" not in headers:
        data = {**data, "version": Region.objects.get(code=code).version}
    return client.patch(
        f"/api/v1/regions/{code}",
        json.dumps(data),
        content_type="application/json",
        headers=headers,
    )


def test_regional_editor_updates_own_region_with_a_token(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    response = patch(
        client, "32.73", {"description": "Bandung Smart City"}, Authorization=token_for(owner)
    )
    assert response.status_code == 200
    assert response.json()["description"] == "Bandung Smart City"
    assert Region.objects.get(code="32.73").description == "Bandung Smart City"


def test_regional_editor_cannot_update_another_region(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    response = patch(client, "32.75", {"description": "x"}, Authorization=token_for(owner))
    assert_error_shape(response, 403, "forbidden")
    assert Region.objects.get(code="32.75").description == ""


def test_viewer_cannot_write(client: Client, viewer: User, token_for) -> None:  # type: ignore[no-untyped-def]
    response = patch(client, "32.73", {"description": "x"}, Authorization=token_for(viewer))
    assert_error_shape(response, 403, "forbidden")


def test_writing_without_a_token_is_401(client: Client) -> None:
    assert_error_shape(patch(client, "32.73", {"description": "x"}), 401, "unauthenticated")


def test_a_wrong_token_is_401_even_for_reads(client: Client) -> None:
    response = client.get("/api/v1/regions", headers={"Authorization": "Bearer kc_salah"})
    assert_error_shape(response, 401, "unauthenticated")


def test_a_token_of_a_deactivated_user_is_refused(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    header = token_for(owner)
    owner.is_active = False
    owner.save()
    assert_error_shape(
        patch(client, "32.73", {"description": "x"}, Authorization=header), 401, "unauthenticated"
    )


def test_invalid_email_is_422_naming_the_field_and_writes_nothing(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    response = patch(
        client,
        "32.73",
        {"contact_email": "bukan-email", "description": "x"},
        Authorization=token_for(owner),
    )
    assert_error_shape(response, 422, "invalid")
    assert response.json()["error"]["details"][0]["field"] == "contact_email"
    assert Region.objects.get(code="32.73").description == ""


def test_session_writes_need_the_csrf_token(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = patch(client, "32.73", {"description": "x"})
    assert response.status_code in (401, 403)
    assert Region.objects.get(code="32.73").description == ""


def test_errors_are_in_indonesian_by_default_and_english_on_request(client: Client) -> None:
    indonesian = client.get("/api/v1/regions/99.99").json()["error"]["message"]
    english = client.get("/api/v1/regions/99.99", headers={"Accept-Language": "en"}).json()[
        "error"
    ]["message"]
    assert english == "Not found."
    assert indonesian != english


def test_region_carries_its_version_and_etag(client: Client) -> None:
    response = client.get("/api/v1/regions/32.73")
    assert response.json()["version"] == 1
    assert response["ETag"] == '"1"'


def test_a_write_without_a_version_is_428(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    response = client.patch(
        "/api/v1/regions/32.73",
        json.dumps({"description": "x"}),
        content_type="application/json",
        headers={"Authorization": token_for(owner)},
    )
    assert_error_shape(response, 428, "version_required")


def test_if_match_header_carries_the_version(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    response = patch(
        client, "32.73", {"description": "x"}, **{"If-Match": '"1"'}, Authorization=token_for(owner)
    )
    assert response.status_code == 200
    assert response["ETag"] == '"2"'


def test_a_stale_version_is_412_naming_what_changed(
    client: Client, owner: User, colleague: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    assert (
        patch(
            client,
            "32.73",
            {"description": "Versi ketua", "version": 1},
            Authorization=token_for(colleague),
        ).status_code
        == 200
    )
    response = patch(
        client,
        "32.73",
        {"description": "Versi editor", "version": 1},
        Authorization=token_for(owner),
    )
    assert_error_shape(response, 412, "version_conflict")
    assert response.json()["error"]["details"] == [
        {"field": "description", "message": "Versi ketua"}
    ]
    assert Region.objects.get(code="32.73").description == "Versi ketua"


def test_an_offset_past_any_list_is_422_not_a_server_error(client: Client) -> None:
    response = client.get("/api/v1/regions", {"offset": 10**30})
    assert_error_shape(response, 422, "invalid")
    assert response.json()["error"]["details"][0]["field"] == "offset"


def test_an_offset_past_the_end_gives_an_empty_page(client: Client) -> None:
    body = client.get("/api/v1/regions", {"offset": 10_000}).json()
    assert (body["count"], body["items"]) == (514, [])
