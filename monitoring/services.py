"""Writes of the progress pages, each after the access check, each in one transaction."""

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import access
from accounts.access import AnyUser
from audit.versioning import StaleEdit, changes_since
from kotacerdas.errors import DomainError
from masterplans.models import Program
from monitoring import delivery, stages
from monitoring.delivery_data import demo_regions, region_facts
from monitoring.geotag import photo_place
from monitoring.models import (
    DeliveryRanking,
    DeliveryScore,
    Evidence,
    EvidenceKind,
    KpiActual,
    LocationSource,
    Milestone,
    ProgramStage,
    ProgressReport,
    Stage,
)
from monitoring.progress import FOLLOWED_STATUSES, due_date
from regions.models import Region


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
    StaleEdit (nothing written) when the report is no longer at it. A photo keeps where and
    when it was taken: from its EXIF, else the place picked on the map (``data``'s
    ``latitude`` and ``longitude``); ``phase`` and ``pair_with`` make it half of a
    before/after pair.
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
            added = Evidence(
                report=report,
                file=evidence,
                kind=evidence_kind,
                original_name=(evidence.name or "")[:200],
                size=evidence.size or 0,
                caption=caption,
                uploaded_by=user if user.is_authenticated else None,
            )
            if evidence_kind == EvidenceKind.PHOTO:
                _place_photo(added, evidence, data)
                added.phase = data.get("phase") or ""
            added.save()
            if data.get("pair_with") is not None:
                _pair(added, data["pair_with"])
    return report


def _place_photo(evidence: Evidence, upload: Any, data: dict[str, Any]) -> None:
    """Where and when the photo was taken: its EXIF first, else the place picked on the map."""
    found = photo_place(upload, timezone.get_current_timezone())
    evidence.taken_at = found.taken_at
    if found.located:
        evidence.latitude, evidence.longitude = found.latitude, found.longitude
        evidence.location_source = LocationSource.EXIF
    elif data.get("latitude") is not None and data.get("longitude") is not None:
        evidence.latitude, evidence.longitude = data["latitude"], data["longitude"]
        evidence.location_source = LocationSource.MAP


def _pair(evidence: Evidence, counterpart: Evidence | None) -> None:
    """Make the saved ``evidence`` and ``counterpart`` a before/after pair (None: no pair),
    undoing the pairs either was in. Checked here too, whatever the form let through."""
    if counterpart is not None:
        counterpart = (
            Evidence.objects.select_for_update().select_related("report").get(pk=counterpart.pk)
        )
        if (
            counterpart.pk == evidence.pk
            or evidence.kind != EvidenceKind.PHOTO
            or counterpart.kind != EvidenceKind.PHOTO
            or counterpart.report.program_id != evidence.report.program_id
            or {evidence.phase, counterpart.phase} != {"before", "after"}
        ):
            raise ProgressError(
                _("A pair is a photo before and a photo after, of the same program."),
                code="invalid_pair",
            )
    wanted = {evidence.pk: counterpart.pk, counterpart.pk: evidence.pk} if counterpart else {}
    ids = {evidence.pk, *wanted}
    rows = {
        row.pk: row
        for row in Evidence.objects.select_for_update().filter(Q(pk__in=ids) | Q(pair__in=ids))
    }
    # Undo first, so that no two photos name the same one at any moment. The photo the person
    # changed has its new version already; the others move on.
    changes: list[tuple[Evidence, int | None]] = [
        (row, None) for row in rows.values() if row.pair_id and row.pk not in wanted
    ]
    changes += [(rows[pk], to) for pk, to in wanted.items() if rows[pk].pair_id != to]
    for row, partner in changes:
        row.pair_id = partner
        if row.pk != evidence.pk:
            row.version += 1
        row.save()
    evidence.refresh_from_db()


def evidence_update(
    *, evidence: Evidence, user: AnyUser, data: dict[str, Any], base_version: int
) -> Evidence:
    """Change a photo's place picked on the map (not one its EXIF gave), whether it shows
    before or after, and its pair (``data``: ``latitude``, ``longitude``, ``phase``,
    ``pair_with``). StaleEdit (nothing written) when it is no longer at ``base_version``."""
    require_reporter(evidence.report.program, user)
    with transaction.atomic():
        current = Evidence.objects.select_for_update().select_related("report").get(pk=evidence.pk)
        if current.version != base_version:
            changes, by = changes_since(current, base_version)
            raise StaleEdit(current.version, base_version, changes, by)
        if current.kind != EvidenceKind.PHOTO:
            raise ProgressError(_("Only photos have a place and a pair."), code="not_a_photo")
        values: dict[str, Any] = {"phase": data.get("phase") or ""}
        if current.location_source != LocationSource.EXIF:
            latitude, longitude = data.get("latitude"), data.get("longitude")
            located = latitude is not None and longitude is not None
            values.update(
                latitude=latitude if located else None,
                longitude=longitude if located else None,
                location_source=LocationSource.MAP if located else LocationSource.NONE,
            )
        counterpart = data.get("pair_with")
        if (counterpart.pk if counterpart else None) == current.pair_id and all(
            getattr(current, name) == value for name, value in values.items()
        ):
            return current
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        _pair(current, counterpart)
    return current


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


class StageRefused(DomainError):
    """A stage that cannot be recorded so (``monitoring.stages.refusal``)."""

    code = "stage_refused"
    status = 409


def _refusal_message(refusal: stages.Refusal) -> str:
    stage = Stage(refusal.stage).label if refusal.stage else ""
    on = date_format(refusal.on) if refusal.on else ""
    if refusal.code == "future":
        return _("A stage is recorded once it is reached: the date cannot be in the future.")
    if refusal.code == "dropped":
        return _("The program was dropped on %(date)s: no other stage follows.") % {"date": on}
    if refusal.code == "backwards":
        return _(
            "The program already reached “%(stage)s” on %(date)s: stages do not go back, "
            "except to dropped."
        ) % {"stage": stage, "date": on}
    if refusal.code == "before_previous":
        return _(
            "The previous stage, “%(stage)s”, was reached on %(date)s: this one cannot be "
            "reached before it."
        ) % {"stage": stage, "date": on}
    return _("“%(stage)s” was reached after it, on %(date)s: undo that one first.") % {
        "stage": stage,
        "date": on,
    }


def program_stage_save(
    *, program: Program, user: AnyUser, data: dict[str, Any], base_version: int
) -> ProgramStage:
    """Plan a stage of the program, record that it was reached, or change either.

    ``data``: ``stage``, ``planned_date``, ``actual_date`` (None: not reached), ``note``.
    StageRefused for an impossible transition (``monitoring.stages.refusal``): going back
    except to dropped, a date before the previous stage's, a date still to come. StaleEdit
    when the stage is no longer at ``base_version`` (0: not recorded yet).
    """
    require_reporter(program, user)
    stage = data["stage"]
    fields: dict[str, Any] = {
        "planned_date": data.get("planned_date"),
        "actual_date": data.get("actual_date"),
        "note": data.get("note") or "",
    }
    try:
        with transaction.atomic():
            rows = {
                row.stage: row
                for row in ProgramStage.objects.select_for_update().filter(program=program)
            }
            row = rows.get(stage)
            if (row.version if row else 0) != base_version:
                if row is None:
                    raise StaleEdit(0, base_version)
                changes, by = changes_since(row, base_version)
                raise StaleEdit(row.version, base_version, changes, by)
            if fields["actual_date"] != (row.actual_date if row else None):
                reached = {name: found.actual_date for name, found in rows.items()}
                refused = stages.refusal(
                    reached, stage, fields["actual_date"], timezone.localdate()
                )
                if refused is not None:
                    raise StageRefused(_refusal_message(refused))
            if row is None:
                return ProgramStage.objects.create(program=program, stage=stage, **fields)
            if any(getattr(row, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                row.version += 1
                row.save()
            return row
    except IntegrityError as exc:  # two people at once: the second retries
        raise ProgressError(_("Saved by someone else at the same moment: try again.")) from exc


class RankingNotDue(DomainError):
    code = "not_due"
    status = 409


def delivery_ranking_compute(
    *,
    year: int,
    quarter: int,
    today: date,
    progress: Callable[[list[Any]], Iterable[Any]] = iter,
) -> DeliveryRanking:
    """Compute the delivery ranking of a quarter and store it, replacing an earlier computation
    of the same quarter (``monitoring.delivery`` states the method). A quarter is ranked once
    its reports are due; ``progress`` wraps the rows as they are written (a progress bar)."""
    if due_date(year, quarter) >= today:
        raise RankingNotDue(
            _("%(period)s is ranked once its reports are due, after %(date)s.")
            % {
                "period": delivery.period_key(year, quarter),
                "date": date_format(due_date(year, quarter)),
            }
        )
    placed = delivery.rank(region_facts(year, quarter))
    demo = demo_regions(year, quarter)
    regions = Region.objects.in_bulk([p.facts.region for p in placed], field_name="code")
    with transaction.atomic():
        ranking, _created = DeliveryRanking.objects.select_for_update().update_or_create(
            year=year,
            quarter=quarter,
            defaults={
                "period": delivery.period_key(year, quarter),
                "computed_at": timezone.now(),
                "method_version": delivery.METHOD_VERSION,
                "weights": dict(delivery.WEIGHTS),
            },
        )
        for row in ranking.rows.all():
            row.delete()
        for item in progress(placed):
            DeliveryScore.objects.create(
                ranking=ranking,
                region=regions[item.facts.region],
                rank=item.rank,
                score=item.score,
                stages_due=item.facts.stages_due,
                stages_on_time=item.facts.stages_on_time,
                planned=item.facts.planned,
                realised=item.facts.realised,
                reports_due=item.facts.reports_due,
                reports_on_time=item.facts.reports_on_time,
                is_demo=item.facts.region in demo,
                **{name: _four_places(value) for name, value in item.parts.items()},
            )
    return ranking


def _four_places(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.0001"))
