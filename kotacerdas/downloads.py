"""Files handed to the browser: one place for their media types, the attachment header and
the bytes of a workbook."""

import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

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
