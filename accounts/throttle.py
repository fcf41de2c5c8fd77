"""Login throttling: too many failed log-ins for one name, or from one address, wait a while.

Counts live in the cache (Redis in production), so every app server sees the same counts.
"""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 20


def _keys(username: str, ip: str | None) -> list[tuple[str, int]]:
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    keys = [(f"login-fail:user:{name}", MAX_FAILURES_PER_USERNAME)]
    if ip:
        keys.append((f"login-fail:ip:{ip}", MAX_FAILURES_PER_ADDRESS))
    return keys


def is_throttled(username: str, ip: str | None) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(username, ip))


def note_failure(username: str, ip: str | None) -> None:
    for key, _limit in _keys(username, ip):
        # add() starts the window; incr() keeps its expiry.
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, WINDOW_SECONDS)


def clear(username: str) -> None:
    cache.delete(_keys(username, None)[0][0])
