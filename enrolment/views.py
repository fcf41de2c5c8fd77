"""Pages of the steps from a published ranking to the cohort: the invitation list, the
interview panel and its sheets, the selection decision and the MoU of each region."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import access
from accounts.models import User
from audit.versioning import StaleEdit
from enrolment.access import get_invitation_for_user
from enrolment.forms import (
    AgreementForm,
    DecisionForm,
    InvitationChangeForm,
    InviteForm,
    PanelForm,
    ScheduleForm,
    SheetForm,
    invitation_label,
)
from enrolment.models import Agreement, Decision, InvitationChange, Panelist
from enrolment.movement import cohort_count, letter_reconstructible
from enrolment.progress import REGION_STATUS_LABELS, enrolment_of
from enrolment.services import (
    CriterionInput,
    EnrolmentError,
    agreement_sign,
    assessors,
    decision_issue,
    interview_schedule,
    invitation_change,
    invitations_open,
    panel_set,
    panel_version,
    proposal,
    sheet_save,
    sheet_version,
)
from kotacerdas.downloads import document, stored_file
from kotacerdas.numbers import format_number
from regions.models import Region
from selection.access import get_round_for_user
from selection.models import SelectionRound


def _refused(form: Form, exc: EnrolmentError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's way from the ranking to the cohort: each step's status and each region's."""
    selection_round = get_round_for_user(request.user, pk)
    if not selection_round.is_published:
        raise Http404
    state = enrolment_of(selection_round)
    manage = access.can(request.user, "round.manage") and state.decision is None
    panelist = Panelist.objects.filter(round=selection_round, user_id=request.user.pk or 0).exists()
    return render(
        request,
        "enrolment/overview.html",
        {
            "round": selection_round,
            "state": state,
            "labels": REGION_STATUS_LABELS,
            "show_scores": access.can(request.user, "enrolment.view_scores"),
            "letter_pdf": letter_reconstructible(selection_round),
            "cohort": cohort_count(selection_round),
            "manage": manage and not state.is_historical,
            "can_decide": access.can(request.user, "round.manage"),
            "panelist": panelist and state.decision is None,
            "criteria": selection_round.criteria.all(),
            "panel": selection_round.panelists.select_related("user"),
            "changes": (
                InvitationChange.objects.filter(round=selection_round).select_related(
                    "region", "by"
                )
                if access.can(request.user, "enrolment.view_scores")
                else []
            ),
        },
    )


def _managed_round(request: HttpRequest, pk: int) -> SelectionRound:
    selection_round = get_round_for_user(request.user, pk, "round.manage")
    if not selection_round.is_published:
        raise Http404
    return selection_round


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    selection_round = _managed_round(request, pk)
    eligible = selection_round.results.filter(eligible=True).count()
    form = InviteForm(
        request.POST or None,
        initial={"count": min(eligible, selection_round.total * 3) or selection_round.total},
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = invitations_open(
                selection_round=selection_round,
                count=form.cleaned_data["count"],
                user=request.user,
            )
        except EnrolmentError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("%(n)s regions invited.") % {"n": count})
            return redirect("enrolment:overview", pk)
    return render(
        request,
        "enrolment/form.html",
        {
            "round": selection_round,
            "form": form,
            "title": _("Invite regions"),
            "eligible": eligible,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, pk: int) -> HttpResponse:
    selection_round = _managed_round(request, pk)
    ranked = selection_round.results.select_related("region__province").order_by(
        "rank", "region__code"
    )
    regions = [
        (r.region.code, f"{r.rank or '–'}. {r.region.name} ({r.region.province.name})")
        for r in ranked
    ]
    form = InvitationChangeForm(
        request.POST or None, regions=regions, initial={"region": request.GET.get("region", "")}
    )
    if request.method == "POST" and form.is_valid():
        region = Region.objects.get(code=form.cleaned_data["region"])
        try:
            invitation_change(
                selection_round=selection_round,
                region=region,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except EnrolmentError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("The invitation list was changed."))
            return redirect("enrolment:overview", pk)
    return render(
        request,
        "enrolment/form.html",
        {"round": selection_round, "form": form, "title": _("Change the invitation list")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    selection_round = _managed_round(request, pk)
    people = [(str(u.pk), u.get_full_name() or u.username) for u in assessors()]
    version = panel_version(selection_round)
    form = PanelForm(
        request.POST or None,
        assessors=people,
        initial=PanelForm.initial_for(
            list(selection_round.criteria.all()),
            list(selection_round.panelists.values_list("user_id", flat=True)),
            version,
        ),
    )
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            panel_set(
                selection_round=selection_round,
                criteria=[CriterionInput(*row) for row in form.cleaned_data["criteria"]],
                members=User.objects.filter(pk__in=form.cleaned_data["members"]),
                base_version=form.cleaned_data["version"] or "",
                user=request.user,
            )
        except StaleEdit as exc:
            conflict, status = exc, 409
            data = request.POST.copy()
            data["version"] = version
            form = PanelForm(data, assessors=people)
        except EnrolmentError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("The interview sheet and panel were saved."))
            return redirect("enrolment:overview", pk)
    return render(
        request,
        "enrolment/panel.html",
        {"round": selection_round, "form": form, "conflict": conflict},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    access.require(request.user, "round.manage")
    invitation = get_invitation_for_user(request.user, pk, code)
    form = ScheduleForm(
        request.POST or None,
        initial={
            "interview_at": invitation.interview_at,
            "interview_place": invitation.interview_place,
            "version": invitation.version,
        },
    )
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            interview_schedule(
                invitation=invitation,
                at=form.cleaned_data["interview_at"],
                place=form.cleaned_data["interview_place"],
                base_version=form.cleaned_data["version"],
            )
        except StaleEdit as exc:
            conflict, status = exc, 409
            data = request.POST.copy()
            data["version"] = str(exc.version)
            form = ScheduleForm(data)
        except EnrolmentError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("The interview was scheduled."))
            return redirect("enrolment:overview", pk)
    return render(
        request,
        "enrolment/form.html",
        {
            "round": invitation.round,
            "form": form,
            "conflict": conflict,
            "title": _("Interview of %(region)s") % {"region": invitation.region.name},
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sheet(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """An assessor on the panel scores a region, criterion by criterion."""
    access.require(request.user, "enrolment.score")
    invitation = get_invitation_for_user(request.user, pk, code)
    selection_round = invitation.round
    on_panel = Panelist.objects.filter(round=selection_round, user_id=request.user.pk or 0)
    if not on_panel.exists():
        raise Http404
    criteria = list(selection_round.criteria.all())
    stored = invitation.sheets.filter(assessor_id=request.user.pk).first()
    initial: dict[str, Any] = {"version": sheet_version(invitation, request.user)}
    if stored is not None:
        initial["notes"] = stored.notes
        initial.update({f"c{c.pk}": stored.score_of(str(c.pk)) for c in criteria})
    form = SheetForm(request.POST or None, criteria=criteria, initial=initial)
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            sheet_save(
                invitation=invitation,
                assessor=request.user,
                scores=form.scores(),
                notes=form.cleaned_data["notes"],
                base_version=form.cleaned_data["version"],
            )
        except StaleEdit as exc:
            conflict, status = exc, 409
            data = request.POST.copy()
            data["version"] = str(exc.version)
            form = SheetForm(data, criteria=criteria)
        except EnrolmentError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request, _("Your scores of %(region)s were saved.") % {"region": invitation.region}
            )
            return redirect("enrolment:overview", pk)
    return render(
        request,
        "enrolment/sheet.html",
        {
            "round": selection_round,
            "invitation": invitation,
            "form": form,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    selection_round = _managed_round(request, pk)
    state = enrolment_of(selection_round)
    choices = [
        (
            str(row.invitation.pk),
            invitation_label(row.invitation)
            + (
                f" · {format_number(row.result.rounded, get_language() or 'id')}"
                if row.result and row.result.rounded is not None
                else ""
            ),
        )
        for row in state.rows
        if row.invitation.active
    ]
    proposed = [str(i.pk) for i in proposal(selection_round)]
    form = DecisionForm(request.POST or None, invitations=choices, initial={"selected": proposed})
    if request.method == "POST" and form.is_valid():
        try:
            decision_issue(
                selection_round=selection_round,
                number=form.cleaned_data["number"],
                date=form.cleaned_data["date"],
                signatory=form.cleaned_data["signatory"],
                signatory_title=form.cleaned_data["signatory_title"],
                selected=[int(v) for v in form.cleaned_data["selected"]],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except EnrolmentError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("The selection decision was recorded."))
            return redirect("enrolment:overview", pk)
    return render(
        request,
        "enrolment/decision.html",
        {"round": selection_round, "form": form, "state": state, "proposed": proposed},
    )


def decision_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The selection letter, public once issued."""
    from enrolment.documents import decision_letter_pdf

    selection_round = get_round_for_user(request.user, pk)
    found = Decision.objects.filter(round=selection_round).first()
    if found is None or not selection_round.is_published:
        raise Http404
    if not letter_reconstructible(selection_round):
        raise Http404  # its number and date are on the page; its list is not all known
    return document(
        request, lambda: decision_letter_pdf(found), f"keputusan-seleksi-{selection_round.pk}.pdf"
    )


def _agreement(request: HttpRequest, pk: int, code: str, action: str) -> Agreement:
    invitation = get_invitation_for_user(request.user, pk, code, action)
    found = Agreement.objects.filter(invitation=invitation).first()
    if found is None:
        raise Http404
    found.invitation = invitation
    return found


@login_required
def mou(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The MoU of a selected region, to print and sign."""
    from enrolment.documents import mou_pdf

    agreement = _agreement(request, pk, code, "enrolment.view_mou")
    return document(request, lambda: mou_pdf(agreement), f"mou-{code}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Record the signed MoU with its scan: the region joins the cohort."""
    access.require(request.user, "round.manage")
    agreement = _agreement(request, pk, code, "round.manage")
    form = AgreementForm(request.POST or None, request.FILES or None)
    if agreement.is_signed:
        messages.info(request, _("This MoU is already signed."))
        return redirect("enrolment:overview", pk)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_sign(
                agreement=agreement,
                signed_on=form.cleaned_data["signed_on"],
                place=form.cleaned_data["place"],
                number=form.cleaned_data["number"],
                region_signatory=form.cleaned_data["region_signatory"],
                ministry_signatory=form.cleaned_data["ministry_signatory"],
                scan=form.cleaned_data["scan"],
                user=request.user,
            )
        except EnrolmentError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("The MoU of %(region)s is signed: the region is in the cohort.")
                % {"region": agreement.invitation.region},
            )
            return redirect("enrolment:overview", pk)
    return render(
        request,
        "enrolment/form.html",
        {
            "round": agreement.invitation.round,
            "form": form,
            "multipart": True,
            "title": _("Signed MoU of %(region)s") % {"region": agreement.invitation.region.name},
        },
    )


@login_required
def scan(request: HttpRequest, pk: int, code: str) -> FileResponse:
    agreement = _agreement(request, pk, code, "enrolment.view_mou")
    return stored_file(agreement.scan, agreement.scan_name or "mou")
