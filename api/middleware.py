from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from api.errors import error_response, status_error

API_PREFIX = "/api/"


class ApiErrorShapeMiddleware:
    """Gives every API error the one JSON shape, including errors raised outside the API's
    own handlers (405 from routing, CSRF failures, 500 pages)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = status_error(response.status_code)
            shaped = error_response(response.status_code, code, message)
            if "Allow" in response:
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
