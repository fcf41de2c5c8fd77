"""Who is acting right now: the request being served, or a named batch job.

Held in a context variable per request, so nothing is shared between threads or servers.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest


@dataclass(frozen=True)
class Actor:
    user: Any  # a User or None
    label: str
    ip: str | None


_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)
_job: ContextVar[str | None] = ContextVar("audit_job", default=None)


def current_actor() -> Actor:
    request = _request.get()
    if request is not None:
        # Read late: API token authentication sets request.user inside the view.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return Actor(user, user.get_username(), client_ip(request))
        return Actor(None, "anonim", client_ip(request))
    job = _job.get()
    return Actor(None, job or "sistem", None)


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address. Behind KC_TRUSTED_PROXIES reverse proxies it is the address the
    outermost of them saw, read from the right of X-Forwarded-For (the left part is whatever
    the client chose to send)."""
    proxies = settings.KC_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return str(forwarded[-proxies])
    return request.META.get("REMOTE_ADDR") or None


@contextmanager
def acting_as_job(name: str) -> Iterator[None]:
    token = _job.set(name)
    try:
        yield
    finally:
        _job.reset(token)


class AuditContextMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
