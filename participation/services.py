"""Mentoring comments, public consultation and the notifications they send."""

import hashlib
from collections import Counter
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Membership, Role, User
from audit.versioning import save_versioned
from jobs.services import mail_send
from kotacerdas.errors import DomainError
from masterplans.models import Dimension, Masterplan, Program
from participation.models import (
    Comment,
    CommentStatus,
    ConsultationWindow,
    ModerationStatus,
    Notification,
    PublicComment,
    Section,
)

# Public comments from one address: at most this many per window of seconds.
RATE_LIMIT = 5
RATE_WINDOW = 3600
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


def notify(users: list[User], text: str, url: str) -> None:
    """An in-app notification for each user, and an e-mail to those with an address.

    One message per recipient, so nobody learns the others' addresses; sent once the
    transaction commits, so a mail server that is down never loses the comment itself."""
    users = [u for u in {u.pk: u for u in users if u is not None and u.is_active}.values()]
    Notification.objects.bulk_create(Notification(user=u, text=text[:300], url=url) for u in users)
    emails = sorted({u.email for u in users if u.email})
    if emails:
        subject, body = f"[Kota Cerdas] {text[:120]}", f"{text}\n\n{settings.KC_SITE_URL}{url}"
        mail_send(messages=[(subject, body, None, [email]) for email in emails])


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
                _("%(who)s commented on %(plan)s") % {"who": user, "plan": masterplan.region},
                url,
            )
        else:
            thread = [parent.author, *[r.author for r in parent.replies.exclude(pk=comment.pk)]]
            notify(
                [u for u in thread if u is not None and u.pk != user.pk],
                _("%(who)s replied on %(plan)s") % {"who": user, "plan": masterplan.region},
                url,
            )
    return comment


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
            _("Your comment on %(plan)s was marked %(status)s")
            % {"plan": comment.masterplan.region, "status": comment.get_status_display()},
            _comments_url(comment.masterplan, comment),
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


def _over_rate_limit(address: str) -> bool:
    """Counts this comment against the address; true once it is past the limit. The count lives
    in the shared cache (Redis in production), like the login throttle, so every app server
    agrees."""
    key = f"consultation-rate:{address_hash(address)}"
    # add() starts the window; incr() keeps its expiry.
    if cache.add(key, 1, RATE_WINDOW):
        return False
    try:
        return cache.incr(key) > RATE_LIMIT
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, RATE_WINDOW)
        return False


@transaction.atomic
def public_comment_submit(
    *, masterplan: Masterplan, data: dict[str, Any], address: str
) -> PublicComment | None:
    """A resident's comment, pending moderation. None when the honeypot was filled (dropped in
    silence). ParticipationError when the window is closed or the address is over the limit."""
    window = current_window(masterplan)
    if window is None:
        raise ParticipationError(
            _("The public consultation of this masterplan is not open."), code="closed", status=409
        )
    if data.get("website"):
        return None
    if _over_rate_limit(address):
        raise RateLimited(
            _("Too many comments from your address in the last hour. Please try again later.")
        )
    program = data.get("program")
    return PublicComment.objects.create(
        window=window,
        program=program if program and program.masterplan_id == masterplan.pk else None,
        section=data.get("section") or Section.WHOLE,
        name=data["name"],
        email=data.get("email", ""),
        text=data["text"],
        address_hash=address_hash(address),
    )


def public_comment_moderate(
    *, comment: PublicComment, user: User, status: str, answer: str = "", base_version: int
) -> PublicComment:
    """Show or hide a resident's comment, with the team's answer. ``base_version`` is the
    comment's version the moderator saw: StaleEdit when another moderator decided since."""
    access.require(user, "consultation.moderate", comment.window.masterplan.region)
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
        PublicComment.objects.filter(window__masterplan=masterplan)
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
