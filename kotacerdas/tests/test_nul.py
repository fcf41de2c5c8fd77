"""NUL characters never reach the database (PostgreSQL refuses them): found by the API fuzzer."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_search_is_dropped_not_a_server_error(client: Client) -> None:
    response = client.get("/api/v1/regions?q=Band%00ung")
    assert response.status_code == 200
    assert "32.73" in [item["code"] for item in response.json()["items"]]
    assert client.get("/wilayah/?q=Bandung%00").status_code == 200


def test_a_nul_in_a_path_or_a_json_body_is_dropped(client: Client) -> None:
    assert client.get("/api/v1/regions/32.73%00").status_code == 200
    response = client.post(
        "/api/v1/masterplans/999999/consultation/comments",
        '{"name": "A\\u0000", "text": "B"}',
        content_type="application/json",
    )
    assert response.status_code == 404
