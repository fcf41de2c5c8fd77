"""Typed readers for settings that come from the environment.

Each helper fails loudly on a value it cannot read, so a typo in production
configuration stops the process at start-up instead of running with a default.
"""

import json
import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_json_object(name: str) -> dict[str, Any]:
    """A JSON object (e.g. a storage backend's options); empty when the variable is unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return {}
    try:
        found = json.loads(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {value!r}") from None
    if not isinstance(found, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {value!r}")
    return found
