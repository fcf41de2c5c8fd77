"""Login throttling that nobody can turn against someone else.

Failures are counted per account *and* client address: a stranger guessing a name from their
own address locks only themselves out; the owner, from their office, logs in as usual. After
``FREE_FAILURES`` failures the pair waits, and each further failure doubles the wait (one
minute, two, four, ... a day at most). One address failing across many accounts (spraying) is
held back too, with a limit high enough for an office behind one NAT address. The owner of a
locked account can unlock it from a link sent to the account's e-mail address.

Counts live in the cache (Redis in production), so every app server sees the same counts.
"""

import hashlib
import time

from django.core.cache import cache

FREE_FAILURES = 5
FIRST_WAIT_SECONDS = 60
LONGEST_WAIT_SECONDS = 24 * 60 * 60
ADDRESS_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_ADDRESS = 100


def _account(username: str) -> str:
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]


def _pair_key(username: str, ip: str | None) -> str:
    return f"login-fail:pair:{_account(username)}:{ip or '-'}"


def _address_key(ip: str) -> str:
    return f"login-fail:ip:{ip}"


def wait_seconds(username: str, ip: str | None) -> int:
    """How long this name from this address must still wait before a try (0: go ahead)."""
    state = cache.get(_pair_key(username, ip))
    if state and state.get("until", 0) > time.time():
        return int(state["until"] - time.time()) + 1
    if ip and (cache.get(_address_key(ip)) or 0) >= MAX_FAILURES_PER_ADDRESS:
        return ADDRESS_WINDOW_SECONDS
    return 0


def is_throttled(username: str, ip: str | None) -> bool:
    return wait_seconds(username, ip) > 0


def note_failure(username: str, ip: str | None) -> None:
    key = _pair_key(username, ip)
    state = cache.get(key) or {"failures": 0, "until": 0}
    state["failures"] += 1
    beyond = state["failures"] - FREE_FAILURES
    if beyond >= 0:
        wait = min(FIRST_WAIT_SECONDS * 2**beyond, LONGEST_WAIT_SECONDS)
        state["until"] = time.time() + wait
    cache.set(key, state, LONGEST_WAIT_SECONDS)
    # add() starts the window; incr() keeps its expiry.
    if ip and not cache.add(_address_key(ip), 1, ADDRESS_WINDOW_SECONDS):
        try:
            cache.incr(_address_key(ip))
        except ValueError:
            cache.set(_address_key(ip), 1, ADDRESS_WINDOW_SECONDS)


def clear(username: str, ip: str | None) -> None:
    """A successful log-in, or the owner's unlock link: this pair starts afresh."""
    cache.delete(_pair_key(username, ip))
