"""Version numbers of the data behind the public pages and figures kept in the shared cache.

A cache key that carries the version of the data it was computed from is never read again once
that data changes: saving or deleting a watched model bumps the version when its transaction
commits (before that, no other connection sees the change). Writes that send no signal
(``QuerySet.update``, ``bulk_create``) inside a transaction that also saves a watched model are
covered by that save; the others call :func:`bump` themselves, and every cache keeps a timeout
as a backstop.

Inside the transaction that made them, the changes are visible already: there the versions are
private to it, moving with each change, so the writer (a test, mostly) never reads a page
cached before its own change, and nobody else reads what it cached from uncommitted data.

The versions live in the cache itself: shared by every app server with Redis. The in-process
default cache keeps one version per process, so there only the timeout reaches the others.
"""

import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Version name → the models whose rows the cached results read.
WATCHED: dict[str, tuple[str, ...]] = {
    "dashboard": (
        "regions.Region",
        "regions.Province",
        "selection.Indicator",
        "selection.IndicatorValue",
        "selection.ImportRun",
        "selection.SelectionRound",
        "selection.RoundResult",
        "selection.RoundOverride",
        "selection.PublishedCohort",
        "enrolment.Invitation",
        "enrolment.Agreement",
        "masterplans.Masterplan",
        "masterplans.Program",
        "masterplans.BudgetLine",
        # a draft in public consultation is counted for the public (a window opening or
        # closing at its date is seen when the cached board expires)
        "participation.ConsultationWindow",
        "monitoring.ProgressReport",
        "monitoring.Milestone",  # a milestone-mode program's % follows them
        "evaluation.Rubric",
        "evaluation.Score",
    ),
    "regions": (
        "regions.Region",
        "regions.Province",
        "selection.Indicator",
        "selection.IndicatorValue",
        "selection.ImportRun",
        "masterplans.Masterplan",
    ),
}


class _Uncommitted(threading.local):
    """What this thread's open transaction changed, not yet committed."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.names: set[str] = set()
        self.token = ""
        self.changes = 0


_uncommitted = _Uncommitted()


def _key(name: str) -> str:
    return f"data-version:{name}"


def _fresh() -> int:
    # A lost version (evicted, a new cache) restarts from the clock, never from a number that
    # keys written before the loss may still carry.
    return time.time_ns()


def cached(name: str, key: str, compute: Callable[[], T], timeout: int) -> T:
    """``compute()``, kept in the shared cache under ``key`` at the current version of
    ``name``'s data: recomputed once that data changes, or after ``timeout`` seconds."""
    full = f"{key}:{version(name)}"
    found: T | None = cache.get(full)
    if found is None:
        found = compute()
        cache.set(full, found, timeout)
    return found


def version(name: str) -> str:
    """The current version of ``name``'s data; put it in every cache key computed from it."""
    key = _key(name)
    found = cache.get(key)
    if found is None:
        cache.add(key, _fresh(), timeout=None)
        found = cache.get(key)
    shared = str(found if found is not None else _fresh())
    state = _uncommitted
    if name in state.names:
        if transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return f"{shared}.{state.token}.{state.changes}"
        # Out of the transaction and the commit hook never ran: it was rolled back.
        state.reset()
    return shared


def bump(*names: str) -> None:
    """Mark the data of ``names`` (all of them by default) changed for every reader."""
    for name in names or tuple(WATCHED):
        key = _key(name)
        try:
            try:
                cache.incr(key)
            except ValueError:  # no version yet: whatever comes next is new
                cache.add(key, _fresh(), timeout=None)
        except Exception:
            # A cache outage must not fail the write; the caches' timeouts still apply.
            logger.exception("could not bump the data version %s", name)


def _after_commit() -> None:
    names = _uncommitted.names
    _uncommitted.reset()
    if names:
        bump(*sorted(names))


def _receiver(names: tuple[str, ...]) -> Any:
    def changed(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
        state = _uncommitted
        if not state.names:
            state.token = secrets.token_hex(8)
        state.names.update(names)
        state.changes += 1
        # Registered on every change (an append to a list), so that after a rollback discarded
        # the hooks of its transaction the next one's still run; the first to run bumps for
        # them all: deleting a masterplan's thousands of rows costs one bump, not thousands.
        # Outside a transaction it runs at once.
        transaction.on_commit(_after_commit, using=using)

    return changed


def connect() -> None:
    """Bump the versions on every save and delete of a watched model (from AppConfig.ready)."""
    names_by_model: dict[str, list[str]] = {}
    for name, labels in WATCHED.items():
        for label in labels:
            names_by_model.setdefault(label, []).append(name)
    for label, names in names_by_model.items():
        model = apps.get_model(label)
        receiver = _receiver(tuple(names))
        uid = f"data-versions:{label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
