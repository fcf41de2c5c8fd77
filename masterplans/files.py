"""The masterplan's files as the pages and the API hand them out: the book and the workbook."""

import hashlib
import json

from django.core.cache import cache

from masterplans.book import masterplan_pdf
from masterplans.models import Masterplan
from masterplans.versions import snapshot
from masterplans.workbook_export import masterplan_xlsx

FORMATS = ("pdf", "xlsx")
PDF_CACHE_SECONDS = 7 * 24 * 3600


def _content_key(masterplan: Masterplan) -> str:
    """Changes whenever anything printed in the book changes (content, status, enactment)."""
    data = json.dumps(snapshot(masterplan), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def masterplan_file(masterplan: Masterplan, fmt: str) -> bytes:
    """The book (``pdf``) or the workbook of programs, budgets and KPIs (``xlsx``).

    A book takes seconds to typeset: it is kept in the shared cache per content, so only the
    first reader of each version waits. PdfUnavailable when the PDF engine is missing.
    """
    if fmt == "xlsx":
        return masterplan_xlsx(masterplan)
    key = f"masterplan-book:{masterplan.pk}:{_content_key(masterplan)}"
    content: bytes | None = cache.get(key)
    if content is None:
        content = masterplan_pdf(masterplan)
        cache.set(key, content, PDF_CACHE_SECONDS)
    return content


def masterplan_filename(masterplan: Masterplan, fmt: str) -> str:
    name = f"masterplan-{masterplan.region.code}-{masterplan.start_year}-e{masterplan.edition}"
    return f"{name}.{fmt}"
