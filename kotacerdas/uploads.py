"""Files posted to the platform: one place for what makes an upload readable at all."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext as _


def posted_workbook(request: HttpRequest, name: str = "file") -> tuple[UploadedFile | None, str]:
    """The Excel workbook posted as ``name``, or None and why there is none to read."""
    upload = request.FILES.get(name)
    if upload is None:
        return None, _("Choose the Excel workbook (.xlsx) to import.")
    if upload.size and upload.size > settings.KC_MAX_UPLOAD_BYTES:
        return None, _("The file is too large.")
    return upload, ""
