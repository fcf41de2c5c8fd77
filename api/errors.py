"""One error shape for the whole API: ``{"error": {"code", "message", "details"}}``.

A refusal is a ``kotacerdas.errors.DomainError``, raised by the domain or by the API itself
(``ApiError``): it carries its status, code, message and details, and is answered from them by
one handler. Exception text of anything else never reaches a client: unexpected errors are
logged and answered with a generic message.

Every message is in the requester's language, chosen by Django's ``LocaleMiddleware`` in its
order: the language cookie set by the site's language switch, else ``Accept-Language``, else
Indonesian. An API client sends no cookie, so its ``Accept-Language`` decides (``en`` English;
``id``, none or a language the platform does not speak: Indonesian); a browser whose person
chose a language with the switch keeps it in the API too, as the pages do, whatever its
``Accept-Language`` says (pages ignore that header: ``kotacerdas.middleware``). The field
messages of a refused body are ours too, not the validation library's English: the common
kinds by their type (``field_message``), anything else as a generic "not valid".
"""

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.auth import ReadOnlyToken
from audit.versioning import StaleEdit
from kotacerdas.errors import DomainError

logger = logging.getLogger(__name__)


class ErrorDetail(Schema):
    field: str
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(DomainError):
    """A refusal the API makes itself, before the domain is asked (a request that names no
    such thing, sends no version, or a page's form refused), with its status and code."""

    def __init__(
        self, status: int, code: str, message: str, details: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(message, code=code, status=status, details=details)


def form_details(
    form: Any, field: Callable[[str], str] = lambda name: name
) -> list[dict[str, str]]:
    """A Django form's errors as the error shape's details, one per message; ``field`` names
    each field as the API's schema does."""
    return [
        {"field": field(name), "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]


def invalid_form(form: Any, message: str = "") -> ApiError:
    """422 for a request a page's form refused, every field's message in the details."""
    return ApiError(
        422, "invalid", message or _("The request has invalid fields."), form_details(form)
    )


def invalid_parts(parts: list[tuple[str, Any]], message: str = "") -> ApiError:
    """422 for a page's form with its formsets: ``parts`` are (name, form or formset); a row's
    field is named ``name[row].field`` as in the request body."""
    details: list[dict[str, str]] = []
    for name, part in parts:
        if hasattr(part, "forms"):
            details += [{"field": name, "message": str(m)} for m in part.non_form_errors()]
            for row, form in enumerate(part.forms):
                prefix = f"{name}[{row}]."
                details += [
                    {"field": prefix + d["field"], "message": d["message"]}
                    for d in form_details(form)
                ]
        else:
            details += form_details(part)
    return ApiError(422, "invalid", message or _("The request has invalid fields."), details)


def error_response(
    status: int, code: str, message: str, details: list[dict[str, str]] | None = None
) -> JsonResponse:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return JsonResponse(body, status=status)


def status_error(status: int) -> tuple[str, str]:
    known = {
        400: ("bad_request", _("The request could not be understood.")),
        401: ("unauthenticated", _("Authentication required: send a valid API token.")),
        403: ("forbidden", _("You do not have access to this resource.")),
        404: ("not_found", _("Not found.")),
        405: ("method_not_allowed", _("This method is not allowed here.")),
        409: ("conflict", _("The resource is in a state that does not allow this.")),
        412: ("version_conflict", _("Changed by someone else since your version: read it again.")),
        413: ("too_large", _("The request is too large.")),
        429: ("too_many_requests", _("Too many requests: try again later.")),
    }
    if status in known:
        return known[status]
    if status >= 500:
        return "server_error", _("Something went wrong on our side.")
    return "error", _("The request failed.")


def documented_errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error responses an operation documents, all in the one shape."""
    return dict.fromkeys(statuses, ErrorOut)


# A refused value's message by the validation library's error type; ``%(name)s`` takes the
# error's context (the limit it broke).
FIELD_MESSAGES: dict[str, Any] = {
    "missing": gettext_lazy("Required."),
    "extra_forbidden": gettext_lazy("This field is not part of the request."),
    "int_parsing": gettext_lazy("Give a whole number."),
    "int_type": gettext_lazy("Give a whole number."),
    "int_from_float": gettext_lazy("Give a whole number."),
    "float_parsing": gettext_lazy("Give a number."),
    "float_type": gettext_lazy("Give a number."),
    "decimal_parsing": gettext_lazy("Give a number."),
    "decimal_type": gettext_lazy("Give a number."),
    "bool_parsing": gettext_lazy("Give true or false."),
    "bool_type": gettext_lazy("Give true or false."),
    "string_type": gettext_lazy("Give a text."),
    "string_too_short": gettext_lazy("At least %(min_length)s characters."),
    "string_too_long": gettext_lazy("At most %(max_length)s characters."),
    "too_short": gettext_lazy("At least %(min_length)s items."),
    "too_long": gettext_lazy("At most %(max_length)s items."),
    "greater_than_equal": gettext_lazy("At least %(ge)s."),
    "greater_than": gettext_lazy("More than %(gt)s."),
    "less_than_equal": gettext_lazy("At most %(le)s."),
    "less_than": gettext_lazy("Less than %(lt)s."),
    "date_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_type": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Give a date as YYYY-MM-DD."),
    "datetime_parsing": gettext_lazy("Give a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_type": gettext_lazy("Give a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_from_date_parsing": gettext_lazy("Give a date and time as YYYY-MM-DDTHH:MM."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "list_type": gettext_lazy("Give a list."),
    "dict_type": gettext_lazy("Give an object."),
    "model_type": gettext_lazy("Give an object."),
    "model_attributes_type": gettext_lazy("Give an object."),
}


def field_message(error: dict[str, Any]) -> str:
    """A refused value's message in the active language, from the validation library's error
    (its ``type`` and ``ctx``); a kind not listed is said to be not valid."""
    template = FIELD_MESSAGES.get(str(error.get("type", "")))
    if template is None:
        return _("This value is not valid.")
    context = dict(error.get("ctx") or {})
    if "expected" in context:
        # The library joins the last choice with an English "or".
        context["expected"] = str(context["expected"]).replace(" or ", ", ")
    try:
        return str(template) % context
    except (KeyError, TypeError, ValueError):
        return _("This value is not valid.")


def _field_name(location: Any) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "request"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [
            {"field": _field_name(err.get("loc", [])), "message": field_message(err)}
            for err in exc.errors
        ]
        return error_response(422, "invalid", _("The request has invalid fields."), details)

    @api.exception_handler(DomainError)
    def refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(ModelValidationError)
    def model_validation_error(request: HttpRequest, exc: ModelValidationError) -> HttpResponse:
        details = [
            {"field": field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
        return error_response(422, "invalid", _("The request has invalid fields."), details)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            401, "unauthenticated", _("Authentication required: send a valid API token.")
        )

    @api.exception_handler(StaleEdit)
    def stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        # Someone saved since the version the client edited from: nothing was written. The
        # answer names the current version, to read (or edit) from again.
        response = refused(request, exc)
        response["ETag"] = f'"{exc.version}"'
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        if isinstance(exc, ReadOnlyToken):
            return error_response(
                403, "read_only_token", _("This token may only read: create one that may write.")
            )
        if not getattr(request, "user", AnonymousUser()).is_authenticated:
            # Refused because nobody is known: say so, as a route that needs a token does.
            return error_response(
                401, "unauthenticated", _("Authentication required: send a valid API token.")
            )
        return error_response(403, "forbidden", _("You do not have access to this resource."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "not_found", _("Not found."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # The framework's own text (e.g. "CSRF check Failed") is English and not ours to show.
        return error_response(exc.status_code, *status_error(exc.status_code))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled API error on %s", request.path)
        return error_response(500, "server_error", _("Something went wrong on our side."))


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown paths under /api/v1/ answer in the API's error shape, not with an HTML page."""
    return error_response(404, "not_found", _("Not found."))
