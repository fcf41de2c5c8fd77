"""The enrolment's documents as PDF: the selection letter of a round's decision and the
memorandum of understanding (nota kesepakatan) a selected region signs with the ministry.
Always in Indonesian; a number, date or name not recorded is left blank to be written in (the
platform does not make letter numbers up)."""

from datetime import date
from typing import Any

from django.utils import timezone

from enrolment.models import Agreement, Decision, Invitation
from evaluation.letters import addressee
from kotacerdas.pdf import render_pdf

# Kominfo became Komdigi (Kementerian Komunikasi dan Digital) with the cabinet of 21 Oct 2024.
KOMDIGI_SINCE = date(2024, 10, 21)
DIRECTORATE = "Direktorat Jenderal Aplikasi Informatika"
DIRECTOR_GENERAL = "Direktur Jenderal Aplikasi Informatika"


def ministry(on: date) -> str:
    """The ministry's name on the given day."""
    if on >= KOMDIGI_SINCE:
        return "Kementerian Komunikasi dan Digital"
    return "Kementerian Komunikasi dan Informatika"


def decision_letter_pdf(decision: Decision) -> bytes:
    """The selection letter: the decision's number, date and signatory, and the regions it
    selects, by province."""

    def context() -> dict[str, Any]:
        selected = (
            Invitation.objects.filter(round=decision.round, selected=True, active=True)
            .select_related("region__province")
            .order_by("region__province__code", "region__name")
        )
        return {
            "decision": decision,
            "round": decision.round,
            "ministry": ministry(decision.date),
            "directorate": DIRECTORATE,
            "regions": [invitation.region for invitation in selected],
        }

    return render_pdf("enrolment/decision_letter.html", context)


def mou_pdf(agreement: Agreement) -> bytes:
    """The nota kesepakatan between the directorate general and the region's government,
    citing the round's selection letter; unsigned, its place and date are blanks."""

    def context() -> dict[str, Any]:
        invitation = agreement.invitation
        decision = Decision.objects.filter(round=invitation.round).first()
        on = agreement.signed_on or (decision.date if decision else timezone.localdate())
        return {
            "agreement": agreement,
            "region": invitation.region,
            "head": addressee(invitation.region),
            "decision": decision,
            "ministry": ministry(on),
            "directorate": DIRECTORATE,
            "director_general": DIRECTOR_GENERAL,
        }

    return render_pdf("enrolment/mou.html", context)
