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


def test_the_document_is_built_once_per_language_and_each_reader_gets_its_own_copy(
    client: Client, monkeypatch: Any
) -> None:
    from api.urls import api

    built: list[str] = []
    build = api._build_openapi_schema

    def counting(path_prefix: str) -> Any:
        built.append(path_prefix)
        return build(path_prefix)

    monkeypatch.setattr(api, "_schemas", {})
    monkeypatch.setattr(api, "_build_openapi_schema", counting)
    assert client.get("/api/v1/openapi.json").json()["paths"]
    api.get_openapi_schema()["paths"].clear()  # a reader changing its copy changes no other
    assert client.get("/api/v1/openapi.json").json()["paths"]
    assert len(built) == 1
    client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert len(built) == 2
