"""Every route has an access rule, and every rule holds for every persona.

The table is ``kotacerdas.access_matrix``. A new page or API route without a line there fails
``test_every_url_pattern_has_a_rule`` or ``test_every_api_operation_has_a_rule``.
"""

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import ApiToken, Membership, Role, User
from evaluation.models import Award, Rubric
from kotacerdas import access_matrix as matrix
from masterplans.models import Masterplan, Program
from masterplans.tests.factories import make_masterplan
from monitoring.models import Evidence, Milestone, ProgressReport
from participation.models import Comment, ConsultationWindow, PublicComment
from regions.models import Region
from selection.models import RoundStatus, SelectionRound

OWN, OTHER = "32.73", "32.75"


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


PERSONA_ROLES: dict[str, tuple[Role | None, str | None]] = {
    "anonymous": (None, None),
    "viewer": (Role.VIEWER, None),
    "assessor": (Role.ASSESSOR, None),
    "mentor": (Role.MENTOR, OWN),
    "editor": (Role.REGIONAL_EDITOR, OWN),
    "lead": (Role.REGIONAL_LEAD, OWN),
    "outsider": (Role.REGIONAL_EDITOR, OTHER),
    "officer": (Role.PROGRAM_OFFICER, None),
    "admin": (Role.NATIONAL_ADMIN, None),
}


@pytest.fixture
def personas(db) -> dict[str, User | None]:  # type: ignore[no-untyped-def]
    assert set(PERSONA_ROLES) == set(matrix.PERSONAS)
    users: dict[str, User | None] = {"anonymous": None}
    for persona, (role, code) in PERSONA_ROLES.items():
        if role is None:
            continue
        user = User.objects.create_user(
            f"persona.{persona}", is_staff=persona == "admin", is_superuser=persona == "admin"
        )
        region = Region.objects.get(code=code) if code else None
        Membership.objects.create(user=user, role=role, region=region)
        users[persona] = user
    return users


def _fill(value: Any, users: dict[str, User | None]) -> Any:
    if value == "OWN":
        return OWN
    if value == "CURRENT":
        return Region.objects.get(code=OWN).version
    if value == "DRAFT_ROUND":
        return SelectionRound.objects.get_or_create(
            name="Putaran uji matriks",
            defaults={"year": 2026, "total": 10, "indicator_year": 2024, "weights": {"kkd": 1}},
        )[0].pk
    if value == "COMPUTED_ROUND":
        return SelectionRound.objects.get_or_create(
            name="Putaran uji matriks (dihitung)",
            defaults={
                "year": 2026,
                "total": 10,
                "indicator_year": 2024,
                "weights": {"kkd": 1},
                "status": RoundStatus.COMPUTED,
            },
        )[0].pk
    if value == "OWN_REGION_PK":
        return Region.objects.get(code=OWN).pk
    if value in ("OWN_COMMENT", "CONSULTED_MASTERPLAN", "OWN_PUBLIC_COMMENT"):
        masterplan = Masterplan.objects.get(pk=_fill("OWN_MASTERPLAN", users))
        if value == "OWN_COMMENT":
            return Comment.objects.create(masterplan=masterplan, text="Perjelas KPI.").pk
        now = timezone.now()
        window = ConsultationWindow.objects.filter(masterplan=masterplan).first()
        window = window or ConsultationWindow.objects.create(
            masterplan=masterplan, opens_at=now, closes_at=now + timedelta(days=30)
        )
        if value == "OWN_PUBLIC_COMMENT":
            return PublicComment.objects.create(window=window, name="Warga", text="Setuju").pk
        return masterplan.pk
    if value == "ASSESSED_COHORT":
        from readiness.defaults import questionnaire_for
        from readiness.models import Assessment

        cohort = SelectionRound.objects.get(pk=_fill("PUBLISHED_ROUND", users))
        Assessment.objects.get_or_create(
            region=Region.objects.get(code=OWN), questionnaire=questionnaire_for(cohort)
        )
        return cohort.pk
    if value == "READINESS_ITEM":
        from readiness.defaults import questionnaire_for

        cohort = SelectionRound.objects.get(pk=_fill("PUBLISHED_ROUND", users))
        return questionnaire_for(cohort).items.first().pk  # type: ignore[union-attr]
    if value == "COHORT_WORKSHOP":
        from masterplans.models import Workshop

        cohort = SelectionRound.objects.get(pk=_fill("PUBLISHED_ROUND", users))
        workshop = Workshop.objects.get_or_create(
            cohort=cohort,
            number=1,
            defaults={
                "start_date": date(2017, 6, 13),
                "end_date": date(2017, 6, 15),
                "place": "Jakarta",
            },
        )[0]
        return workshop.number
    if value == "PUBLISHED_ROUND":
        from django.core.management import call_command

        if not SelectionRound.objects.filter(year=2017).exists():
            call_command("load_history", verbosity=0)
        return SelectionRound.objects.get(year=2017).pk
    if value in ("OPEN_YEAR", "OWN_AWARD"):
        rubric = Rubric.objects.get_or_create(year=2027, defaults={"title": "Evaluasi uji"})[0]
        if value == "OPEN_YEAR":
            return rubric.year
        own = Region.objects.get(code=OWN)
        return Award.objects.get_or_create(
            rubric=rubric, category="overall", defaults={"proposed": own, "region": own}
        )[0].pk
    if value in ("OWN_MILESTONE", "OWN_EVIDENCE"):
        program = Program.objects.get(pk=_fill("OWN_PROGRAM", users))
        if value == "OWN_MILESTONE":
            return Milestone.objects.create(program=program, title="m", due_date="2027-06-30").pk
        report = ProgressReport.objects.create(program=program, year=2027, quarter=1, status="done")
        upload = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti")
        return Evidence.objects.create(
            report=report, file=upload, kind="pdf", original_name="bukti.pdf", size=14
        ).pk
    if value in ("OWN_MASTERPLAN", "OWN_PROGRAM", "OWN_ANALYSIS", "OWN_KPI"):
        masterplan = Masterplan.objects.filter(region__code=OWN).first() or make_masterplan(OWN)
        if value == "OWN_PROGRAM":
            return masterplan.programs.first().pk  # type: ignore[union-attr]
        if value == "OWN_KPI":
            return masterplan.programs.first().kpis.first().pk  # type: ignore[union-attr]
        if value == "OWN_ANALYSIS":
            return masterplan.analysis.first().pk  # type: ignore[union-attr]
        return masterplan.pk
    if value == "ROUND_VERSION":
        return SelectionRound.objects.get(name="Putaran uji matriks").version
    if value == "OWN_TOKEN":
        owner = users["editor"]
        token = (
            ApiToken.objects.filter(user=owner).first()
            or ApiToken.issue(user=owner, name="milik editor")[0]
        )  # type: ignore[arg-type]
        return token.pk
    return value


def _is_refused_page(response: Any) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        "/akun/masuk/" in location or "/admin/login/" in location
    )


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
def test_page_access_follows_the_matrix(personas, name: str, method: str, persona: str) -> None:  # type: ignore[no-untyped-def]
    rule = matrix.PAGES["admin:*" if name.startswith("admin:") else name]
    check = next(c for c in rule.checks if c.method == method)
    client = Client()
    if personas[persona] is not None:
        client.force_login(personas[persona])
    url = reverse(name, kwargs={k: _fill(v, personas) for k, v in rule.kwargs.items()})
    data = {k: _fill(v, personas) for k, v in check.data.items()}
    response = client.get(url) if method == "GET" else client.post(url, data)
    refused = _is_refused_page(response)
    if persona in check.allowed:
        assert not refused and response.status_code < 400, (
            f"{persona} should reach {method} {url}, got {response.status_code}"
        )
    else:
        assert refused, f"{persona} must not reach {method} {url}, got {response.status_code}"


def _api_cases() -> list[tuple[str, str, str]]:
    return [(method, path, persona) for (method, path) in matrix.API for persona in matrix.PERSONAS]


@pytest.mark.parametrize(("method", "path", "persona"), _api_cases())
def test_api_access_follows_the_matrix(personas, method: str, path: str, persona: str) -> None:  # type: ignore[no-untyped-def]
    rule = matrix.API[(method, path)]
    check = rule.checks[0]
    headers = {}
    if personas[persona] is not None:
        headers["Authorization"] = f"Bearer {ApiToken.issue(user=personas[persona], name='m')[1]}"
    url = path
    for key, value in rule.kwargs.items():
        url = url.replace("{" + key + "}", str(_fill(value, personas)))
    body = json.dumps({k: _fill(v, personas) for k, v in check.data.items()})
    response = Client().generic(method, url, body, content_type="application/json", headers=headers)
    if persona in check.allowed:
        # Reached: anything but a refusal (a 422 for unusable input is the endpoint's own no).
        assert response.status_code not in (401, 403, 404) and response.status_code < 500, (
            f"{persona} should reach {method} {url}, got {response.status_code}"
        )
    else:
        assert response.status_code in (401, 403, 404), (
            f"{persona} must not reach {method} {url}, got {response.status_code}"
        )
        assert set(response.json()) == {"error"}
