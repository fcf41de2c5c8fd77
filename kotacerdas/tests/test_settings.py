import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kotacerdas.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_reads_common_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_env_helpers_fail_loudly_on_unreadable_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "mungkin")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", False)
    monkeypatch.setenv("NUMBER", "lima")
    with pytest.raises(ImproperlyConfigured, match="NUMBER"):
        env_int("NUMBER", 5)
    monkeypatch.delenv("REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="REQUIRED"):
        env_str("REQUIRED")


def test_env_list_splits_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOSTS", " a.go.id, b.go.id ,")
    assert env_list("HOSTS", []) == ["a.go.id", "b.go.id"]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "KC_ENV"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KC_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kotacerdas.go.id",
        KC_SITE_URL="https://kotacerdas.go.id",
        REDIS_URL="redis://127.0.0.1:6379/13",
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION = {
    "KC_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "kotacerdas.go.id",
    "KC_SITE_URL": "https://kotacerdas.go.id",
}


def test_production_refuses_to_start_without_redis() -> None:
    result = _manage("check", **PRODUCTION, REDIS_URL="")
    assert result.returncode != 0
    assert "kotacerdas.E001" in result.stderr and "needs REDIS_URL" in result.stderr


def _start_the_web_application(redis_url: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import kotacerdas.wsgi"],
        cwd=ROOT,
        env={**clean, **PRODUCTION, "REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_web_application_refuses_to_start_in_production_without_redis() -> None:
    started = _start_the_web_application("")
    assert started.returncode != 0
    assert "kotacerdas.E001" in started.stderr
    with_redis = _start_the_web_application("redis://127.0.0.1:6379/13")
    assert with_redis.returncode == 0, with_redis.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", KC_ENV="production", ALLOWED_HOSTS="kotacerdas.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_its_public_address() -> None:
    result = _manage(
        "check",
        KC_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kotacerdas.go.id",
    )
    assert result.returncode != 0
    assert "KC_SITE_URL is required" in result.stderr


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping())
    except redis.exceptions.RedisError:
        return False


@pytest.mark.cache
@pytest.mark.skipif(not _redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_the_cache_goes_to_redis_when_redis_url_is_set() -> None:
    import redis

    marker = secrets.token_hex(8)
    result = _manage(
        "shell",
        "-c",
        f"from django.core.cache import cache; cache.set('kc-test-marker', '{marker}', 60)",
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    assert result.returncode == 0, result.stderr
    client = redis.Redis(host="127.0.0.1", port=6379, db=14)
    keys = client.keys("*kc-test-marker*")
    assert keys, "the value did not reach Redis"
    client.delete(*keys)


def test_uploads_go_to_the_storage_named_in_the_environment() -> None:
    show = (
        "from django.core.files.storage import storages; "
        's = storages["default"]; print(type(s).__name__)'
    )
    local = _manage("shell", "-c", show)
    assert local.stdout.strip().endswith("FileSystemStorage"), local.stderr
    elsewhere = _manage(
        "shell",
        "-c",
        show + "; print(s.base_location)",
        KC_MEDIA_STORAGE="django.core.files.storage.InMemoryStorage",
        KC_MEDIA_STORAGE_OPTIONS='{"location": "bukti"}',
    )
    assert elsewhere.stdout.split()[-2:] == ["InMemoryStorage", "bukti"], elsewhere.stderr
    broken = _manage("check", KC_MEDIA_STORAGE_OPTIONS="{bucket: kc}")
    assert broken.returncode != 0 and "KC_MEDIA_STORAGE_OPTIONS must be a JSON object" in (
        broken.stderr
    )
