from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from api.errors import error_response, status_error

API_PREFIX = "/api/"


class ApiErrorShapeMiddleware:
    """Gives every API error the one JSON shape, including errors raised outside the API's
    own handlers (405 from routing, CSRF failures, 500 pages).

    An error's message is in the language of the request (``api.errors``): the answer says
    which (``Content-Language``) and that it varies with both things that choose it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        if not response.get("Content-Type", "").startswith("application/json"):
            code, message = status_error(response.status_code)
            shaped = error_response(response.status_code, code, message)
            for header in ("Allow", "Content-Language", "Vary"):
                if header in response:
                    shaped[header] = response[header]
            response = shaped
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
