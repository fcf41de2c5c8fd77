"""The real queue: the job waits in the database until `manage.py db_worker` does it (SQLite
here, PostgreSQL in CI's second run)."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from jobs.models import Job, JobStatus
from masterplans.files import masterplan_book_job
from masterplans.tests.factories import make_masterplan


@pytest.fixture
def database_queue(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_book_waits_in_the_database_queue_until_the_worker_typesets_it(
    registry_committed, database_queue, owner
) -> None:  # type: ignore[no-untyped-def]
    job = masterplan_book_job(masterplan=make_masterplan(), user=owner)
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and queued.task_path == "jobs.tasks.job_task"
    assert queued.args_kwargs["args"] == [str(job.pk)]
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.file.read().startswith(b"%PDF-")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_email_waits_in_the_queue_until_the_worker_sends_it(database_queue) -> None:  # type: ignore[no-untyped-def]
    from django.core import mail

    from jobs.services import mail_send

    mail_send(messages=[("Uji", "Isi pesan", None, ["tim@bandung.go.id"])])
    assert mail.outbox == [] and DBTaskResult.objects.get().task_path == "jobs.tasks.mail_task"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    (message,) = mail.outbox
    assert (message.subject, message.to) == ("Uji", ["tim@bandung.go.id"])
    assert message.from_email == "Kota Cerdas <noreply@kotacerdas.local>"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
