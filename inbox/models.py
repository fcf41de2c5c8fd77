"""Notifications: each tells one person that a step of the program concerns them, in the app
(read or unread) and by e-mail as they chose (at once, in a daily digest, or not at all)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("masterplan submitted")
    REVISION = "revision", _("revision requested")
    APPROVED = "approved", _("masterplan approved")
    ENACTED = "enacted", _("masterplan enacted")
    COMMENT = "comment", _("comment")
    REPLY = "reply", _("reply")
    SETTLED = "settled", _("comment settled")
    ASSIGNED = "assigned", _("assignment")
    REPORT_DUE = "report_due", _("progress report due")
    REPORT_LATE = "report_late", _("progress report late")
    SCORE_VERIFIED = "score_verified", _("evaluation score verified")
    AWARD_CONFIRMED = "award_confirmed", _("award confirmed")
    OTHER = "other", _("other")


# What each kind says, filled from the notification's params when it is shown, so that each
# reader sees it in their own language.
MESSAGES: dict[str, Any] = {
    Kind.SUBMITTED: _("%(who)s submitted the masterplan of %(region)s for review"),
    Kind.REVISION: _("%(who)s asked for a revision of the masterplan of %(region)s: %(note)s"),
    Kind.APPROVED: _("%(who)s approved the masterplan of %(region)s"),
    Kind.ENACTED: _("The masterplan of %(region)s is enacted by %(regulation)s (%(date)s)"),
    Kind.COMMENT: _("%(who)s commented on the masterplan of %(region)s"),
    Kind.REPLY: _("%(who)s replied on the masterplan of %(region)s"),
    Kind.SETTLED: _("%(who)s marked your comment on %(region)s as %(status)s"),
    Kind.ASSIGNED: _("%(who)s assigned you as %(role)s of %(region)s"),
    Kind.REPORT_DUE: _("The progress report of %(region)s for %(period)s is due on %(due)s"),
    Kind.REPORT_LATE: _(
        "The progress report of %(region)s for %(period)s is late: %(count)s programs"
    ),
    Kind.SCORE_VERIFIED: _("An assessor verified the %(year)s evaluation scores of %(region)s"),
    Kind.AWARD_CONFIRMED: _("%(region)s receives the %(year)s award: %(category)s"),
}


# The values a kind's message names that are words of the platform (a role, a status, a
# date...): stored as codes and read in the reader's language when the message is shown. A
# value stored before in words (in the platform's language) is no code: it reads as stored.
def _role(code: str) -> str:
    from accounts.models import Role

    return str(dict(Role.choices).get(code, code))


def _comment_status(code: str) -> str:
    from participation.models import CommentStatus

    return str(dict(CommentStatus.choices).get(code, code))


def _award_category(code: str) -> str:
    from evaluation.results import category_label

    return str(category_label(code))


def period_code(year: int, quarter: int) -> str:
    """A quarter as a notification keeps it: ``2027-Q2``."""
    return f"{year}-Q{quarter}"


def _period(code: str) -> str:
    from monitoring.models import quarter_label

    year, _sep, quarter = code.partition("-Q")
    if not (year.isdigit() and quarter.isdigit()):
        return code
    return quarter_label(int(quarter), int(year))


def _date(code: str) -> str:
    try:
        day = date.fromisoformat(code)
    except ValueError:
        return code
    return date_format(day, "DATE_FORMAT")


VALUES: dict[str, dict[str, Callable[[str], str]]] = {
    Kind.ENACTED: {"date": _date},
    Kind.SETTLED: {"status": _comment_status},
    Kind.ASSIGNED: {"role": _role},
    Kind.REPORT_DUE: {"period": _period, "due": _date},
    Kind.REPORT_LATE: {"period": _period},
    Kind.AWARD_CONFIRMED: {"category": _award_category},
}


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    # The values the kind's message names (who, region, period...), as text.
    params = models.JSONField(default=dict, blank=True)
    # The message as first written, for kinds without one of their own.
    text = models.CharField(_("notification"), max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    # Set for a notification that must be sent once only (a report due for a quarter).
    key = models.CharField(max_length=120, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="inbox_notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.kind)
        if template is not None:
            read = VALUES.get(self.kind, {})
            try:
                params = {k: read[k](str(v)) if k in read else v for k, v in self.params.items()}
                filled: str = str(template) % params
                return filled
            except (AttributeError, KeyError, TypeError, ValueError):
                pass  # a message whose words changed since: as it was first written
        return str(self.text)


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("at once, one e-mail per notification")
    DIGEST = "digest", _("once a day, in one e-mail")
    OFF = "off", _("never: only in the app")


class Preference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.CharField(
        _("e-mail"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
        help_text=_("How the notifications reach your e-mail; they always stay in the app."),
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.email}"
