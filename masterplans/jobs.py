"""The masterplan book as long work: typesetting 150 programs takes seconds (bench/load.py)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import AnyUser
from jobs.kinds import JobKind, Step, register
from kotacerdas.pdf import PdfUnavailable
from masterplans.access import get_masterplan_for_user
from masterplans.book import masterplan_pdf
from masterplans.files import masterplan_filename
from masterplans.models import Masterplan


@register
class MasterplanBook(JobKind):
    name = "masterplan_book"
    steps = (
        gettext_lazy("Gathering the programs, budgets and KPIs"),
        gettext_lazy("Typesetting the pages"),
    )

    def check_access(self, user: AnyUser, params: dict[str, Any]) -> None:
        get_masterplan_for_user(user, params["masterplan"])

    def title(self, params: dict[str, Any]) -> str:
        masterplan = Masterplan.objects.select_related("region").get(pk=params["masterplan"])
        return _("Masterplan book: %(masterplan)s") % {"masterplan": masterplan}

    def back_url(self, params: dict[str, Any]) -> str:
        return reverse("masterplans:detail", args=[params["masterplan"]])

    def build(self, params: dict[str, Any], step: Step) -> tuple[bytes, str]:
        masterplan = Masterplan.objects.select_related("region").get(pk=params["masterplan"])
        content = masterplan_pdf(masterplan, typesetting=lambda: step(1))
        return content, masterplan_filename(masterplan, "pdf")

    def failure(self, error: Exception) -> str:
        if isinstance(error, PdfUnavailable):
            return _(
                "The server cannot build PDF documents at the moment; "
                "the platform team has been notified."
            )
        return super().failure(error)
