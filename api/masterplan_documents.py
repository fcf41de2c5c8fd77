"""A masterplan's versions and files over the API: the versions kept at each status change and
the diff between two, the book (PDF), the workbook (Excel) and its import."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from api.auth import READ_AUTH, WRITE_AUTH
from api.errors import ApiError, documented_errors
from api.jobs import JobOut, poll_headers
from jobs.models import JobStatus
from jobs.services import job_download
from kotacerdas.downloads import CONTENT_TYPES, attachment
from masterplans.access import get_masterplan_for_user
from masterplans.files import masterplan_book_job, masterplan_filename
from masterplans.versions import diff, readable_versions
from masterplans.workbook_export import masterplan_xlsx
from masterplans.workbook_import import import_workbook

router = Router(tags=["masterplans"])


class VersionOut(Schema):
    number: int
    status: str
    note: str
    created_by: str
    created_at: datetime

    @staticmethod
    def resolve_created_by(version: Any) -> str:
        return str(version.created_by or "")


class ChangeOut(Schema):
    section: str
    kind: str
    subject: str
    old: Any
    new: Any


class DiffOut(Schema):
    old: VersionOut
    new: VersionOut
    changes: list[ChangeOut]


class DiffQuery(Schema):
    a: int | None = None
    b: int | None = None


class ImportOut(Schema):
    created: int = Field(description="new programs")
    updated: int = Field(description="programs updated in place")
    unchanged: int = Field(description="programs the workbook leaves as they are")
    kept: int = Field(description="programs changed online since the export, kept (`keep`)")
    removed: int = Field(description="programs not in the workbook, removed (`remove`)")


@router.get(
    "/masterplans/{int:masterplan_id}/versions",
    response={200: list[VersionOut], **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="The versions kept at each status change, oldest first",
    description="The public sees the approved and enacted versions only.",
)
def list_versions(request: HttpRequest, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    return readable_versions(masterplan, request.user)


@router.get(
    "/masterplans/{int:masterplan_id}/versions/diff",
    response={200: DiffOut, **documented_errors(401, 404, 422)},
    auth=READ_AUTH,
    summary="What changed from version `a` to version `b` (the last two by default)",
)
def version_diff(request: HttpRequest, masterplan_id: int, query: Query[DiffQuery]) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    versions = readable_versions(masterplan, request.user)
    if len(versions) < 2:
        raise ApiError(422, "too_few_versions", _("There are not yet two versions to compare."))
    by_number = {v.number: v for v in versions}
    old = by_number.get(versions[-2].number if query.a is None else query.a)
    new = by_number.get(versions[-1].number if query.b is None else query.b)
    if old is None or new is None:
        raise ApiError(404, "not_found", _("No such version of this masterplan."))
    return {"old": old, "new": new, "changes": diff(old.snapshot, new.snapshot)}


def _file_response(fmt: str) -> dict[str, Any]:
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        "responses": {200: {"description": "The file", "content": {CONTENT_TYPES[fmt]: binary}}}
    }


@router.get(
    "/masterplans/{int:masterplan_id}/book.pdf",
    response={200: None, 202: JobOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="The masterplan book as PDF, in Indonesian",
    description=(
        "The book is typeset in the background: 200 with the file when this version was "
        "typeset before, otherwise 202 with the job (its `Location` header names it): ask the "
        "job again after `Retry-After` seconds and take the file from its `file_url`."
    ),
    openapi_extra=_file_response("pdf"),
)
def download_book(request: HttpRequest, response: HttpResponse, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    job = masterplan_book_job(masterplan=masterplan, user=request.user)
    if job.status == JobStatus.DONE:
        return job_download(job)
    poll_headers(response, job)
    return Status(202, job)


@router.get(
    "/masterplans/{int:masterplan_id}/workbook.xlsx",
    response={200: None, **documented_errors(401, 404)},
    auth=READ_AUTH,
    summary="The workbook of programs, budgets, KPIs and action plans (Excel)",
    openapi_extra=_file_response("xlsx"),
)
def download_workbook(request: HttpRequest, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    return attachment(masterplan_xlsx(masterplan), masterplan_filename(masterplan, "xlsx"))


class ChoicesIn(Schema):
    take: list[str] = Field(
        default_factory=list,
        description="codes of programs changed online since the export: take the workbook's",
    )
    keep: list[str] = Field(
        default_factory=list,
        description="codes of programs to keep as they are online (changed since the export, "
        "or not in the workbook)",
    )
    remove: list[str] = Field(
        default_factory=list, description="codes of programs not in the workbook: remove them"
    )


@router.post(
    "/masterplans/{int:masterplan_id}/workbook",
    response={200: ImportOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    auth=WRITE_AUTH,
    summary="Import an edited workbook (multipart: `file`, and `take`/`keep`/`remove` codes)",
    description="Every row is checked first; with any problem nothing is written and the answer "
    "is 422 with one detail per problem, its field being `sheet.row.column`. Programs are found "
    "by their code and updated in place. A program changed online since the workbook was "
    "exported, or online but not in the workbook, needs a choice: without one the answer is "
    "409 `choices_needed`, one detail per such program (`conflict.CODE` or `missing.CODE`), "
    "and nothing is written.",
)
def import_workbook_api(
    request: HttpRequest,
    masterplan_id: int,
    choices: Form[ChoicesIn],
    file: File[UploadedFile | None] = None,
) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "masterplan.edit")
    if file is None:
        raise ApiError(
            422,
            "invalid",
            _("Choose the Excel workbook (.xlsx) to import."),
            [{"field": "file", "message": _("Choose the Excel workbook (.xlsx) to import.")}],
        )
    if file.size and file.size > settings.KC_MAX_UPLOAD_BYTES:
        raise ApiError(413, "too_large", _("The file is too large."))
    return import_workbook(
        masterplan, file, request.user, take=choices.take, keep=choices.keep, remove=choices.remove
    )
