"""Writes of the progress pages, each after the access check, each in one transaction."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts import access
from accounts.access import AnyUser
from audit.versioning import StaleEdit, changes_since
from kotacerdas.errors import DomainError
from masterplans.models import Program
from monitoring.models import Evidence, KpiActual, Milestone, ProgressReport
from monitoring.progress import FOLLOWED_STATUSES


class ProgressError(DomainError):
    """A refusal to show the person who asked (the API has always answered each of them as
    ``not_followed``: the masterplan's programs are not followed yet)."""

    code = "not_followed"


def require_reporter(program: Program, user: AnyUser) -> None:
    access.require(user, "progress.report", program.masterplan.region)
    if program.masterplan.status not in FOLLOWED_STATUSES:
        raise ProgressError(_("Progress is reported once the masterplan is approved."))


def progress_report_save(
    *,
    program: Program,
    user: AnyUser,
    data: dict[str, Any],
    base_version: int,
    evidence: Any = None,
    evidence_kind: str = "",
    caption: str = "",
) -> ProgressReport:
    """Create the quarter's report or update it; attach the evidence file, if any.

    ``base_version`` is the version of the quarter's report the person saw (0: none yet);
    StaleEdit (nothing written) when the report is no longer at it.
    """
    require_reporter(program, user)
    fields = {
        "status": data["status"],
        "percent_entered": data.get("percent_entered"),
        "budget_realised": data.get("budget_realised"),
        "note": data.get("note", ""),
    }
    with transaction.atomic():
        report, created = ProgressReport.objects.select_for_update().get_or_create(
            program=program,
            year=data["year"],
            quarter=data["quarter"],
            defaults={**fields, "reported_by": user if user.is_authenticated else None},
        )
        if not created:
            if report.version != base_version:
                changes, by = changes_since(report, base_version)
                raise StaleEdit(report.version, base_version, changes, by)
            if any(getattr(report, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(report, name, value)
                report.version += 1
                report.save()
        if evidence:
            Evidence.objects.create(
                report=report,
                file=evidence,
                kind=evidence_kind,
                original_name=(evidence.name or "")[:200],
                size=evidence.size or 0,
                caption=caption,
                uploaded_by=user if user.is_authenticated else None,
            )
    return report


@transaction.atomic
def milestone_create(*, program: Program, user: AnyUser, data: dict[str, Any]) -> Milestone:
    require_reporter(program, user)
    return Milestone.objects.create(program=program, **data)


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, user: AnyUser, done_on: date | None) -> Milestone:
    require_reporter(milestone.program, user)
    milestone.done_on = done_on
    milestone.save()
    return milestone


def kpi_actual_save(
    *, program: Program, user: AnyUser, kpi_id: int, year: int, value: float, base_version: int
) -> KpiActual:
    """Record the value a KPI reached in a year, or change it. ``base_version`` is the version
    of that year's value the person saw (0: none yet); StaleEdit when it is no longer so."""
    require_reporter(program, user)
    kpi = program.kpis.filter(pk=kpi_id).first()
    if kpi is None:
        raise ProgressError(_("This KPI is not one of the program's."))
    try:
        with transaction.atomic():
            actual, created = KpiActual.objects.select_for_update().get_or_create(
                kpi=kpi, year=year, defaults={"value": value}
            )
            if not created:
                if actual.version != base_version:
                    changes, by = changes_since(actual, base_version)
                    raise StaleEdit(actual.version, base_version, changes, by)
                if actual.value != value:
                    actual.value = value
                    actual.version += 1
                    actual.save()
    except IntegrityError as exc:  # two people at once: the second retries
        raise ProgressError(_("Saved by someone else at the same moment: try again.")) from exc
    return actual
