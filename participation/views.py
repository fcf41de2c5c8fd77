"""Mentoring comments, public consultation and moderation."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit.context import client_ip
from audit.versioning import StaleEdit
from kotacerdas.confirm import confirmation
from kotacerdas.downloads import document
from kotacerdas.lists import Column, listing
from kotacerdas.paging import filters_query, page_of
from kotacerdas.params import int_param, posted_id
from masterplans.access import get_masterplan_for_user
from participation.access import get_comment_for_user, get_public_comment_for_user
from participation.forms import CommentForm, OpenConsultationForm, PublicCommentForm
from participation.models import (
    Comment,
    CommentStatus,
    ModerationStatus,
    PublicComment,
    Section,
)
from participation.notice import notice_pdf, qr_svg, share_url
from participation.services import (
    ParticipationError,
    closing_time,
    comment_add,
    comment_settle,
    consultation_summary,
    consultation_summary_save,
    consultation_window_close,
    consultation_window_open,
    current_window,
    public_comment_confirm,
    public_comment_moderate,
    public_comment_submit,
)

PAGE_SIZE = 30
MODERATION_COLUMNS = [
    Column("name", gettext_lazy("Name"), ("name",)),
    Column("email", gettext_lazy("E-mail"), (), shown=False),
    Column("created_at", gettext_lazy("When"), ("created_at",)),
    Column("section", gettext_lazy("Part"), ("section",), lambda c: c.get_section_display()),
    Column(
        "program",
        gettext_lazy("Program"),
        (),
        lambda c: c.program.code if c.program else "",
        shown=False,
    ),
    Column("status", gettext_lazy("Status"), ("status",), lambda c: c.get_status_display()),
    Column("text", gettext_lazy("Comment")),
    Column("answer", gettext_lazy("The team's answer"), shown=False),
]

# The e-mail addresses a browser session has confirmed: their next comments need no new link.
CONFIRMED_EMAILS = "consultation_confirmed_emails"


def _page_holding(threads: Any, thread: str | None) -> int | None:
    """The page number of ``threads`` (newest first) that shows the thread with that id."""
    pk = int_param(thread, 0)
    anchor = threads.filter(pk=pk).values_list("created_at", flat=True).first() if pk else None
    if anchor is None:
        return None
    newer = threads.filter(Q(created_at__gt=anchor) | Q(created_at=anchor, pk__gt=pk)).count()
    return int(newer // PAGE_SIZE + 1)


@login_required
@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentoring threads of a masterplan: mentors and advisors comment, the team settles."""
    masterplan = get_masterplan_for_user(request.user, pk, "masterplan.view_draft")
    can_comment = access.can(request.user, "masterplan.comment", masterplan.region)
    form = CommentForm(request.POST or None, masterplan=masterplan)
    if request.method == "POST":
        access.require(request.user, "masterplan.comment", masterplan.region)
        if form.is_valid():
            try:
                comment_add(
                    masterplan=masterplan,
                    user=request.user,  # type: ignore[arg-type]
                    text=form.cleaned_data["text"],
                    section=form.cleaned_data["section"],
                    program=form.cleaned_data["program"],
                )
            except ParticipationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Comment posted."))
                return redirect("participation:comments", masterplan.pk)
    threads = (
        Comment.objects.filter(masterplan=masterplan, parent=None)
        .select_related("author", "program", "resolved_by")
        .prefetch_related("replies__author")
    )
    status = request.GET.get("status", "")
    if status in CommentStatus.values:
        threads = threads.filter(status=status)
    section = request.GET.get("section", "")
    if section in Section.values:
        threads = threads.filter(section=section)
    threads = threads.order_by("-created_at", "-pk")
    page = page_of(request, threads, PAGE_SIZE, _page_holding(threads, request.GET.get("utas")))
    return render(
        request,
        "participation/comments.html",
        {
            "masterplan": masterplan,
            "page": page,
            "form": form,
            "can_comment": can_comment,
            "can_settle": access.can(request.user, "masterplan.resolve", masterplan.region),
            "statuses": CommentStatus.choices,
            "status": status,
            "sections": Section.choices,
            "section": section,
            "query": filters_query(request),
        },
    )


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_comment_for_user(request.user, pk, "masterplan.comment")
    masterplan = parent.masterplan
    try:
        comment_add(
            masterplan=masterplan,
            user=request.user,  # type: ignore[arg-type]
            text=request.POST.get("text", ""),
            parent=parent,
        )
    except ParticipationError as exc:
        messages.error(request, str(exc))
    return redirect("participation:comments", masterplan.pk)


@login_required
@require_POST
def settle(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_comment_for_user(request.user, pk, "masterplan.resolve")
    try:
        comment_settle(
            comment=comment,
            user=request.user,  # type: ignore[arg-type]
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        )
    except ParticipationError as exc:
        messages.error(request, str(exc))
    return redirect("participation:comments", comment.masterplan_id)


@require_http_methods(["GET", "POST"])
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page of a consultation: the invitation, the form, the comments shown."""
    masterplan = get_masterplan_for_user(request.user, pk)
    window = current_window(masterplan)
    form = PublicCommentForm(request.POST or None, masterplan=masterplan)
    if request.method == "POST":
        if window is None:
            raise Http404
        if form.is_valid():
            data = {**form.cleaned_data, "website": request.POST.get("website", "")}
            if not request.session.session_key:
                request.session.save()
            try:
                comment = public_comment_submit(
                    masterplan=masterplan,
                    data=data,
                    address=client_ip(request) or "",
                    session_key=request.session.session_key or "",
                    confirmed_emails=frozenset(request.session.get(CONFIRMED_EMAILS, [])),
                )
            except ParticipationError as exc:
                messages.error(request, str(exc))
            else:
                # A bot that filled the honeypot (no comment) reads what a person reads.
                if comment is not None and comment.confirmed_at:
                    messages.success(
                        request,
                        _("Thank you. Your comment will appear once the team has read it."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you. We sent a link to %(email)s: open it to confirm your "
                            "comment. The team reads it before it appears here."
                        )
                        % {"email": form.cleaned_data["email"]},
                    )
                return redirect("participation:consultation", masterplan.pk)
    shown = (
        PublicComment.objects.filter(
            window__masterplan=masterplan, status=ModerationStatus.APPROVED
        )
        .select_related("program")
        .order_by("-created_at")
    )
    section = request.GET.get("section", "")
    if section in Section.values:
        shown = shown.filter(section=section)
    page = page_of(request, shown, PAGE_SIZE)
    return render(
        request,
        "participation/consultation.html",
        {
            "masterplan": masterplan,
            "window": window,
            "form": form,
            "share_url": share_url(window) if window else "",
            "qr": qr_svg(share_url(window)) if window else "",
            "page": page,
            "sections": Section.choices,
            "section": section,
            "query": filters_query(request),
            "can_open": access.can(request.user, "consultation.open", masterplan.region),
            "can_moderate": access.can(request.user, "consultation.moderate", masterplan.region),
            "open_form": OpenConsultationForm(
                initial={"closes_at": timezone.localdate() + datetime.timedelta(days=30)}
            ),
        },
    )


@login_required
def consultation_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable notice of the consultation open now, with its link as a QR code: for the
    team that posts it (typeset on request, so not for every passer-by)."""
    masterplan = get_masterplan_for_user(request.user, pk, "consultation.moderate")
    window = current_window(masterplan)
    if window is None:
        raise Http404
    return document(request, lambda: notice_pdf(window), f"konsultasi-{masterplan.region.code}.pdf")


@require_http_methods(["GET", "POST"])
def comment_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to a resident: a page with one button (a mail scanner that opens links
    confirms nothing), which confirms the comment and remembers the address for this browser
    session, so its next comments need no new link."""
    if request.method == "POST":
        try:
            comment = public_comment_confirm(token=token)
        except ParticipationError:
            return render(request, "participation/confirm.html", {"invalid": True}, status=404)
        known = set(request.session.get(CONFIRMED_EMAILS, []))
        request.session[CONFIRMED_EMAILS] = sorted(known | {comment.email})
        # A page of its own: the consultation may have closed since, its draft no longer public.
        return render(
            request,
            "participation/confirm.html",
            {"confirmed": comment, "still_open": comment.window.is_open()},
        )
    return render(request, "participation/confirm.html", {"invalid": False})


@login_required
@require_POST
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    masterplan = get_masterplan_for_user(request.user, pk, "consultation.open")
    window = current_window(masterplan)
    if window is None:
        raise Http404
    asked = confirmation(
        request,
        _("Close the public consultation now?"),
        [
            _("Residents can no longer comment; the draft is no longer public."),
            _("The comments already sent stay, to be moderated and summarised."),
            _("It was to stay open until %(day)s.")
            % {"day": date_format(timezone.localtime(window.closes_at), "DATE_FORMAT")},
        ],
        button=_("Close the consultation"),
    )
    if asked:
        return asked
    try:
        consultation_window_close(window=window, user=request.user)  # type: ignore[arg-type]
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The public consultation is closed."))
    return redirect("participation:consultation", masterplan.pk)


@login_required
@require_POST
def consultation_open(request: HttpRequest, pk: int) -> HttpResponse:
    masterplan = get_masterplan_for_user(request.user, pk, "consultation.open")
    form = OpenConsultationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the closing date."))
        return redirect("participation:consultation", masterplan.pk)
    closes = closing_time(form.cleaned_data["closes_at"])
    try:
        consultation_window_open(
            masterplan=masterplan,
            user=request.user,  # type: ignore[arg-type]
            closes_at=closes,
            intro=form.cleaned_data["intro"],
        )
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The public consultation is open."))
    return redirect("participation:consultation", masterplan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    """The queue of residents' comments: show or hide each, and answer."""
    masterplan = get_masterplan_for_user(request.user, pk, "consultation.moderate")
    conflict: StaleEdit | None = None
    conflicted: PublicComment | None = None
    typed: tuple[int, str] = (0, "")
    if request.method == "POST":
        comment = get_public_comment_for_user(
            request.user, masterplan.pk, posted_id(request, "comment")
        )
        try:
            public_comment_moderate(
                comment=comment,
                user=request.user,  # type: ignore[arg-type]
                status=request.POST.get("status", ""),
                answer=request.POST.get("answer", ""),
                base_version=int_param(request.POST.get("version"), 0),
            )
        except ParticipationError as exc:
            messages.error(request, str(exc))
        except StaleEdit as exc:
            # Someone decided first: their decision stands, this answer is kept to send again.
            conflict, typed = exc, (comment.pk, request.POST.get("answer", ""))
            comment.refresh_from_db()
            conflicted = comment
        if conflict is None:  # back to the queue as it was: its filter, sort and page
            return redirect(request.get_full_path())
    status = request.GET.get("status", ModerationStatus.PENDING)
    queue = (
        PublicComment.objects.confirmed()
        .filter(window__masterplan=masterplan)
        .select_related("program")
    )
    if status in ModerationStatus.values:
        queue = queue.filter(status=status)
    found = listing(
        request,
        queue.order_by("created_at", "pk"),
        MODERATION_COLUMNS,
        per_page=PAGE_SIZE,
        filename=f"komentar-warga-{masterplan.region.code}",
    )
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "participation/moderation.html",
        {
            "masterplan": masterplan,
            "page": found.page,
            "listing": found,
            "statuses": ModerationStatus.choices,
            "status": status,
            "query": found.query,
            "summary": consultation_summary(masterplan),
            "conflict": conflict,
            "typed_pk": typed[0],
            "typed_answer": typed[1],
            "conflicted": conflicted,
        },
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    masterplan = get_masterplan_for_user(request.user, pk, "consultation.moderate")
    try:
        consultation_summary_save(masterplan=masterplan, user=request.user)  # type: ignore[arg-type]
    except ParticipationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The consultation summary is now part of the masterplan."))
    return redirect("participation:moderation", masterplan.pk)
