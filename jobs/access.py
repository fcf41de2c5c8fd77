"""Finding a job for a user: whoever may see what it is built from (its kind says how)."""

import uuid

from django.http import Http404

from accounts.access import AnyUser
from jobs.kinds import KINDS
from jobs.models import Job


def get_job_for_user(user: AnyUser, pk: uuid.UUID | str) -> Job:
    """The job, or 404 when ``user`` may not see what it builds (checked on every visit, so a
    masterplan taken back from the public takes its book with it)."""
    try:
        job = Job.objects.get(pk=pk)
    except (Job.DoesNotExist, ValueError):
        raise Http404 from None
    kind = KINDS.get(job.kind)
    if kind is None:
        raise Http404
    kind.check_access(user, job.params)
    return job
