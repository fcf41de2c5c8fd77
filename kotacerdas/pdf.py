"""Signed documents as PDF: the round's decision report, award certificates, bimtek sign-in
sheets (WeasyPrint, from HTML templates), and the masterplan book (Typst, decision 0004).
Always in Indonesian, and reading nothing but the project's own files."""

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# The PDF may read files from here and nowhere else (its stylesheet); nothing remote.
PDF_ASSETS = Path(settings.BASE_DIR) / "static"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (pango), or the fonts, are not installed."""


@cache
def report_url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that reads files under PDF_ASSETS and refuses anything else."""
    from weasyprint.urls import URLFetcher

    root = PDF_ASSETS.resolve()

    class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or parts.netloc or not path.is_relative_to(root):
                raise ValueError(f"the report may only read its own files, not {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=["file"], fail_on_errors=True)


def weasyprint_html() -> Any:
    """WeasyPrint's HTML class; PdfUnavailable when its system libraries are missing."""
    try:
        from weasyprint import HTML
    except OSError as error:  # pango & co. are missing
        raise PdfUnavailable(
            f"WeasyPrint cannot load its system libraries ({error}); "
            "run scripts/ensure_pdf_deps.sh as root"
        ) from error
    return HTML


def render_typst(template: Path, name: str, data: Callable[[], dict[str, Any]]) -> bytes:
    """The Typst ``template`` typeset as PDF with ``data()`` as ``sys.inputs.<name>`` (JSON).

    The template reads its data as values, so whatever people typed is set as text and never
    read as markup; it may read no file but itself (its root is its own folder) and only the
    fonts in ``KC_PDF_FONTS``. ``data`` is called with Indonesian active, like
    ``render_pdf``'s context. PdfUnavailable when a font it asks for is not there: Typst would
    set the book in another font without a word."""
    import typst

    fonts = Path(settings.KC_PDF_FONTS)
    if not (fonts / "DejaVuSans.ttf").is_file():
        raise PdfUnavailable(
            f"the fonts of the PDF documents are missing ({fonts}); run "
            "scripts/ensure_pdf_deps.sh as root, or set KC_PDF_FONTS to the DejaVu fonts' folder"
        )
    with translation.override("id"):
        inputs = {name: json.dumps(data(), ensure_ascii=False)}
    pdf, warnings = typst.compile_with_warnings(
        str(template),
        root=str(template.parent),
        font_paths=[str(fonts)],
        ignore_system_fonts=True,
        sys_inputs=inputs,
    )
    missing = [w.message for w in warnings if "font" in w.message]
    if missing:
        raise PdfUnavailable(f"{fonts}: {'; '.join(missing)}")
    return bytes(pdf)


def render_pdf(template: str, context: Callable[[], dict[str, Any]]) -> bytes:
    """The template rendered in Indonesian and typeset as PDF. ``context`` is called with
    Indonesian active too, so the labels it computes are Indonesian whatever the request's
    language."""
    html_class = weasyprint_html()
    with translation.override("id"):
        html = render_to_string(template, context())
    document = html_class(string=html, base_url=f"{PDF_ASSETS}/", url_fetcher=report_url_fetcher())
    return bytes(document.write_pdf())
