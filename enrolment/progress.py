"""Where a round stands on its way from the ranking to the cohort: one status per step and one
row per invited region, read by the round's pages and the API alike."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from enrolment.models import Agreement, Decision, Invitation
from enrolment.panel import PanelResult
from enrolment.services import results_of
from selection.models import RoundMethod, SelectionRound

# Step statuses, in the order a step goes through them.
NOT_STARTED = "not_started"
OPEN = "open"
IN_PROGRESS = "in_progress"
DONE = "done"
NOT_RECORDED = "not_recorded"
STATUS_LABELS = {
    NOT_STARTED: _("not started"),
    OPEN: _("open"),
    IN_PROGRESS: _("in progress"),
    DONE: _("done"),
    NOT_RECORDED: _("not recorded (before the platform)"),
}


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    status: str
    summary: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class RegionRow:
    invitation: Invitation
    result: PanelResult | None
    agreement: Agreement | None

    @property
    def status(self) -> str:
        """The furthest step the region reached: invited, interviewed, selected, not
        selected, MoU signed, withdrawn."""
        if not self.invitation.active:
            return "withdrawn"
        if self.agreement is not None and self.agreement.is_signed:
            return "mou_signed"
        if self.invitation.selected is True:
            return "selected"
        if self.invitation.selected is False:
            return "not_selected"
        if self.result is not None and self.result.score is not None:
            return "interviewed"
        if self.invitation.interview_at is not None:
            return "interview_scheduled"
        return "invited"


REGION_STATUS_LABELS = {
    "invited": _("invited"),
    "interview_scheduled": _("interview scheduled"),
    "interviewed": _("interviewed"),
    "selected": _("selected; MoU to sign"),
    "not_selected": _("not selected"),
    "mou_signed": _("MoU signed: in the cohort"),
    "withdrawn": _("invitation withdrawn"),
}


@dataclass
class Enrolment:
    round: SelectionRound
    steps: list[Step]
    rows: list[RegionRow]
    decision: Decision | None
    criteria_count: int
    panel_size: int
    signed: int = 0
    selected: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_historical(self) -> bool:
        return self.round.method == RoundMethod.HISTORICAL


def enrolment_of(selection_round: SelectionRound) -> Enrolment:
    invitations = list(
        selection_round.invitations.select_related("region__province").order_by(
            "-active", "rank", "region__code"
        )
    )
    agreements = {
        a.invitation_id: a for a in Agreement.objects.filter(invitation__round=selection_round)
    }
    historical = selection_round.method == RoundMethod.HISTORICAL
    results = {} if historical else results_of(selection_round)
    rows = [RegionRow(i, results.get(i.pk), agreements.get(i.pk)) for i in invitations]
    decision = Decision.objects.filter(round=selection_round).first()
    criteria_count = selection_round.criteria.count()
    panel_size = selection_round.panelists.count()
    active = [r for r in rows if r.invitation.active]
    scored = [r for r in active if r.result is not None and r.result.score is not None]
    complete = [r for r in active if r.result is not None and r.result.complete]
    selected = [r for r in active if r.invitation.selected]
    signed = [r for r in selected if r.agreement is not None and r.agreement.is_signed]

    invitation_status = DONE if decision else (OPEN if active else NOT_STARTED)
    if historical:
        interview_status = NOT_RECORDED
    elif active and len(complete) == len(active):
        interview_status = DONE
    elif scored or (criteria_count and panel_size):
        interview_status = IN_PROGRESS
    else:
        interview_status = NOT_STARTED
    if signed and len(signed) == len(selected):
        mou_status = DONE
    elif selected:
        mou_status = IN_PROGRESS
    else:
        mou_status = NOT_STARTED
    steps = [
        Step(
            "invitation",
            str(_("Invitation list")),
            NOT_RECORDED if historical else invitation_status,
            str(_("%(n)s regions invited")) % {"n": len(active)},
        ),
        Step(
            "interview",
            str(_("Interview by the panel")),
            interview_status,
            str(_("%(scored)s of %(n)s scored; %(complete)s by the whole panel"))
            % {"scored": len(scored), "n": len(active), "complete": len(complete)},
        ),
        Step(
            "decision",
            str(_("Selection decision")),
            DONE if decision else NOT_STARTED,
            (
                str(_("letter %(number)s, %(selected)s regions selected"))
                % {"number": decision.number, "selected": len(selected)}
                if decision
                else ""
            ),
        ),
        Step(
            "mou",
            str(_("MoU signed")),
            mou_status,
            (
                str(_("%(signed)s of %(selected)s signed"))
                % {"signed": len(signed), "selected": len(selected)}
                if selected
                else ""
            ),
        ),
    ]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return Enrolment(
        selection_round,
        steps,
        rows,
        decision,
        criteria_count,
        panel_size,
        signed=len(signed),
        selected=len(selected),
        counts=counts,
    )
