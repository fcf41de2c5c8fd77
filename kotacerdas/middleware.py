from collections.abc import Callable

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
