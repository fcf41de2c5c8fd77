"""The published OpenAPI document: what /api/v1/docs renders (a key written twice breaks it)."""

import json
from typing import Any

from django.test import Client


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _value in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    assert not repeated, f"keys written twice: {repeated} in {keys}"
    return dict(pairs)


def test_the_openapi_document_has_no_key_written_twice(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = json.loads(response.content, object_pairs_hook=_no_repeated_keys)
    export = spec["paths"]["/api/v1/rounds/{round_id}/export"]["get"]["responses"]["200"]
    assert set(export["content"]) == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/pdf",
    }


def test_the_docs_page_serves_the_vendored_viewer(client: Client) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "openapi.json" in html
    scripts = [src for src in html.split('src="')[1:]]
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts
