"""The masterplan's files as the pages and the API hand them out: the book and the workbook."""

import hashlib
import json

from accounts.access import AnyUser
from jobs.models import Job
from jobs.services import job_request
from masterplans.models import Masterplan
from masterplans.versions import snapshot

FORMATS = ("pdf", "xlsx")


def _content_key(masterplan: Masterplan) -> str:
    """Changes whenever anything printed in the book changes (content, status, enactment)."""
    data = json.dumps(snapshot(masterplan), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def masterplan_book_job(*, masterplan: Masterplan, user: AnyUser) -> Job:
    """The job that typesets this version of the book (masterplans/jobs.py): the one already
    done or under way for the same content, or a new one. Only the first reader of each
    version waits, and nobody waits inside a request."""
    return job_request(
        kind="masterplan_book",
        key=f"{masterplan.pk}:{_content_key(masterplan)}",
        params={"masterplan": masterplan.pk},
        user=user,
    )


def masterplan_filename(masterplan: Masterplan, fmt: str) -> str:
    name = f"masterplan-{masterplan.region.code}-{masterplan.start_year}-e{masterplan.edition}"
    return f"{name}.{fmt}"
