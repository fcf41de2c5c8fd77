"""The masterplan's life: draft → in review → (revision → in review)* → approved → enacted.

Every transition goes through ``transition``: the access module decides who, the guards decide
when, and the masterplan is snapshotted (MasterplanVersion) in the same transaction. An enacted
masterplan is changed only through ``masterplan_edition_create``.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access
from accounts.access import AnyUser
from accounts.models import Role, User
from inbox.models import Kind
from inbox.services import notify
from kotacerdas.errors import DomainError
from masterplans.checks import Check, blocking_failures, run_checks
from masterplans.models import (
    EDITABLE_STATUSES,
    ActionStep,
    BudgetLine,
    Kpi,
    KpiTarget,
    Masterplan,
    MasterplanVersion,
    Mission,
    Status,
    Target,
)
from masterplans.versions import snapshot

TEAM_ROLES = (Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR)
ADVISER_ROLES = (Role.MENTOR, Role.TECH_ADVISOR)


class WorkflowError(DomainError):
    """A transition refused by a guard; the message is for the person who asked."""

    code = "workflow"


class NotEditable(WorkflowError):
    """A masterplan whose status allows no change (in review, approved or enacted)."""

    code = "not_editable"


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    sources: tuple[str, ...]
    target: str
    action: str  # the access rule


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            EDITABLE_STATUSES,
            Status.IN_REVIEW,
            "masterplan.submit",
        ),
        Transition(
            "request_revision",
            gettext_lazy("Ask for a revision"),
            (Status.IN_REVIEW,),
            Status.REVISION,
            "masterplan.review",
        ),
        Transition(
            "approve",
            gettext_lazy("Approve"),
            (Status.IN_REVIEW,),
            Status.APPROVED,
            "masterplan.review",
        ),
        Transition(
            "enact",
            gettext_lazy("Record enactment"),
            (Status.APPROVED,),
            Status.ENACTED,
            "masterplan.enact",
        ),
    )
}


def available_transitions(masterplan: Masterplan, user: AnyUser) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if masterplan.status in t.sources and access.can(user, t.action, masterplan.region)
    ]


@transaction.atomic
def masterplan_version_record(
    *, masterplan: Masterplan, user: User | None, note: str = ""
) -> MasterplanVersion:
    number = (masterplan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return MasterplanVersion.objects.create(
        masterplan=masterplan,
        number=number,
        status=masterplan.status,
        note=note[:500],
        snapshot=snapshot(masterplan),
        created_by=user,
    )


def transition(
    masterplan: Masterplan,
    name: str,
    user: User,
    *,
    note: str = "",
    regulation_number: str = "",
    regulation_date: date | None = None,
) -> Masterplan:
    """Move ``masterplan`` along ``name``; PermissionDenied or WorkflowError if it may not."""
    step = TRANSITIONS.get(name)
    if step is None:
        raise WorkflowError(_("Unknown step."))
    access.require(user, step.action, masterplan.region)
    with transaction.atomic():
        current = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
        if current.status not in step.sources:
            raise WorkflowError(
                _("A masterplan that is %(status)s cannot take this step (%(step)s).")
                % {"status": current.get_status_display(), "step": step.label}
            )
        if name == "submit":
            failures = blocking_failures(run_checks(current))
            if failures:
                raise WorkflowError(
                    _("Not ready for review: %(checks)s.")
                    % {"checks": "; ".join(_refusal(c) for c in failures)}
                )
        if name == "request_revision" and not note.strip():
            raise WorkflowError(_("Say what needs revising."))
        if name == "enact":
            if not regulation_number.strip() or regulation_date is None:
                raise WorkflowError(
                    _("Give the number and date of the Perwali/Perbup that enacts the masterplan.")
                )
            current.regulation_number = regulation_number.strip()
            current.regulation_date = regulation_date
        current.status = step.target
        current.version += 1
        current.save()
        masterplan_version_record(masterplan=current, user=user, note=note)
        _tell(current, name, user, note)
    return current


def _tell(masterplan: Masterplan, step: str, user: User, note: str) -> None:
    """Tell the people a step concerns: a submission goes to the national reviewers, a review
    or an enactment to the region's team; the region's mentors and advisers hear of each."""
    region = masterplan.region
    advisers = access.people_of(region, ADVISER_ROLES)
    team = access.people_of(region, TEAM_ROLES)
    if step == "submit":
        people, kind = access.people_who("masterplan.review") + advisers, Kind.SUBMITTED
    elif step == "enact":
        people = team + advisers + access.people_who("masterplan.review")
        kind = Kind.ENACTED
    else:
        people = team + advisers
        kind = Kind.REVISION if step == "request_revision" else Kind.APPROVED
    notify(
        [p for p in people if p.pk != user.pk],
        kind,
        reverse("masterplans:detail", args=[masterplan.pk]),
        params={
            "who": user,
            "region": region.name,
            "note": note.strip()[:150],
            "regulation": masterplan.regulation_number,
            "date": masterplan.regulation_date,
        },
    )


def _refusal(check: Check) -> str:
    """A failed check as the refusal names it: the region's commitments with what is missing
    (it is recorded elsewhere than the masterplan, so the checklist alone does not show it)."""
    if check.code == "commitments":
        return f"{check.label} ({' '.join(check.problems)})"
    return str(check.label)


def masterplan_create(*, user: User, **fields: Any) -> Masterplan:
    region = fields["region"]
    access.require(user, "masterplan.create", region)
    if Masterplan.objects.filter(region=region).exclude(status=Status.ENACTED).exists():
        raise WorkflowError(_("This region already has a masterplan in progress."), code="exists")
    if Masterplan.objects.filter(region=region).exists():
        raise WorkflowError(
            _("This region has an enacted masterplan: start a new edition of it."), code="exists"
        )
    if fields.get("cohort") is None:
        from enrolment.services import cohort_of

        fields["cohort"] = cohort_of(region.code)
    with transaction.atomic():
        masterplan = Masterplan.objects.create(created_by=user, **fields)
        masterplan_version_record(masterplan=masterplan, user=user, note=_("created"))
    return masterplan


def masterplan_edition_create(*, masterplan: Masterplan, user: User) -> Masterplan:
    """A draft copy of an enacted masterplan, to be revised, reviewed and enacted again."""
    access.require(user, "masterplan.edit", masterplan.region)
    if masterplan.status != Status.ENACTED:
        raise WorkflowError(_("Only an enacted masterplan gets a new edition."))
    if Masterplan.objects.filter(previous=masterplan).exists():
        raise WorkflowError(_("A new edition of this masterplan already exists."), code="exists")
    with transaction.atomic():
        copy = Masterplan.objects.create(
            region=masterplan.region,
            cohort=masterplan.cohort,
            edition=masterplan.edition + 1,
            previous=masterplan,
            title=masterplan.title,
            start_year=masterplan.start_year,
            period_years=masterplan.period_years,
            vision=masterplan.vision,
            strategy=masterplan.strategy,
            budget_envelope=masterplan.budget_envelope,
            consultation_summary="",
            is_demo=masterplan.is_demo,
            created_by=user,
        )
        copy_content(masterplan, copy)
        masterplan_version_record(
            masterplan=copy,
            user=user,
            note=_("new edition of edition %(n)s") % {"n": masterplan.edition},
        )
    return copy


def copy_content(source: Masterplan, target: Masterplan) -> None:
    Mission.objects.bulk_create(
        Mission(masterplan=target, position=m.position, text=m.text) for m in source.missions.all()
    )
    Target.objects.bulk_create(
        Target(masterplan=target, position=t.position, text=t.text, dimension=t.dimension)
        for t in source.targets.all()
    )
    analysis_map = {}
    for item in source.analysis.all():
        old_pk = item.pk
        item.pk = None
        item.masterplan = target
        item.save()
        analysis_map[old_pk] = item
    for program in source.programs.prefetch_related("budget_lines", "steps", "kpis__targets"):
        lines, steps, kpis = (
            list(program.budget_lines.all()),
            list(program.steps.all()),
            list(program.kpis.all()),
        )
        program.pk = None
        program.masterplan = target
        program.version = 1
        program.answers = analysis_map.get(program.answers_id) if program.answers_id else None
        program.save()
        BudgetLine.objects.bulk_create(
            BudgetLine(program=program, year=b.year, amount=b.amount, source=b.source)
            for b in lines
        )
        ActionStep.objects.bulk_create(
            ActionStep(program=program, position=s.position, text=s.text, year=s.year)
            for s in steps
        )
        for kpi in kpis:
            targets = list(kpi.targets.all())
            new_kpi = Kpi.objects.create(
                program=program,
                name=kpi.name,
                unit=kpi.unit,
                baseline=kpi.baseline,
                position=kpi.position,
            )
            KpiTarget.objects.bulk_create(
                KpiTarget(kpi=new_kpi, year=t.year, value=t.value) for t in targets
            )


def require_editable(masterplan: Masterplan, user: AnyUser) -> None:
    """PermissionDenied unless ``user`` may edit; NotEditable while its status allows no
    change."""
    access.require(user, "masterplan.edit", masterplan.region)
    if not masterplan.is_editable:
        raise NotEditable(
            _("A masterplan that is %(status)s cannot be changed.")
            % {"status": masterplan.get_status_display()}
        )
