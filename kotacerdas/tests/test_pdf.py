"""The PDF documents' engine: Indonesian, and nothing read from outside the static files."""

import pytest

from kotacerdas.pdf import PDF_ASSETS, PdfUnavailable, render_pdf, report_url_fetcher


def test_a_document_reads_only_the_projects_static_files(settings) -> None:  # type: ignore[no-untyped-def]
    fetcher = report_url_fetcher()
    response = fetcher.fetch((PDF_ASSETS / "css" / "report.css").as_uri())
    try:
        assert b"@page" in response.read()
    finally:
        response.close()
    for url in (
        "https://example.org/font.woff",
        "http://127.0.0.1/x.css",
        (settings.BASE_DIR / "pyproject.toml").as_uri(),
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_document_is_typeset_in_indonesian_whatever_the_request_language(
    tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    import copy
    import subprocess

    from django.utils import translation
    from django.utils.translation import gettext

    (tmp_path / "doc.html").write_text(
        "{% load i18n %}<html><body><p>{% translate 'Region' %} / {{ label }}</p></body></html>"
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates  # assigning resets Django's template engines
    with translation.override("en"):
        content = render_pdf("doc.html", lambda: {"label": gettext("Province")})
    assert content.startswith(b"%PDF")
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Wilayah / Provinsi" in text


def test_missing_system_libraries_are_a_pdf_unavailable(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(PdfUnavailable, match="ensure_pdf_deps"):
        render_pdf("evaluation/certificate.html", dict)
