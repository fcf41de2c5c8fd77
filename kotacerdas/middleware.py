import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse


class IndonesianFirstMiddleware:
    """Pages are in Indonesian unless the visitor chose English with the language switch.

    A browser's Accept-Language tells which language the computer was set up in, not which one
    the program's staff work in, so pages ignore it and only the switch's cookie counts. API
    clients send the header on purpose, so the API keeps honouring it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# No inline scripts anywhere: every script is a file under /static/. Django's admin and the
# API docs set inline style attributes, so only they may use inline styles.
CSP_STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CSP_INLINE_STYLES = CSP_STRICT.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.inline_style_prefixes = ("/" + settings.KC_ADMIN_PATH, "/api/v1/docs")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            relaxed = request.path.startswith(self.inline_style_prefixes)
            response["Content-Security-Policy"] = CSP_INLINE_STYLES if relaxed else CSP_STRICT
        return response


class StripNulMiddleware:
    """Removes NUL characters from the path, query and form fields; replaces them in JSON bodies.

    No text the platform keeps may contain one (PostgreSQL refuses them in text columns), and
    none comes from a real user: it only turns a fuzzer's or an attacker's input into a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            request.path_info = request.path_info.replace("\x00", "")
        if "%00" in request.META.get("QUERY_STRING", "").lower() or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            cleaned = request.GET.copy()
            for key in list(cleaned):
                values = [v.replace("\x00", "") for v in cleaned.getlist(key)]
                del cleaned[key]
                cleaned.setlist(key.replace("\x00", ""), values)
            cleaned._mutable = False
            request.GET = cleaned  # type: ignore[assignment]
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in ("POST", "PUT", "PATCH"):
            if content_type.startswith("application/json"):
                # In JSON a NUL becomes U+FFFD, what a decoder writes for a character it
                # cannot keep: a string the API's schema accepts stays one it accepts (a
                # title of one NUL is not emptied into a refusal before access is checked).
                body = request.body
                if b"\\u0000" in body or b"\x00" in body:
                    request._body = body.replace(b"\\u0000", b"\\ufffd").replace(
                        b"\x00", "\ufffd".encode()
                    )
            elif content_type.startswith("application/x-www-form-urlencoded") and any(
                "\x00" in v for _key, values in request.POST.lists() for v in values
            ):
                cleaned = request.POST.copy()
                for key in list(cleaned):
                    cleaned.setlist(key, [v.replace("\x00", "") for v in cleaned.getlist(key)])
                cleaned._mutable = False
                request.POST = cleaned  # type: ignore[assignment]
        return self.get_response(request)


class IdleSessionMiddleware:
    """A signed-in session ends after ``KC_SESSION_IDLE_SECONDS`` without a request.

    The time of the last request is kept in the session and written at most once a minute, so
    that a busy page does not turn every read into a session write; the cookie's own age is
    the same idle time, renewed with it.
    """

    KEY = "kc_seen"
    RESOLUTION = 60

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(self.KEY)
            if isinstance(seen, int) and now - seen > settings.KC_SESSION_IDLE_SECONDS:
                logout(request)
            elif not isinstance(seen, int) or now - seen >= self.RESOLUTION:
                request.session[self.KEY] = now
        return self.get_response(request)
