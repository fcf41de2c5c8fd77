"""A consultation's shareable link as a QR code, and the printed notice that carries it (for a
kelurahan's board, a mall's lobby, a public service office)."""

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from kotacerdas.pdf import render_pdf
from participation.models import ConsultationWindow


def share_url(window: ConsultationWindow) -> str:
    return settings.KC_SITE_URL + reverse("participation:consultation", args=[window.masterplan_id])


def qr_svg(url: str, *, scale: int = 5) -> SafeString:
    """``url`` as an inline SVG QR code (error correction M: it still reads when a corner of
    the printed notice is torn or stained)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False)
    # segno writes only its own markup: no text of the URL's enters it unescaped.
    return mark_safe(out.getvalue().decode())  # noqa: S308


def notice_pdf(window: ConsultationWindow) -> bytes:
    url = share_url(window)
    masterplan = window.masterplan
    return render_pdf(
        "participation/notice.html",
        lambda: {
            "window": window,
            "masterplan": masterplan,
            "region": masterplan.region,
            "url": url,
            "qr": qr_svg(url, scale=8),
        },
    )
