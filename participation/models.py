"""Mentoring comments on a masterplan, public consultation windows and comments, notifications."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from masterplans.models import Masterplan, Program


class Section(models.TextChoices):
    WHOLE = "whole", _("the masterplan as a whole")
    ANALYSIS = "analysis", _("readiness and analysis")
    VISION = "vision", _("vision, missions and targets")
    PROGRAMS = "programs", _("programs")
    ROADMAP = "roadmap", _("roadmap")
    QUICK_WINS = "quick_wins", _("quick wins")
    BUDGET = "budget", _("budget")


class CommentStatus(models.TextChoices):
    OPEN = "open", _("open")
    RESOLVED = "resolved", _("resolved")
    ACCEPTED = "accepted", _("accepted without change")


class Comment(models.Model):
    """A mentor's or advisor's remark on part of a masterplan, or a reply in its thread."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="comments")
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("program"),
    )
    section = models.CharField(
        _("part"), max_length=12, choices=Section.choices, default=Section.WHOLE
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.OPEN
    )
    resolution = models.TextField(_("how it was handled"), blank=True, max_length=2000)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:80]


class ConsultationWindowQuerySet(models.QuerySet["ConsultationWindow"]):
    def open_now(self) -> "ConsultationWindowQuerySet":
        """The windows open at this moment: anyone reads their masterplans and comments."""
        now = timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class ConsultationWindow(models.Model):
    """A period in which the public reads the draft masterplan and comments on it."""

    masterplan = models.ForeignKey(
        Masterplan, on_delete=models.CASCADE, related_name="consultations"
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    intro = models.TextField(_("invitation"), blank=True, max_length=3000)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Who closed it before its date, if anyone did.
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConsultationWindowQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.masterplan} {self.opens_at:%Y-%m-%d}"

    def is_open(self, moment: datetime | None = None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    APPROVED = "approved", _("shown")
    REJECTED = "rejected", _("not shown")


class PublicCommentQuerySet(models.QuerySet["PublicComment"]):
    def confirmed(self) -> "PublicCommentQuerySet":
        """Comments whose writer confirmed their e-mail: the only ones a team moderates."""
        return self.exclude(confirmed_at=None)


class PublicComment(models.Model):
    window = models.ForeignKey(
        ConsultationWindow, on_delete=models.CASCADE, related_name="comments"
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )
    section = models.CharField(
        _("part"), max_length=12, choices=Section.choices, default=Section.WHOLE
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(
        _("e-mail (not shown)"),
        blank=True,
        help_text=_("We send a link to this address: your comment counts once you open it."),
    )
    text = models.TextField(_("comment"), max_length=3000)
    address_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("the team's answer"), blank=True, max_length=3000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The resident opened the link sent to their e-mail: only then is the comment moderated.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)

    objects = PublicCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:60]}"
