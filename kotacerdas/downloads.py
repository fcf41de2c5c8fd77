"""Files handed to the browser: one place for their media types, the attachment header and
the bytes of a workbook."""

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from kotacerdas.xmltext import xml_text

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
XLSX = CONTENT_TYPES["xlsx"]


def attachment(content: bytes | str, filename: str, content_type: str = "") -> HttpResponse:
    """A download named ``filename``; the media type follows its extension unless given."""
    extension = filename.rsplit(".", 1)[-1]
    response = HttpResponse(content, content_type=content_type or CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# What a spreadsheet reads as the start of a formula when it opens a CSV file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def stored_file(file: FieldFile | None, filename: str) -> FileResponse:
    """A file kept in storage (a signed scan, minutes) as a download; 404 when there is none."""
    if not file:
        raise Http404
    return FileResponse(file.open("rb"), as_attachment=True, filename=filename)


def document(request: HttpRequest, typeset: Callable[[], bytes], filename: str) -> HttpResponse:
    """A PDF made on request (a certificate, a letter, an MoU) as a download, or a page saying
    it cannot be made on this server (503)."""
    from kotacerdas.pdf import PdfUnavailable

    try:
        content = typeset()
    except PdfUnavailable:
        logging.getLogger(__name__).exception("%s could not be built", filename)
        return render(request, "evaluation/pdf_unavailable.html", status=503)
    return attachment(content, filename)


def csv_text(value: Any) -> Any:
    """A value for a CSV cell: text that a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's advice); numbers and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only sheet's ``append`` with every text kept as text (what
    ``workbook_bytes`` does for ordinary sheets, which it cannot read back)."""
    row = []
    for value in values:
        if isinstance(value, str):
            value = xml_text(value)  # openpyxl refuses what XML cannot hold
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        row.append(value)
    return row


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes, every text written as text: a name typed as
    ``=HYPERLINK(...)`` must not become a formula in the spreadsheet of whoever opens it.
    Write-only sheets get their rows through ``text_row``."""
    for sheet in book.worksheets:
        if not hasattr(sheet, "iter_rows"):  # write-only
            continue
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
