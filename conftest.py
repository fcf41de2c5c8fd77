"""Shared fixtures: the real registry loaded once, and users for every side of an access rule.

The standard cast around Kota Bandung (32.73): its ``owner`` (regional editor), ``colleague``
(regional lead), an ``outsider`` (editor of Kota Bekasi, 32.75), a national ``viewer``, a
national ``officer`` and an anonymous client.
"""

import collections
import importlib
import os
from collections.abc import Iterator

import numpy as np
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from accounts.models import ApiToken, Membership, Role, User
from kotacerdas.tests.world import (  # noqa: F401 (the route-table tests' world)
    personas,
    signed_in,
    world,
)
from regions.models import Region
from regions.services import regions_load
from selection.models import ImportRun, Indicator, IndicatorValue, SelectionRound

# Tasks run as they are queued (after the commit of the transaction that queued them); the test
# of the real worker names the database backend itself (jobs/tests/test_worker.py).
settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        regions_load(data_dir=settings.KC_DATA_DIR)


@pytest.fixture
def registry_committed(transactional_db) -> None:
    """The registry and the indicator catalogue for transactional tests.

    A transactional test empties every table when it ends, the rows data migrations wrote too,
    so the next one starts from nothing.
    """
    regions_load(data_dir=settings.KC_DATA_DIR)
    catalogue = importlib.import_module("selection.migrations.0002_catalogue").CATALOGUE
    population = importlib.import_module("selection.migrations.0004_population_indicator")
    for entry in [*catalogue, population.POPULATION]:
        Indicator.objects.update_or_create(code=entry["code"], defaults=entry)
    static = importlib.import_module("selection.migrations.0008_static_indicators").STATIC
    Indicator.objects.filter(code__in=static).update(varies_by_year=False)


@pytest.fixture
def cohort(db) -> SelectionRound:  # type: ignore[no-untyped-def]
    """The 2017 cohort (25 regions, Kota Bandung and Kota Bekasi among them)."""
    call_command("load_history", verbosity=0)
    return SelectionRound.objects.get(year=2017)


@pytest.fixture
def bandung(db) -> Region:
    return Region.objects.get(code="32.73")


@pytest.fixture
def bekasi(db) -> Region:
    return Region.objects.get(code="32.75")


def make_user(username: str, role: Role | None = None, region: Region | None = None) -> User:
    user = User.objects.create_user(username=username, password="kata-sandi-uji-123")
    if role is not None:
        Membership.objects.create(user=user, role=role, region=region)
    return user


@pytest.fixture
def owner(bandung: Region) -> User:
    return make_user("editor.bandung", Role.REGIONAL_EDITOR, bandung)


@pytest.fixture
def colleague(bandung: Region) -> User:
    return make_user("lead.bandung", Role.REGIONAL_LEAD, bandung)


@pytest.fixture
def outsider(bekasi: Region) -> User:
    return make_user("editor.bekasi", Role.REGIONAL_EDITOR, bekasi)


@pytest.fixture
def viewer(db) -> User:
    return make_user("viewer", Role.VIEWER)


@pytest.fixture
def officer(db) -> User:
    return make_user("officer", Role.PROGRAM_OFFICER)


@pytest.fixture
def login():
    """``login(user)`` gives a Django test client signed in as ``user``."""

    def _login(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def token_for():
    """``token_for(user)`` issues an API token and returns the Authorization header value."""

    def _token_for(user: User) -> str:
        _token, key = ApiToken.issue(user=user, name="test")
        return f"Bearer {key}"

    return _token_for


@pytest.fixture
def indicator_values() -> None:
    """2024 values of three indicators for every region it applies to."""
    run = ImportRun.objects.create(file_name="uji", sha256="0" * 64, rows=0)
    rng = np.random.default_rng(5)
    rows = []
    for code in ("kkd", "kinerja", "ikb"):
        indicator = Indicator.objects.get(code=code)
        for region in Region.objects.all():
            if indicator.applies_to_kind(region.kind):
                rows.append(
                    IndicatorValue(
                        region=region,
                        indicator=indicator,
                        year=2024,
                        value=float(rng.uniform(0, 4)),
                        source="uji",
                        import_run=run,
                    )
                )
    IndicatorValue.objects.bulk_create(rows)


@pytest.fixture(autouse=True, scope="session")
def _static_files_found_per_request() -> None:
    """WhiteNoise scans every static file when a request handler is made, and every test client
    makes one (about 25 ms each, a quarter of the route-table tests); as in development, tests
    look a file up when it is asked for instead. Production serves collected files."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: a request in English leaves it active in
    the thread (the locale middleware does not switch back)."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache (the dashboard keeps its figures there)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Uploaded files of a test go to its own temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """A real PBKDF2 hash takes most of a second here, for every user created and login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def quick_book(monkeypatch):  # type: ignore[no-untyped-def]
    """The book job's steps without typesetting a book, for tests of the queue,
    the pages and the API around it (masterplans/tests/test_book.py and one job test typeset
    real books)."""
    from masterplans import jobs

    def typeset(masterplan, typesetting=lambda: None):  # type: ignore[no-untyped-def]
        typesetting()
        return f"%PDF-1.7 buku {masterplan.pk}".encode()

    monkeypatch.setattr(jobs, "masterplan_pdf", typeset)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test has an id of its own. Schemathesis names each operation's test in its name
    (``test_...[GET /api/v1/regions]``) but not in its id; pytest-xdist and the durations
    report know tests by id, and a scheduler that keys on it would run one operation of 71."""
    for item in items:
        suffix = item.name.removeprefix(getattr(item, "originalname", item.name))
        if suffix and not item.nodeid.endswith(suffix):
            item._id = type(item.id).parse(item.nodeid + suffix)  # pytest 9's node id
    counts = collections.Counter(item.nodeid for item in items)
    repeated = sorted(nodeid for nodeid, count in counts.items() if count > 1)
    if repeated:
        raise pytest.UsageError(f"tests collected under the same id: {repeated[:5]}")


# With CI=true a skipped test fails the run: a browser test skipped for want of Chromium, or a
# PDF test for want of poppler, must not let CI pass without having run. Reasons print (-rs).
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: the controller sees every report and decides
    if os.environ.get("CI") == "true" and _skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from api.tests.test_fuzz import fuzz_summary

    basetemp = terminalreporter.config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    if summary := fuzz_summary(basetemp):
        terminalreporter.write_line(summary)
    if os.environ.get("CI") == "true" and _skipped:
        terminalreporter.write_line(
            f"CI=true: {len(_skipped)} test(s) skipped, and a skip fails CI: {_skipped[:5]}",
            red=True,
        )
