from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from api.errors import error_response

API_PREFIX = "/api/"


def _status_error(status: int) -> tuple[str, str]:
    known = {
        400: ("bad_request", _("The request could not be understood.")),
        401: ("unauthenticated", _("Authentication required: send a valid API token.")),
        403: ("forbidden", _("You do not have access to this resource.")),
        404: ("not_found", _("Not found.")),
        405: ("method_not_allowed", _("This method is not allowed here.")),
        413: ("too_large", _("The request is too large.")),
        429: ("too_many_requests", _("Too many requests: try again later.")),
    }
    if status in known:
        return known[status]
    if status >= 500:
        return "server_error", _("Something went wrong on our side.")
    return "error", _("The request failed.")


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
            code, message = _status_error(response.status_code)
            shaped = error_response(response.status_code, code, message)
            if "Allow" in response:
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
