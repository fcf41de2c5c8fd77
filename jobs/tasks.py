"""The tasks the queue runs (django-tasks: the database backend in production and under
``make run``, the immediate one in tests)."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django_tasks import task

from jobs.services import job_run


@task()
def job_task(job_id: str) -> None:
    job_run(job_id=job_id)


@task()
def mail_task(messages: list[list[Any]]) -> int:
    """Send the e-mails; a failure is recorded on the task's result and logged by the worker."""
    return send_mass_mail(
        [
            (subject, body, sender or settings.DEFAULT_FROM_EMAIL, to)
            for subject, body, sender, to in messages
        ]
    )
