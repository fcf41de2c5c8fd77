"""Long work over the API: a client that asked for a book polls its job, then takes the file."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from api.auth import READ_AUTH
from api.errors import documented_errors
from jobs.access import get_job_for_user
from jobs.models import Job, JobStatus
from jobs.services import job_download
from kotacerdas.downloads import CONTENT_TYPES

router = Router(tags=["jobs"])

# How long a client should wait before asking again, in seconds.
RETRY_AFTER = 2
BINARY = {"type": "string", "format": "binary"}


class JobOut(Schema):
    id: UUID
    kind: str
    status: str
    step: int
    steps: int
    percent: int
    filename: str
    file_url: str | None
    error: str
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_file_url(job: Job) -> str | None:
        if job.status != JobStatus.DONE:
            return None
        return reverse("api:job_file", kwargs={"job_id": job.pk})


def poll_headers(response: HttpResponse, job: Job) -> None:
    """For a 202: where to ask about the job, and when."""
    response["Location"] = reverse("api:job_detail", kwargs={"job_id": job.pk})
    response["Retry-After"] = str(RETRY_AFTER)


@router.get(
    "/jobs/{uuid:job_id}",
    response={200: JobOut, **documented_errors(401, 404)},
    auth=READ_AUTH,
    url_name="job_detail",
    summary="A background job: its status, progress and, when done, its file",
)
def job_detail(request: HttpRequest, job_id: UUID) -> Any:
    return get_job_for_user(request.user, job_id)


@router.get(
    "/jobs/{uuid:job_id}/file",
    response={200: None, **documented_errors(401, 404)},
    auth=READ_AUTH,
    url_name="job_file",
    summary="The file a finished job built",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                # What the jobs build today: the masterplan book.
                "content": {CONTENT_TYPES["pdf"]: {"schema": BINARY}},
            }
        }
    },
)
def job_file(request: HttpRequest, job_id: UUID) -> Any:
    return job_download(get_job_for_user(request.user, job_id))
