"""Every route has an access rule, and every rule holds for every persona.

The table is ``kotacerdas.access_matrix``. A new page or API route without a line there fails
``test_every_url_pattern_has_a_rule`` or ``test_every_api_operation_has_a_rule``.
"""

import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from audit.models import Action, AuditEvent
from kotacerdas import access_matrix as matrix
from kotacerdas.tests.world import client_as, fill


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            found += _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            found.append((prefix + str(pattern.pattern), name or ""))
    return found


def _openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def test_every_url_pattern_has_a_rule() -> None:
    api_paths = {path for _method, path in matrix.API}
    missing = []
    for route, name in _walk(get_resolver().url_patterns):
        if name in matrix.NOT_ROUTES or route in matrix.NOT_ROUTES:
            continue
        if name.startswith("admin:") or route.startswith(settings.KC_ADMIN_PATH):
            continue  # covered by "admin:*"
        if name.startswith("api:"):
            if _openapi_path(route) not in api_paths:
                missing.append(f"{route} ({name})")
        elif name not in matrix.PAGES:
            missing.append(f"{route} ({name or 'no name'})")
    assert not missing, f"routes without an access rule in access_matrix.py: {missing}"


@pytest.mark.django_db
def test_every_api_operation_has_a_rule(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    }
    missing = operations - set(matrix.API)
    assert not missing, f"API operations without an access rule: {sorted(missing)}"
    stale = {key for key in matrix.API if key[1].startswith("/api/v1/regions")} - operations
    assert not stale, f"rules for API operations that no longer exist: {sorted(stale)}"


def test_every_page_rule_names_an_existing_route() -> None:
    names = {name for _route, name in _walk(get_resolver().url_patterns)}
    assert set(matrix.PAGES) - {"admin:*"} <= names
    assert set(matrix.ADMIN_SAMPLES) <= names


def _refusal(persona: str, rule: matrix.Route, *, api: bool, admin: bool = False) -> str:
    """The one answer a persona a check of ``rule`` does not let through must get."""
    if admin:
        return "302 admin login"  # Django's admin sends everyone it refuses to its own login
    if persona in rule.hidden:
        return "404"
    if persona == "anonymous":
        return "401" if api else "302 login"
    return "403"


def _answer(response: Any) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and "/admin/login/" in location:
        return "302 admin login"
    if response.status_code == 302 and "/akun/masuk/" in location:
        return "302 login"
    return str(response.status_code)


def _writes() -> int:
    """Recorded changes so far: every model of the platform records its history
    (audit/tests/test_tracking_coverage.py), so a write that happened left one."""
    return AuditEvent.objects.exclude(action__in=[Action.LOGIN, Action.LOGOUT]).count()


def _assert_wrote(before: int, persona: str, check: matrix.Check, url: str) -> None:
    if check.method != "GET" and not check.no_write:
        assert _writes() > before, f"{persona} got through {check.method} {url} but wrote nothing"


def _page_cases() -> list[tuple[str, str, str]]:
    cases = []
    for name, route in matrix.PAGES.items():
        names = matrix.ADMIN_SAMPLES if name == "admin:*" else [name]
        for sample in names:
            for check in route.checks:
                for persona in matrix.PERSONAS:
                    cases.append((sample if name == "admin:*" else name, check.method, persona))
    return cases


@pytest.mark.parametrize(("name", "method", "persona"), _page_cases())
def test_page_access_follows_the_matrix(  # type: ignore[no-untyped-def]
    world, signed_in, db, name: str, method: str, persona: str
) -> None:
    rule = matrix.PAGES["admin:*" if name.startswith("admin:") else name]
    check = next(c for c in rule.checks if c.method == method)
    client = client_as(persona, signed_in)
    url = reverse(name, kwargs={k: fill(v, world) for k, v in rule.kwargs.items()})
    data = {k: fill(v, world) for k, v in check.data.items()}
    before = _writes()
    response = client.get(url) if method == "GET" else client.post(url, data)
    answer = _answer(response)
    if persona in check.allowed:
        assert "login" not in answer and response.status_code < 400, (
            f"{persona} should reach {method} {url}, got {answer}"
        )
        _assert_wrote(before, persona, check, url)
    else:
        expected = _refusal(persona, rule, api=False, admin=name.startswith("admin:"))
        assert answer == expected, f"{persona} {method} {url}: {answer}, not {expected}"
        assert _writes() == before


def _api_cases() -> list[tuple[str, str, str]]:
    return [(method, path, persona) for (method, path) in matrix.API for persona in matrix.PERSONAS]


@pytest.mark.parametrize(("method", "path", "persona"), _api_cases())
def test_api_access_follows_the_matrix(  # type: ignore[no-untyped-def]
    world, signed_in, db, method: str, path: str, persona: str
) -> None:
    rule = matrix.API[(method, path)]
    check = rule.checks[0]
    headers = {}
    if persona in signed_in:
        headers["Authorization"] = f"Bearer {signed_in[persona][1]}"
    url = path
    for key, value in rule.kwargs.items():
        url = url.replace("{" + key + "}", str(fill(value, world)))
    body = json.dumps({k: fill(v, world) for k, v in check.data.items()})
    before = _writes()
    response = Client().generic(method, url, body, content_type="application/json", headers=headers)
    if persona in check.allowed:
        expected = check.answer or "a success"
        assert (
            response.status_code == check.answer if check.answer else response.status_code < 400
        ), f"{persona} should reach {method} {url} and get {expected}: {response.status_code}"
        _assert_wrote(before, persona, check, url)
    else:
        expected = _refusal(persona, rule, api=True)
        assert str(response.status_code) == expected, (
            f"{persona} {method} {url}: {response.status_code}, not {expected}"
        )
        assert set(response.json()) == {"error"}
        assert _writes() == before
