"""The project's own wiring: every app's tests run, every app is type-checked."""

import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _config() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _own_apps() -> set[str]:
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    }


def test_every_app_with_tests_is_in_the_test_paths() -> None:
    testpaths = set(_config()["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {name for name in _own_apps() if (ROOT / name / "tests").is_dir()}
    assert with_tests - testpaths == set()


def test_every_app_is_type_checked() -> None:
    checked = set(_config()["tool"]["mypy"]["files"])
    assert _own_apps() - checked == set()


def test_the_translations_compile_and_the_committed_catalogues_are_current(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    import pytest

    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (gettext) is not installed")
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        compiled = tmp_path / f"{po.parent.parent.name}.mo"
        # What `manage.py compilemessages` runs; a format mismatch fails the whole catalogue.
        result = subprocess.run(
            ["msgfmt", "--check-format", "-o", str(compiled), str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes(), (
            f"{po.with_suffix('.mo')} is stale: run make messages"
        )


def test_every_string_is_in_indonesian_and_no_translation_is_a_guess() -> None:
    """The Indonesian catalogue translates every msgid and holds no fuzzy (guessed) entry;
    the English one, whose msgids are the English text, holds no fuzzy entry either."""
    import shutil
    import subprocess

    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (gettext) is not installed")
    for language in ("id", "en"):
        po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
        result = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        statistics = result.stderr
        assert "fuzzy" not in statistics, f"{language}: {statistics}"
        if language == "id":
            assert "untranslated" not in statistics, f"{language}: {statistics}"


def test_collectstatic_builds_the_production_manifest(tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    """Production serves hashed static files: every file a stylesheet or script refers to must
    exist, or collectstatic fails at deploy time."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    from django.utils.functional import empty

    staticfiles_storage._wrapped = empty  # rebuilt from the settings above
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
    finally:
        staticfiles_storage._wrapped = empty
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_each_api_operations_fuzz_test_has_an_id_of_its_own(request) -> None:  # type: ignore[no-untyped-def]
    """pytest-xdist and the durations report know a test by its id: the fuzz tests of the 71
    operations must not share one (schemathesis leaves the operation out; conftest adds it)."""
    collected = [
        item.nodeid
        for item in request.session.items
        if item.nodeid.startswith("api/tests/test_fuzz.py::")
    ]
    if not collected:  # a run of some tests only (the whole suite, in CI, always has them)
        pytest.skip("the API fuzz tests are not part of this run")
    assert len(set(collected)) == len(collected)
    assert f"{collected[0].split('[')[0]}[GET /api/v1/regions]" in collected
