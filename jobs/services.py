"""Asking for long work and doing it. The request only records the job and hands it to the task
queue (django-tasks); a worker does the work and reports each step on the job's row."""

import json
import logging
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone

from accounts.access import AnyUser
from jobs.kinds import KINDS
from jobs.models import Job, JobStatus
from kotacerdas.downloads import stored_file

logger = logging.getLogger(__name__)

# A job still unfinished after this long lost its worker (a restart): ask again, anew.
STALE_AFTER = timedelta(minutes=30)


def job_request(*, kind: str, key: str, params: dict[str, Any], user: AnyUser) -> Job:
    """The job that builds ``key``: the finished one whose file is still there, the one under
    way, or a new one handed to the queue once this transaction commits."""
    from jobs.tasks import job_task

    if kind not in KINDS:
        raise ValueError(f"unknown kind of job: {kind}")
    with transaction.atomic():
        for job in (
            Job.objects.select_for_update()
            .filter(kind=kind, key=key)
            .exclude(status=JobStatus.FAILED)[:5]
        ):
            if job.status == JobStatus.DONE and job.file and job.file.storage.exists(job.file.name):
                return job
            if not job.finished and job.created_at > timezone.now() - STALE_AFTER:
                return job
        job = Job.objects.create(
            kind=kind,
            key=key,
            params=params,
            steps=len(KINDS[kind].steps),
            requested_by=user if user.is_authenticated else None,
        )
        transaction.on_commit(partial(job_task.enqueue, str(job.pk)))
    return job


def job_run(*, job_id: str) -> None:
    """Do the job (in the worker): each step recorded as it starts, the file saved through
    the default storage, a failure recorded with a message fit for the page."""
    job = Job.objects.get(pk=job_id)
    if job.finished:
        return
    kind = KINDS[job.kind]
    rows = Job.objects.filter(pk=job.pk)
    rows.update(status=JobStatus.RUNNING, started_at=timezone.now(), step=0)

    def step(index: int) -> None:
        rows.update(step=index)

    try:
        content, filename = kind.build(job.params, step)
        job.file.save(f"{job.pk}/{filename}", ContentFile(content), save=False)
    except Exception as error:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        rows.update(
            status=JobStatus.FAILED, error=str(kind.failure(error)), finished_at=timezone.now()
        )
        return
    rows.update(
        status=JobStatus.DONE,
        file=job.file.name,
        filename=filename,
        step=job.steps,
        finished_at=timezone.now(),
    )


def job_download(job: Job) -> FileResponse:
    """The file a finished job built, as a download; 404 while it is not there."""
    if job.status != JobStatus.DONE:
        raise Http404
    return stored_file(job.file, job.filename)


def mail_send(*, messages: list[tuple[str, str, str | None, list[str]]]) -> None:
    """Send e-mails (subject, body, sender or None for the default, recipients) off the request,
    once the transaction commits: a slow or absent mail server never holds a page, nor undoes
    what the person saved."""
    from jobs.tasks import mail_task

    payload = [[subject, body, sender, list(to)] for subject, body, sender, to in messages]
    if payload:
        transaction.on_commit(partial(mail_task.enqueue, payload))


def jobs_prune(*, before: datetime, dry_run: bool = False) -> int:
    """Delete (with their files) the jobs finished before ``before`` that nobody will ask for
    again: failed ones, unfinished ones that lost their worker, and done ones that a newer done
    job of the same kind and parameters replaced (the book of an older masterplan version).
    The newest book of each masterplan stays, however old: a reader may still ask for it."""
    old = Job.objects.filter(created_at__lt=before)
    doomed = list(old.exclude(status=JobStatus.DONE))
    newest: dict[tuple[str, str], Job] = {}
    for job in Job.objects.filter(status=JobStatus.DONE).order_by("created_at"):
        newest[(job.kind, json.dumps(job.params, sort_keys=True))] = job
    keep = {job.pk for job in newest.values()}
    doomed += [job for job in old.filter(status=JobStatus.DONE) if job.pk not in keep]
    if not dry_run:
        for job in doomed:
            if job.file:
                job.file.delete(save=False)
            job.delete()
    return len(doomed)
