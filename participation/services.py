"""Mentoring comments and public consultation."""

import hashlib
import secrets
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Membership, Role, User
from audit.versioning import save_versioned
from inbox.models import Kind
from inbox.services import notify
from jobs.services import mail_send
from kotacerdas.errors import DomainError
from masterplans.models import Dimension, Masterplan, Program
from participation.models import (
    Comment,
    CommentStatus,
    ConsultationWindow,
    ModerationStatus,
    PublicComment,
    Section,
)

# Public comments per window of seconds: at most RATE_LIMIT from one e-mail address or one
# browser session, and ADDRESS_LIMIT from one client address (a whole office, a school or a
# village hall can sit behind one NAT address).
RATE_LIMIT = 5
ADDRESS_LIMIT = 60
# Confirmation links sent from one client address to addresses not confirmed in its session.
UNCONFIRMED_LIMIT = 30
RATE_WINDOW = 3600
# A confirmation link works for this many days.
CONFIRM_DAYS = 3
TEAM_ROLES = (Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR)


class ParticipationError(DomainError):
    """A refusal with the reason to show: by default a request that makes no sense (422); a
    consultation or a masterplan in a state that refuses it says so where it is raised."""

    code = "invalid"
    status = 422


class RateLimited(ParticipationError):
    """Too many public comments from one client address."""

    code = "too_many_requests"
    status = 429


def region_team(masterplan: Masterplan) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(
            region=masterplan.region_id, role__in=TEAM_ROLES
        ).select_related("user")
    ]


def _comments_url(masterplan: Masterplan, thread: Comment | None = None) -> str:
    url = reverse("participation:comments", args=[masterplan.pk])
    # ?utas= opens the page of the list that holds the thread, wherever it has moved to.
    return f"{url}?utas={thread.pk}#comment-{thread.pk}" if thread else url


def comment_add(
    *,
    masterplan: Masterplan,
    user: User,
    text: str,
    section: str = Section.WHOLE,
    program: Program | None = None,
    parent: Comment | None = None,
) -> Comment:
    access.require(user, "masterplan.comment", masterplan.region)
    if not text.strip():
        raise ParticipationError(_("Write a comment first."))
    if program is not None and program.masterplan_id != masterplan.pk:
        raise ParticipationError(_("This program is not part of the masterplan."))
    if parent is not None and (parent.masterplan_id != masterplan.pk or parent.parent_id):
        raise ParticipationError(_("Reply to a comment of this masterplan."))
    with transaction.atomic():
        comment = Comment.objects.create(
            masterplan=masterplan,
            program=program if parent is None else parent.program,
            section=section if parent is None else parent.section,
            parent=parent,
            author=user,
            text=text.strip(),
        )
        url = _comments_url(masterplan, parent or comment)
        if parent is None:
            notify(
                [u for u in region_team(masterplan) if u.pk != user.pk],
                Kind.COMMENT,
                url,
                params={"who": user, "region": masterplan.region.name},
            )
        else:
            thread = [parent.author, *[r.author for r in parent.replies.exclude(pk=comment.pk)]]
            notify(
                [u for u in thread if u is not None and u.pk != user.pk],
                Kind.REPLY,
                url,
                params={"who": user, "region": masterplan.region.name},
            )
    return comment


def threads_by_part(
    masterplan: Masterplan, *, until: datetime
) -> dict[tuple[str, str], list[Comment]]:
    """The mentoring threads opened on ``masterplan`` up to ``until``, by the part of it they
    are on: ``("program", code)`` for a program's, ``("section", section)`` otherwise."""
    found: dict[tuple[str, str], list[Comment]] = {}
    threads = (
        Comment.objects.filter(masterplan=masterplan, parent=None, created_at__lte=until)
        .select_related("program", "author")
        .order_by("created_at", "pk")
    )
    for thread in threads:
        key = ("program", thread.program.code) if thread.program else ("section", thread.section)
        found.setdefault(key, []).append(thread)
    return found


def comment_settle(*, comment: Comment, user: User, status: str, note: str) -> Comment:
    """The region's team marks a mentor's comment resolved or accepted (with its reason)."""
    access.require(user, "masterplan.resolve", comment.masterplan.region)
    if comment.parent_id:
        raise ParticipationError(_("Only a thread's first comment is resolved."))
    if status not in (CommentStatus.RESOLVED, CommentStatus.ACCEPTED):
        raise ParticipationError(_("Choose resolved or accepted."))
    if status == CommentStatus.ACCEPTED and not note.strip():
        raise ParticipationError(_("Say why the comment is accepted without a change."))
    comment.status = status
    comment.resolution = note.strip()
    comment.resolved_by = user
    comment.resolved_at = timezone.now()
    with transaction.atomic():
        comment.save()
        notify(
            [comment.author] if comment.author and comment.author.pk != user.pk else [],
            Kind.SETTLED,
            _comments_url(comment.masterplan, comment),
            params={
                "who": user,
                "region": comment.masterplan.region.name,
                "status": comment.status,
            },
        )
    return comment


@transaction.atomic
def consultation_window_open(
    *, masterplan: Masterplan, user: User, closes_at: datetime, intro: str = ""
) -> ConsultationWindow:
    access.require(user, "consultation.open", masterplan.region)
    if masterplan.is_public:
        raise ParticipationError(
            _("The masterplan is already public: a consultation is held on a draft."),
            code="consultation",
            status=409,
        )
    now = timezone.now()
    if closes_at <= now:
        raise ParticipationError(
            _("The closing date must be in the future."), code="consultation", status=409
        )
    # Two openings at once: the second waits for the first to commit, then sees its window.
    Masterplan.objects.select_for_update().filter(pk=masterplan.pk).first()
    if masterplan.consultations.open_now().exists():
        raise ParticipationError(
            _("A consultation is already open."), code="consultation", status=409
        )
    return ConsultationWindow.objects.create(
        masterplan=masterplan, opens_at=now, closes_at=closes_at, intro=intro, opened_by=user
    )


def closing_time(day: date) -> datetime:
    """A consultation open "until" ``day`` closes at the end of that day, local time."""
    return datetime.combine(day, time(23, 59), tzinfo=timezone.get_current_timezone())


def current_window(masterplan: Masterplan) -> ConsultationWindow | None:
    return masterplan.consultations.open_now().first()


def address_hash(address: str) -> str:
    """The client address, hashed with the secret key: enough to count, nothing to read."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def _over_rate_limit(kind: str, value: str, limit: int) -> bool:
    """Counts this comment against ``value`` (an address, an e-mail, a session); true once it is
    past ``limit``. The count lives in the shared cache (Redis in production), like the login
    throttle, so every app server agrees."""
    if not value:
        return False
    key = f"consultation-rate:{kind}:{address_hash(value)}"
    # add() starts the window; incr() keeps its expiry.
    if cache.add(key, 1, RATE_WINDOW):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, RATE_WINDOW)
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(f"confirm:{token}".encode()).hexdigest()


@transaction.atomic
def public_comment_submit(
    *,
    masterplan: Masterplan,
    data: dict[str, Any],
    address: str,
    session_key: str = "",
    confirmed_emails: frozenset[str] = frozenset(),
) -> PublicComment | None:
    """A resident's comment, without an account. It waits for its writer to open the link sent
    to their e-mail, then for moderation; an address confirmed earlier in the same browser
    session (``confirmed_emails``) needs no new link. None when the honeypot was filled
    (dropped in silence). ParticipationError when the window is closed or no e-mail is given,
    RateLimited past the limits per e-mail, per session and per client address."""
    window = current_window(masterplan)
    if window is None:
        raise ParticipationError(
            _("The public consultation of this masterplan is not open."), code="closed", status=409
        )
    if data.get("website"):
        return None
    email = str(data.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ParticipationError(
            _("Give your e-mail address: we send you a link to confirm your comment.")
        ) from exc
    known = email in confirmed_emails
    if (
        _over_rate_limit("email", email, RATE_LIMIT)
        or _over_rate_limit("session", session_key, RATE_LIMIT)
        or _over_rate_limit("address", address, ADDRESS_LIMIT)
        # Links to addresses nobody confirmed yet: fewer, so the form sends no mail at volume.
        or (not known and _over_rate_limit("unconfirmed", address, UNCONFIRMED_LIMIT))
    ):
        raise RateLimited(_("Too many comments from you in the last hour. Please try again later."))
    # Comments whose link was never opened go once it has expired, with their address.
    PublicComment.objects.filter(
        confirmed_at=None, created_at__lt=timezone.now() - timedelta(days=CONFIRM_DAYS)
    ).delete()
    program = data.get("program")
    token = "" if known else secrets.token_urlsafe(24)
    comment = PublicComment.objects.create(
        window=window,
        program=program if program and program.masterplan_id == masterplan.pk else None,
        section=data.get("section") or Section.WHOLE,
        name=data["name"],
        email=email,
        text=data["text"],
        address_hash=address_hash(address),
        confirmed_at=timezone.now() if known else None,
        token_hash=_token_hash(token) if token else "",
    )
    if token:
        link = settings.KC_SITE_URL + reverse("participation:confirm", args=[token])
        subject = _("Confirm your comment on the masterplan of %(region)s") % {
            "region": masterplan.region.name
        }
        body = _(
            "Thank you for your comment on the draft masterplan of %(region)s. Open this link "
            "within %(days)s days to confirm it; the region's smart city team then reads it "
            "before it is shown:\n\n%(link)s\n\nIf you did not write it, ignore this e-mail."
        ) % {"region": masterplan.region.name, "days": CONFIRM_DAYS, "link": link}
        mail_send(messages=[(f"[Kota Cerdas] {subject}", body, None, [email])])
    return comment


def public_comment_confirm(*, token: str) -> PublicComment:
    """The comment whose link was opened, confirmed (again is harmless); ParticipationError
    (404) for a link that is unknown or older than CONFIRM_DAYS."""
    comment = (
        PublicComment.objects.filter(
            token_hash=_token_hash(token),
            created_at__gte=timezone.now() - timedelta(days=CONFIRM_DAYS),
        )
        .select_related("window__masterplan__region")
        .first()
    )
    if comment is None:
        raise ParticipationError(
            _("This link is not valid or has expired. Please send your comment again."),
            code="not_found",
            status=404,
        )
    if comment.confirmed_at is None:
        comment.confirmed_at = timezone.now()
        comment.save(update_fields=["confirmed_at"])
    return comment


@transaction.atomic
def consultation_window_close(*, window: ConsultationWindow, user: User) -> ConsultationWindow:
    """Close the consultation now, before its date: no more comments; those sent stay to be
    moderated and summarised."""
    access.require(user, "consultation.open", window.masterplan.region)
    current = ConsultationWindow.objects.select_for_update().get(pk=window.pk)
    if not current.is_open():
        raise ParticipationError(
            _("This consultation is already closed."), code="consultation", status=409
        )
    current.closes_at = max(timezone.now(), current.opens_at + timedelta(microseconds=1))
    current.closed_by = user
    current.save(update_fields=["closes_at", "closed_by"])
    return current


def public_comment_moderate(
    *, comment: PublicComment, user: User, status: str, answer: str = "", base_version: int
) -> PublicComment:
    """Show or hide a resident's comment, with the team's answer. ``base_version`` is the
    comment's version the moderator saw: StaleEdit when another moderator decided since."""
    access.require(user, "consultation.moderate", comment.window.masterplan.region)
    if comment.confirmed_at is None:
        raise ParticipationError(_("Its writer has not confirmed this comment yet."))
    if status not in ModerationStatus.values:
        raise ParticipationError(_("Unknown moderation decision."))
    values: dict[str, Any] = {"status": status, "moderated_by": user}
    if answer.strip():
        values.update(answer=answer.strip(), answered_by=user)
    return save_versioned(comment, base_version=base_version, values=values)


def _period(window: ConsultationWindow) -> str:
    opens, closes = timezone.localtime(window.opens_at), timezone.localtime(window.closes_at)
    return f"{opens:%d/%m/%Y}–{closes:%d/%m/%Y}"


def consultation_summary(masterplan: Masterplan) -> str:
    """The consultation as the masterplan book prints it: its windows, counts per part and per
    dimension of the comments shown, then each of them with the team's answer."""
    comments = list(
        PublicComment.objects.confirmed()
        .filter(window__masterplan=masterplan)
        .select_related("program", "window")
        .order_by("created_at")
    )
    shown = [c for c in comments if c.status == ModerationStatus.APPROVED]
    windows = ConsultationWindow.objects.filter(masterplan=masterplan).order_by("opens_at")
    labels = dict(Section.choices)
    lines = [
        _("Public consultation: %(windows)s; %(total)s comments received, %(shown)s shown.")
        % {
            "windows": ", ".join(_period(w) for w in windows) or "–",
            "total": len(comments),
            "shown": len(shown),
        }
    ]
    if shown:
        lines.append(_("Comments shown, per part of the masterplan:"))
    for section, count in Counter(c.section for c in shown).most_common():
        lines.append(f"- {labels.get(section, section)}: {count}")
    dimensions = Counter(c.program.dimension for c in shown if c.program)
    if dimensions:
        lines.append(_("Comments on programs, per dimension:"))
        for dimension, count in dimensions.most_common():
            lines.append(f"- {Dimension(dimension).label}: {count}")
    for comment in shown:
        about = f" ({comment.program.code})" if comment.program else ""
        lines.append("")
        lines.append(f"{comment.name}{about}: {comment.text}")
        lines.append(
            _("Answer: %(answer)s") % {"answer": comment.answer or _("(not answered yet)")}
        )
    return "\n".join(lines)


@transaction.atomic
def consultation_summary_save(*, masterplan: Masterplan, user: User) -> Masterplan:
    access.require(user, "consultation.moderate", masterplan.region)
    if not masterplan.is_editable:
        raise ParticipationError(
            _("A masterplan that is %(status)s cannot be changed.")
            % {"status": masterplan.get_status_display()},
            code="not_editable",
            status=409,
        )
    masterplan.consultation_summary = consultation_summary(masterplan)
    masterplan.save(update_fields=["consultation_summary", "updated_at"])
    return masterplan
