"""Files handed to the browser: one place for their media types and the attachment header."""

from django.http import HttpResponse

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
