"""No lost update through the API: every write to something that exists says which version
it edits from, and a read says which version it gave.

A read sends the version as an ``ETag``; a write sends it back as ``If-Match`` (or as
``version`` in the body). A write without it is refused with 428, a write from a version that
is not the current one with 412 (``audit.versioning.StaleEdit``, mapped once in
``api.errors``), and nothing is written either way.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from api.errors import ApiError


def etag(response: HttpResponse, version: int | str) -> None:
    response["ETag"] = f'"{version}"'


def base_version(request: HttpRequest, body_version: int | str | None = None) -> str:
    """The version a write edits from: the body's ``version``, else the If-Match header."""
    if body_version is not None and body_version != "":
        return str(body_version)
    if_match = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if if_match and if_match != "*":
        return if_match
    raise ApiError(
        428,
        "version_required",
        _(
            "Send the version you edited from: the If-Match header with the ETag of your "
            "read, or the version field."
        ),
    )


def base_number(request: HttpRequest, body_version: int | None = None) -> int:
    """``base_version`` of a record whose version is a number; anything else is no version
    it ever had (412)."""
    version = base_version(request, body_version)
    if not (version.isascii() and version.isdigit() and len(version) < 10):
        raise ApiError(
            412,
            "version_conflict",
            _("Changed by someone else since version %(version)s: read it again.")
            % {"version": version[:20]},
        )
    return int(version)
