"""Award certificates as PDF (WeasyPrint, A4 landscape), in Indonesian."""

from django.template.loader import render_to_string
from django.utils import translation

from evaluation.models import Award
from evaluation.results import category_label
from selection.exports import PDF_ASSETS, PdfUnavailable, report_url_fetcher


def certificate_pdf(award: Award) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as error:  # pango & co. are missing
        raise PdfUnavailable(f"WeasyPrint cannot load its system libraries ({error})") from error
    with translation.override("id"):
        html = render_to_string(
            "evaluation/certificate.html",
            {"award": award, "category": category_label(award.category)},
        )
    document = HTML(string=html, base_url=f"{PDF_ASSETS}/", url_fetcher=report_url_fetcher())
    return bytes(document.write_pdf())
