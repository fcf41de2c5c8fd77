"""Evidence uploads: photos (JPEG, PNG) and PDFs, checked by content and size, not by name alone."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from monitoring.models import EvidenceKind

# Leading bytes of each accepted type, and the file name endings that go with it.
SIGNATURES = (
    (b"\xff\xd8\xff", EvidenceKind.PHOTO, (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", EvidenceKind.PHOTO, (".png",)),
    (b"%PDF-", EvidenceKind.PDF, (".pdf",)),
)


def max_bytes() -> int:
    return int(getattr(settings, "KC_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def evidence_kind(upload: UploadedFile) -> str:
    """The kind of an acceptable evidence file; ValidationError naming the file otherwise."""
    name = upload.name or ""
    size = upload.size or 0
    if size > max_bytes():
        raise ValidationError(
            _("%(name)s is %(size)s; evidence files may be at most %(max)s.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(max_bytes())},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    lower = name.lower()
    for signature, kind, endings in SIGNATURES:
        if head.startswith(signature):
            if not lower.endswith(endings):
                raise ValidationError(
                    _("%(name)s: the name does not match its content (%(endings)s expected).")
                    % {"name": name, "endings": ", ".join(endings)},
                    code="mismatch",
                )
            return kind
    raise ValidationError(
        _("%(name)s is not a JPEG or PNG photo or a PDF document.") % {"name": name},
        code="type",
    )
