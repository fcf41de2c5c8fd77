"""The steps from a published ranking to the cohort, each a keyword-only, atomic function that
refuses what the step does not allow with the reason (``EnrolmentError``)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User
from audit.versioning import StaleEdit, fingerprint, save_versioned
from enrolment.models import (
    Agreement,
    ChangeAction,
    Criterion,
    Decision,
    Invitation,
    InvitationChange,
    Origin,
    Panelist,
    ScoreSheet,
)
from enrolment.panel import PanelResult, SheetCriterion, panel_result
from kotacerdas.errors import DomainError
from regions.models import Region
from selection.models import RoundMethod, SelectionRound
from selection.rounds import final_selection


class EnrolmentError(DomainError):
    """A step of the enrolment refused, with the field it is about."""

    code = "enrolment_refused"
    status = 409

    def __init__(self, message: str, *, field: str = "round", status: int | None = None) -> None:
        super().__init__(message, status=status, details=[{"field": field, "message": message}])
        self.field = field


def _open_for_changes(selection_round: SelectionRound) -> None:
    if not selection_round.is_published:
        raise EnrolmentError(_("Invitations follow a published ranking: publish the round first."))
    if selection_round.method == RoundMethod.HISTORICAL:
        raise EnrolmentError(
            _("A round of an announced list is recorded as announced; it has no invitation step.")
        )
    if Decision.objects.filter(round=selection_round).exists():
        raise EnrolmentError(_("The selection decision has been issued: the list is closed."))


@transaction.atomic
def invitations_open(*, selection_round: SelectionRound, count: int, user: Any) -> int:
    """Invite the regions the quota selection chose, then the next eligible ones by rank up to
    ``count``. Returns how many were invited."""
    _open_for_changes(selection_round)
    if selection_round.invitations.exists():
        raise EnrolmentError(
            _("The invitation list exists: change it region by region, with a reason.")
        )
    chosen = set(final_selection(selection_round))
    if count < len(chosen):
        raise EnrolmentError(
            _("Invite at least the %(n)s regions the ranking selected.") % {"n": len(chosen)},
            field="count",
            status=422,
        )
    SelectionRound.objects.select_for_update().filter(pk=selection_round.pk).first()
    ranks = dict(selection_round.results.values_list("region__code", "rank"))
    computed = set(
        selection_round.results.filter(selected=True).values_list("region__code", flat=True)
    )
    # The regions the round selected (a committee's addition among them: "added"), then the
    # next eligible ones by rank.
    invitations = [
        Invitation(
            round=selection_round,
            region=region,
            origin=Origin.QUOTA if region.code in computed else Origin.ADDED,
            rank=ranks.get(region.code),
        )
        for region in Region.objects.filter(code__in=chosen).order_by("code")
    ]
    results = selection_round.results.select_related("region").filter(eligible=True)
    for result in results.exclude(region__code__in=chosen).order_by("rank", "region__code"):
        if len(invitations) >= count:
            break
        invitations.append(
            Invitation(
                round=selection_round, region=result.region, origin=Origin.RANKING, rank=result.rank
            )
        )
    for invitation in invitations:
        invitation.save()
    return len(invitations)


@transaction.atomic
def invitation_change(
    *, selection_round: SelectionRound, region: Region, action: str, reason: str, user: Any
) -> Invitation:
    """Invite a region the list does not hold (or again), or withdraw an invitation; the
    reason is recorded with the change."""
    _open_for_changes(selection_round)
    SelectionRound.objects.select_for_update().filter(pk=selection_round.pk).first()
    if not reason.strip():
        raise EnrolmentError(
            _("Say why the list changes: the reason is recorded."), field="reason", status=422
        )
    invitation = Invitation.objects.filter(round=selection_round, region=region).first()
    if action == ChangeAction.INVITE:
        if invitation is not None and invitation.active:
            raise EnrolmentError(
                _("%(region)s is already invited.") % {"region": region}, field="region"
            )
        if invitation is None:
            result = selection_round.results.filter(region=region).first()
            invitation = Invitation(
                round=selection_round,
                region=region,
                origin=Origin.ADDED,
                rank=result.rank if result else None,
            )
        invitation.active = True
        invitation.save()
    elif action == ChangeAction.WITHDRAW:
        if invitation is None or not invitation.active:
            raise EnrolmentError(
                _("%(region)s is not on the invitation list.") % {"region": region},
                field="region",
            )
        invitation.active = False
        invitation.save()
    else:
        raise EnrolmentError(_("Unknown change."), field="action", status=422)
    InvitationChange.objects.create(
        round=selection_round, region=region, action=action, reason=reason.strip(), by=user
    )
    return invitation


@dataclass(frozen=True)
class CriterionInput:
    name: str
    weight: int
    max_score: int


def assessors() -> Any:
    """The people who may sit on a panel: those with the national assessor role."""
    ids = Membership.objects.filter(role=Role.ASSESSOR, region=None).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("username")


def panel_version(selection_round: SelectionRound) -> str:
    """The version of a round's sheet and panel (they have no version column of their own)."""
    return fingerprint(
        [
            *selection_round.criteria.values_list("name", "weight", "max_score"),
            sorted(selection_round.panelists.values_list("user_id", flat=True)),
        ]
    )


@transaction.atomic
def panel_set(
    *,
    selection_round: SelectionRound,
    criteria: Sequence[CriterionInput],
    members: Iterable[User],
    base_version: str,
    user: Any,
) -> None:
    """The interview's scoring sheet and its panel, from ``base_version``. The criteria are
    fixed once a sheet is saved (every sheet must be scored on the same ones); a member who
    scored stays."""
    _open_for_changes(selection_round)
    SelectionRound.objects.select_for_update().filter(pk=selection_round.pk).first()
    current_version = panel_version(selection_round)
    if base_version != current_version:
        raise StaleEdit(current_version, base_version)
    if not criteria:
        raise EnrolmentError(_("Give the sheet at least one criterion."), field="criteria")
    members = list(members)
    if not members:
        raise EnrolmentError(_("Name at least one assessor for the panel."), field="members")
    scored = ScoreSheet.objects.filter(invitation__round=selection_round)
    current = [(c.name, c.weight, c.max_score) for c in selection_round.criteria.all()]
    wanted = [(c.name, c.weight, c.max_score) for c in criteria]
    if current != wanted:
        if scored.exists():
            raise EnrolmentError(
                _("Scores have been entered on these criteria: they can no longer change."),
                field="criteria",
            )
        selection_round.criteria.all().delete()
        for position, c in enumerate(criteria):
            Criterion.objects.create(
                round=selection_round,
                name=c.name,
                weight=c.weight,
                max_score=c.max_score,
                position=position,
            )
    keep = {m.pk for m in members}
    leaving = selection_round.panelists.exclude(user_id__in=keep)
    if scored.filter(assessor_id__in=leaving.values("user_id")).exists():
        raise EnrolmentError(_("An assessor who has scored stays on the panel."), field="members")
    leaving.delete()
    have = set(selection_round.panelists.values_list("user_id", flat=True))
    for member in members:
        if member.pk not in have:
            Panelist.objects.create(round=selection_round, user=member)


def interview_schedule(
    *, invitation: Invitation, at: datetime | None, place: str, base_version: int
) -> Invitation:
    _open_for_changes(invitation.round)
    if not invitation.active:
        raise EnrolmentError(_("The invitation was withdrawn."))
    return save_versioned(
        invitation, base_version=base_version, values={"interview_at": at, "interview_place": place}
    )


def sheet_version(invitation: Invitation, assessor: Any) -> int:
    """The version a score sheet is edited from: 0 before the first save."""
    sheet = ScoreSheet.objects.filter(invitation=invitation, assessor=assessor).first()
    return sheet.version if sheet else 0


@transaction.atomic
def sheet_save(
    *,
    invitation: Invitation,
    assessor: Any,
    scores: dict[str, Decimal | None],
    notes: str,
    base_version: int,
) -> ScoreSheet | None:
    """An assessor's scores of one region (criterion id → score), from ``base_version``. A
    first sheet with nothing on it is not kept."""
    _open_for_changes(invitation.round)
    if not invitation.active:
        raise EnrolmentError(_("The invitation was withdrawn."))
    stored = {k: (None if v is None else str(v)) for k, v in scores.items()}
    # Two first saves of one sheet at once: the second waits here, then finds the first's.
    Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    sheet = (
        ScoreSheet.objects.select_for_update()
        .filter(invitation=invitation, assessor=assessor)
        .first()
    )
    if sheet is None:
        if base_version != 0:
            raise StaleEdit(0, base_version)
        if all(v is None for v in stored.values()) and not notes.strip():
            return None
        return ScoreSheet.objects.create(
            invitation=invitation, assessor=assessor, scores=stored, notes=notes
        )
    return save_versioned(
        sheet,
        base_version=base_version,
        values={"scores": stored, "notes": notes, "saved_at": sheet.saved_at},
    )


def sheet_criteria(selection_round: SelectionRound) -> list[SheetCriterion]:
    return [
        SheetCriterion(str(c.pk), c.name, c.weight, c.max_score)
        for c in selection_round.criteria.all()
    ]


def results_of(selection_round: SelectionRound) -> dict[int, PanelResult]:
    """Invitation id → the panel's result for it."""
    criteria = sheet_criteria(selection_round)
    panel_size = selection_round.panelists.count()
    sheets: dict[int, list[dict[str, Decimal | None]]] = {}
    for sheet in ScoreSheet.objects.filter(invitation__round=selection_round):
        sheets.setdefault(sheet.invitation_id, []).append(
            {c.key: sheet.score_of(c.key) for c in criteria}
        )
    return {
        invitation_id: panel_result(criteria, sheets.get(invitation_id, []), panel_size)
        for invitation_id in selection_round.invitations.values_list("pk", flat=True)
    }


def proposal(
    selection_round: SelectionRound, results: dict[int, PanelResult] | None = None
) -> list[Invitation]:
    """The invited regions the panel ranks highest, as many as the round selects: ordered by
    the panel's result, then by the indicator ranking, then by code (``results``: the panel's
    results, when the caller has them already)."""
    results = results if results is not None else results_of(selection_round)
    scored = [
        i
        for i in selection_round.invitations.filter(active=True).select_related("region")
        if results[i.pk].score is not None
    ]
    scored.sort(
        key=lambda i: (-results[i.pk].score, i.rank or 10**6, i.region.code)  # type: ignore[operator]
    )
    return scored[: selection_round.total]


@transaction.atomic
def decision_issue(
    *,
    selection_round: SelectionRound,
    number: str,
    date: date,
    signatory: str,
    signatory_title: str,
    selected: Iterable[int],
    note: str,
    user: Any,
) -> Decision:
    """The selection decision: the letter's number and date and the regions selected (by
    invitation id). Each selected region was scored by the panel; choosing otherwise than the
    panel's proposal needs a note. Each selected region gets its MoU to sign."""
    _open_for_changes(selection_round)
    SelectionRound.objects.select_for_update().filter(pk=selection_round.pk).first()
    chosen = set(selected)
    active = {i.pk: i for i in selection_round.invitations.filter(active=True)}
    if not chosen:
        raise EnrolmentError(_("Select at least one region."), field="selected", status=422)
    if chosen - set(active):
        raise EnrolmentError(
            _("Only invited regions can be selected."), field="selected", status=422
        )
    results = results_of(selection_round)
    unscored = sorted(str(active[pk].region) for pk in chosen if results[pk].score is None)
    if unscored:
        raise EnrolmentError(
            _("Not yet scored by the panel: %(regions)s.") % {"regions": ", ".join(unscored)},
            field="selected",
            status=422,
        )
    if chosen != {i.pk for i in proposal(selection_round, results)} and not note.strip():
        raise EnrolmentError(
            _("The selection differs from the panel's proposal: say why in the note."),
            field="note",
            status=422,
        )
    if date > timezone.localdate():
        raise EnrolmentError(_("The letter's date is in the future."), field="date", status=422)
    decision = Decision.objects.create(
        round=selection_round,
        number=number.strip(),
        date=date,
        signatory=signatory.strip(),
        signatory_title=signatory_title.strip(),
        note=note.strip(),
        decided_by=user,
    )
    for pk, invitation in active.items():
        invitation.selected = pk in chosen
        invitation.save()
        if invitation.selected:
            Agreement.objects.create(invitation=invitation)
    return decision


@transaction.atomic
def agreement_sign(
    *,
    agreement: Agreement,
    signed_on: date,
    place: str,
    number: str,
    region_signatory: str,
    ministry_signatory: str,
    scan: UploadedFile,
    user: Any,
) -> Agreement:
    """Record the signed MoU: from now on the region is a member of the round's cohort."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.is_signed:
        raise EnrolmentError(_("This MoU is already signed."))
    decision = agreement.invitation.round.decision
    if signed_on < decision.date:
        raise EnrolmentError(
            _("An MoU is signed after the selection decision (%(date)s).")
            % {"date": date_format(decision.date)},
            field="signed_on",
            status=422,
        )
    if signed_on > timezone.localdate():
        raise EnrolmentError(_("The signing date is in the future."), field="signed_on", status=422)
    agreement.signed_on = signed_on
    agreement.place = place.strip()
    agreement.number = number.strip()
    agreement.region_signatory = region_signatory.strip()
    agreement.ministry_signatory = ministry_signatory.strip()
    agreement.scan_name = scan.name or "mou"
    agreement.scan.save(agreement.scan_name, scan, save=False)
    agreement.recorded_by = user
    agreement.recorded_at = timezone.now()
    agreement.save()
    return agreement


@dataclass(frozen=True)
class Announced:
    """What the sources say of a round that happened before the platform: the selection
    letter when its number is known, and the MoU (its date may not have been published)."""

    decision_number: str
    decision_date: date | None
    decision_source: str
    mou_date: date | None
    mou_place: str
    mou_source: str


@dataclass(frozen=True)
class AnnouncedMember:
    code: str
    source: str  # where a published list names it
    # Named by an earlier letter but not by the list that made the cohort (no MoU).
    withdrawn: bool = False


@transaction.atomic
def record_announced(
    *, selection_round: SelectionRound, members: Sequence[AnnouncedMember], announced: Announced
) -> None:
    """An announced list as the steps it went through: each member invited, selected and under
    an MoU signed on the date the sources give, or signed with the date unpublished; a region
    named elsewhere only, withdrawn with the reason. Brings an earlier load to the list:
    announced invitations no longer listed are removed (idempotent)."""
    if announced.decision_number and announced.decision_date:
        Decision.objects.update_or_create(
            round=selection_round,
            defaults={
                "number": announced.decision_number,
                "date": announced.decision_date,
                "signatory": "Direktur Jenderal Aplikasi Informatika",
                "signatory_title": "Kementerian Komunikasi dan Informatika",
                "source": announced.decision_source,
            },
        )
    wanted = {member.code: member for member in members}
    regions = dict(Region.objects.filter(code__in=wanted).values_list("code", "pk"))
    invitations = Invitation.objects.filter(round=selection_round, origin=Origin.ANNOUNCED)
    invitations.exclude(region__code__in=wanted).delete()
    stored = {i.region.code: i for i in invitations.select_related("region")}
    Invitation.objects.bulk_create(
        [
            Invitation(
                round=selection_round,
                region_id=regions[code],
                origin=Origin.ANNOUNCED,
                selected=True,
                active=not member.withdrawn,
                source=member.source,
            )
            for code, member in wanted.items()
            if code not in stored
        ]
    )
    for code, invitation in stored.items():
        member = wanted[code]
        if (invitation.source, invitation.active) != (member.source, not member.withdrawn):
            invitation.source, invitation.active = member.source, not member.withdrawn
            invitation.save(update_fields=["source", "active"])
    withdrawn = {code: m for code, m in wanted.items() if m.withdrawn}
    # A region no longer named elsewhere only: its recorded withdrawal goes, as does the MoU of
    # one that now is.
    InvitationChange.objects.filter(
        round=selection_round, action=ChangeAction.WITHDRAW, by=None
    ).exclude(region__code__in=withdrawn).delete()
    Agreement.objects.filter(
        invitation__round=selection_round,
        invitation__origin=Origin.ANNOUNCED,
        invitation__active=False,
        recorded_by=None,
    ).delete()
    noted = set(
        InvitationChange.objects.filter(
            round=selection_round, region__code__in=withdrawn, action=ChangeAction.WITHDRAW
        ).values_list("region__code", flat=True)
    )
    InvitationChange.objects.bulk_create(
        [
            InvitationChange(
                round=selection_round,
                region_id=regions[code],
                action=ChangeAction.WITHDRAW,
                reason=member.source,
            )
            for code, member in withdrawn.items()
            if code not in noted
        ]
    )
    signed = Invitation.objects.filter(round=selection_round, origin=Origin.ANNOUNCED, active=True)
    Agreement.objects.filter(invitation__in=signed, recorded_by=None).update(
        signed_on=announced.mou_date,
        signed_undated=announced.mou_date is None,
        place=announced.mou_place,
        source=announced.mou_source,
    )
    Agreement.objects.bulk_create(
        [
            Agreement(
                invitation=invitation,
                signed_on=announced.mou_date,
                signed_undated=announced.mou_date is None,
                place=announced.mou_place,
                source=announced.mou_source,
            )
            for invitation in signed.filter(agreement__isnull=True)
        ]
    )


def program_members(cohort: int | None = None) -> dict[int, SelectionRound]:
    """Region id → the earliest published round whose MoU with it is signed (its cohort); only
    ``cohort``'s members when given (2 queries)."""
    rounds = {r.pk: r for r in SelectionRound.objects.published()}
    signed = Agreement.objects.signed().filter(invitation__round_id__in=list(rounds))
    if cohort:
        signed = signed.filter(invitation__round_id=cohort)
    found: dict[int, SelectionRound] = {}
    pairs = signed.values_list("invitation__round_id", "invitation__region_id")
    for round_id, region_id in sorted(pairs, key=lambda p: (rounds[p[0]].year, p[0])):
        found.setdefault(region_id, rounds[round_id])
    return found


def cohort_codes(selection_round: SelectionRound) -> list[str]:
    """The codes of the round's cohort: the regions whose MoU is signed."""
    return sorted(
        Agreement.objects.signed()
        .filter(invitation__round=selection_round)
        .values_list("invitation__region__code", flat=True)
    )


def cohort_region_ids(selection_round: SelectionRound) -> Any:
    """The cohort's region ids, as a subquery."""
    return (
        Agreement.objects.signed()
        .filter(invitation__round=selection_round)
        .values("invitation__region_id")
    )


def cohort_of(region_code: str) -> SelectionRound | None:
    """The earliest published round whose MoU with the region was signed: its cohort."""
    agreement = (
        Agreement.objects.signed()
        .filter(invitation__region__code=region_code, invitation__round__status="published")
        .select_related("invitation__round")
        .order_by("invitation__round__year", "invitation__round_id")
        .first()
    )
    return agreement.invitation.round if agreement else None
