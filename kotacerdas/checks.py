"""System checks of our own: ``manage.py check`` (and every command that runs checks) and the
WSGI application at start (``kotacerdas.wsgi``) refuse a production setup that cannot work."""

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches)
def shared_cache_in_production(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """In production the cache must be Redis: with more than one process (gunicorn's workers,
    two app servers) a per-process cache means a login throttle and a rate limit per process
    and a page cache each process invalidates on its own."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PRODUCTION and not backend.endswith("RedisCache"):
        return [
            checks.Error(
                "KC_ENV=production needs REDIS_URL: without it the page cache, login throttles "
                "and rate limits are per process, wrong as soon as there are two.",
                hint="Set REDIS_URL=redis://host:6379/0 (the same for every app server and the "
                "task worker).",
                id="kotacerdas.E001",
            )
        ]
    return []
