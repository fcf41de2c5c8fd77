import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring.evidence import evidence_kind

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
PDF = b"%PDF-1.7\n" + b"\x00" * 100


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("foto.JPG", JPEG, "photo"), ("peta.png", PNG, "photo"), ("ba.pdf", PDF, "pdf")],
)
def test_photos_and_pdfs_are_accepted_by_content(name: str, content: bytes, kind: str) -> None:
    assert evidence_kind(SimpleUploadedFile(name, content)) == kind


def test_a_file_whose_content_is_not_allowed_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as error:
        evidence_kind(SimpleUploadedFile("laporan.docx", b"PK\x03\x04" + b"\x00" * 50))
    assert error.value.messages == ["laporan.docx bukan foto JPEG atau PNG atau dokumen PDF."]


def test_a_script_named_like_a_photo_is_refused() -> None:
    with pytest.raises(ValidationError, match="bukan foto"):
        evidence_kind(SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>"))


def test_a_pdf_named_as_a_photo_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        evidence_kind(SimpleUploadedFile("foto.jpg", PDF))
    assert error.value.code == "mismatch"


def test_a_file_over_the_limit_is_refused_with_both_sizes(settings) -> None:  # type: ignore[no-untyped-def]
    settings.KC_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        evidence_kind(SimpleUploadedFile("besar.pdf", PDF + b"\x00" * 2000))
    assert error.value.messages == [
        "besar.pdf berukuran 2,1\xa0KB; berkas bukti paling besar 1,0\xa0KB."
    ]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="kosong"):
        evidence_kind(SimpleUploadedFile("kosong.pdf", b""))
