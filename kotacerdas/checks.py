"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_in_production(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PRODUCTION and backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The cache is per process: login throttling counts per worker.",
                hint="Set REDIS_URL so every app server and worker shares one cache.",
                id="kotacerdas.W001",
            )
        ]
    return []
