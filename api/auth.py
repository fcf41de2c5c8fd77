"""How API callers identify themselves: a bearer token, or the browser session."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from accounts.models import ApiToken

# Recording every use would turn each read into a write; once in a while is enough.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    """A bearer token that is known, not expired and, for a write, allowed to write."""

    def __init__(self, *, write: bool = False) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if api_token is None or api_token.is_expired:
            # A wrong or expired token is an error, never a silent fall-back to anonymous.
            raise AuthenticationError
        if self.write and not api_token.can_write:
            raise ReadOnlyToken
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class SessionCookieAuth(SessionAuth):
    """The browser session, for callers that have one; others go on to the next method, so a
    request with neither token nor session gets 401 rather than a CSRF complaint."""

    def __call__(self, request: HttpRequest) -> Any:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


class PublicAuth:
    """Lets anonymous readers through, after a token or session had its chance."""

    def __call__(self, request: HttpRequest) -> Any:
        return getattr(request, "user", None) or AnonymousUser()


class ReadOnlyToken(PermissionDenied):
    """A read-only token sent to change something: 403, saying why."""


# Reads: token, then session, then anonymous. Writes: a token that may write, or the session
# (with CSRF).
READ_AUTH = [TokenAuth(), SessionCookieAuth(csrf=False), PublicAuth()]
WRITE_AUTH = [TokenAuth(write=True), SessionCookieAuth(csrf=True)]
