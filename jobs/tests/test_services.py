import pytest
from django.utils import timezone

from jobs import kinds
from jobs.models import Job, JobStatus
from jobs.services import STALE_AFTER, job_run
from masterplans.files import masterplan_book_job
from masterplans.tests.factories import make_masterplan

pytestmark = pytest.mark.django_db


def test_a_book_asked_for_waits_in_the_queue_until_the_request_commits(
    owner, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = masterplan_book_job(masterplan=masterplan, user=owner)
    assert len(queued) == 1
    job.refresh_from_db()
    assert (job.status, job.step, job.steps, job.percent) == (JobStatus.QUEUED, 0, 2, 0)
    assert job.requested_by == owner and not job.file

    queued[0]()  # the worker's turn (the immediate backend runs the task as it is queued)

    job.refresh_from_db()
    assert (job.status, job.step, job.percent) == (JobStatus.DONE, 2, 100)
    assert job.filename == "masterplan-32.73-2027-e1.pdf"
    assert job.file.read().startswith(b"%PDF-")
    assert job.started_at <= job.finished_at


def test_the_same_version_asked_again_gets_the_same_job_and_a_changed_one_a_new_job(
    owner, colleague, django_capture_on_commit_callbacks, quick_book
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    with django_capture_on_commit_callbacks(execute=True):
        first = masterplan_book_job(masterplan=masterplan, user=owner)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = masterplan_book_job(masterplan=masterplan, user=colleague)
    assert again.pk == first.pk and queued == []  # typeset once, taken by both

    masterplan.vision = "Bandung yang lain"
    masterplan.save()
    with django_capture_on_commit_callbacks(execute=True):
        changed = masterplan_book_job(masterplan=masterplan, user=owner)
    assert changed.pk != first.pk
    assert Job.objects.filter(status=JobStatus.DONE).count() == 2


def test_a_job_under_way_is_shared_and_one_that_lost_its_worker_is_asked_anew(
    owner, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    with django_capture_on_commit_callbacks(execute=False):
        running = masterplan_book_job(masterplan=masterplan, user=owner)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert masterplan_book_job(masterplan=masterplan, user=owner).pk == running.pk
    assert queued == []

    Job.objects.filter(pk=running.pk).update(created_at=timezone.now() - STALE_AFTER * 2)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        fresh = masterplan_book_job(masterplan=masterplan, user=owner)
    assert fresh.pk != running.pk and len(queued) == 1


def test_a_failed_job_says_so_without_the_exception_text_and_is_asked_anew(
    owner, monkeypatch, django_capture_on_commit_callbacks, quick_book
) -> None:  # type: ignore[no-untyped-def]
    def broken(self, params, step):  # type: ignore[no-untyped-def]
        step(1)
        raise RuntimeError("/srv/secret/path exploded")

    kind = type(kinds.KINDS["masterplan_book"])
    working = kind.build
    monkeypatch.setattr(kind, "build", broken)
    masterplan = make_masterplan()
    with django_capture_on_commit_callbacks(execute=True):
        job = masterplan_book_job(masterplan=masterplan, user=owner)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.step == 1 and job.finished_at
    assert "secret" not in job.error and job.error
    monkeypatch.setattr(kind, "build", working)
    with django_capture_on_commit_callbacks(execute=True):
        retried = masterplan_book_job(masterplan=masterplan, user=owner)
    retried.refresh_from_db()
    assert retried.pk != job.pk and retried.status == JobStatus.DONE


def test_a_finished_job_is_not_done_twice(
    owner, django_capture_on_commit_callbacks, quick_book
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = masterplan_book_job(masterplan=make_masterplan(), user=owner)
    job.refresh_from_db()
    name = job.file.name
    job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.file.name == name and Job.objects.count() == 1
