from uuid import UUID

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from jobs.access import get_job_for_user
from jobs.kinds import KINDS
from jobs.models import JobStatus
from jobs.services import job_download

# The page asks again this often while the work goes on.
REFRESH_SECONDS = 2


def job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Where a person waits for long work: its step and progress, then the file."""
    job = get_job_for_user(request.user, pk)
    kind = KINDS[job.kind]
    steps = [
        {"label": label, "done": job.status == JobStatus.DONE or i < job.step, "now": i == job.step}
        for i, label in enumerate(kind.steps)
    ]
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "title": kind.title(job.params),
            "back_url": kind.back_url(job.params),
            "steps": steps,
            "refresh": None if job.finished else REFRESH_SECONDS,
        },
    )


def job_file(request: HttpRequest, pk: UUID) -> FileResponse:
    return job_download(get_job_for_user(request.user, pk))
