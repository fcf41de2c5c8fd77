from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def job(status: str, days_ago: int, masterplan: int = 1, key: str = "") -> Job:
    made = Job(kind="masterplan_book", key=key or f"{masterplan}:{days_ago}", status=status)
    made.params = {"masterplan": masterplan}
    if status == JobStatus.DONE:
        made.file.save("buku.pdf", ContentFile(b"%PDF-1.7"), save=False)
    made.save()
    Job.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return made


def test_old_replaced_books_and_failed_jobs_go_and_the_newest_book_stays_however_old(
    capsys,
) -> None:  # type: ignore[no-untyped-def]
    replaced = job(JobStatus.DONE, 90)
    newest_old = job(JobStatus.DONE, 60)  # the newest of masterplan 1: a reader may ask for it
    failed = job(JobStatus.FAILED, 45)
    lost = job(JobStatus.RUNNING, 40)
    recent_replaced = job(JobStatus.DONE, 5, masterplan=2)
    recent_newest = job(JobStatus.DONE, 1, masterplan=2)
    other_masterplan = job(JobStatus.DONE, 120, masterplan=3)
    storage, name = replaced.file.storage, replaced.file.name
    assert storage.exists(name)

    call_command("prune_jobs", "--days", "30", "--dry-run")
    assert Job.objects.count() == 7 and "would delete 3 job(s)" in capsys.readouterr().out

    call_command("prune_jobs", "--days", "30")
    remaining = set(Job.objects.values_list("pk", flat=True))
    assert remaining == {
        newest_old.pk, recent_replaced.pk, recent_newest.pk, other_masterplan.pk
    }  # fmt: skip
    assert not storage.exists(name)
    assert {failed.pk, lost.pk, replaced.pk}.isdisjoint(remaining)
