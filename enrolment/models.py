"""From a published ranking to the cohort: the invitation list, the interview by a panel, the
selection decision and the memorandum of understanding (MoU, nota kesepakatan) with each region.

A region is a member of a round's cohort once its MoU is signed, and only then
(``Agreement.objects.signed()``); the ranking alone invites it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    QUOTA = "quota", _("selected by the ranking and quotas")
    RANKING = "ranking", _("next in the ranking")
    ADDED = "added", _("added by the national team")
    ANNOUNCED = "announced", _("announced list (before the platform)")


class Invitation(models.Model):
    """A region invited to present and be interviewed in a round; withdrawn ones stay, with
    the reason, in the list of changes."""

    round = models.ForeignKey(
        "selection.SelectionRound", on_delete=models.CASCADE, related_name="invitations"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    origin = models.CharField(_("why invited"), max_length=10, choices=Origin.choices)
    rank = models.PositiveIntegerField(_("rank in the ranking"), null=True, blank=True)
    active = models.BooleanField(_("invited"), default=True)
    interview_at = models.DateTimeField(_("interview at"), null=True, blank=True)
    interview_place = models.CharField(
        _("place or meeting link"), max_length=200, blank=True, default=""
    )
    selected = models.BooleanField(_("selected"), null=True, blank=True)
    # Where a published list names the region (a round before the platform).
    source = models.TextField(_("source"), blank=True, default="")
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["round", "rank", "region__code"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "region"], name="invitation_one_per_region")
        ]

    def __str__(self) -> str:
        return f"{self.region} ({self.round})"


class ChangeAction(models.TextChoices):
    INVITE = "invite", _("invited")
    WITHDRAW = "withdraw", _("invitation withdrawn")


class InvitationChange(models.Model):
    """A change the national team made to the invitation list, with its reason."""

    round = models.ForeignKey(
        "selection.SelectionRound", on_delete=models.CASCADE, related_name="invitation_changes"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("change"), max_length=10, choices=ChangeAction.choices)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change to the invitation list")
        verbose_name_plural = _("changes to the invitation list")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.region}"


class Criterion(models.Model):
    """A criterion of the interview's scoring sheet, set by the national team."""

    round = models.ForeignKey(
        "selection.SelectionRound", on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("interview criterion")
        verbose_name_plural = _("interview criteria")

    def __str__(self) -> str:
        return self.name


class Panelist(models.Model):
    """An assessor on a round's interview panel."""

    round = models.ForeignKey(
        "selection.SelectionRound", on_delete=models.CASCADE, related_name="panelists"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="panelist_once_per_round")
        ]

    def __str__(self) -> str:
        return str(self.user)


class ScoreSheet(models.Model):
    """One assessor's scores of one invited region: criterion id → score, and notes."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="sheets")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scores = models.JSONField(_("scores"), default=dict)
    notes = models.TextField(_("notes"), blank=True, default="")
    version = models.PositiveIntegerField(_("version"), default=1)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("interview score sheet")
        verbose_name_plural = _("interview score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "assessor"], name="score_sheet_one_per_assessor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation} · {self.assessor}"

    def score_of(self, key: str) -> Decimal | None:
        """The score given on the criterion of id ``key`` (None: not scored)."""
        value = self.scores.get(key)
        return None if value in (None, "") else Decimal(str(value))


class Decision(models.Model):
    """The selection decision of a round: the letter's number and date and who signed it;
    the regions it selects are the invitations marked ``selected``."""

    round = models.OneToOneField(
        "selection.SelectionRound", on_delete=models.CASCADE, related_name="decision"
    )
    number = models.CharField(_("letter number"), max_length=120)
    date = models.DateField(_("letter date"))
    signatory = models.CharField(_("signed by"), max_length=120)
    signatory_title = models.CharField(_("position of the signatory"), max_length=200)
    note = models.TextField(_("note"), blank=True, default="")
    source = models.TextField(_("source"), blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")

    def __str__(self) -> str:
        return self.number


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def signed(self) -> "AgreementQuerySet":
        return self.filter(
            models.Q(signed_on__isnull=False) | models.Q(signed_undated=True),
            invitation__active=True,
        )


class Agreement(models.Model):
    """The MoU (nota kesepakatan) between the ministry and a selected region's head. Signed
    when its date is recorded; a region signed on the platform also has its signed scan."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="agreement"
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # Signed according to the published sources, which do not give the date (2023).
    signed_undated = models.BooleanField(_("signed, date not published"), default=False)
    place = models.CharField(_("place of signing"), max_length=120, blank=True, default="")
    number = models.CharField(_("MoU number"), max_length=120, blank=True, default="")
    region_signatory = models.CharField(_("signed for the region by"), max_length=120, blank=True)
    ministry_signatory = models.CharField(
        _("signed for the ministry by"), max_length=120, blank=True
    )
    scan = models.FileField(_("signed scan"), upload_to="mou/%Y/", blank=True)
    scan_name = models.CharField(max_length=255, blank=True, default="")
    source = models.TextField(_("source"), blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("memorandum of understanding")
        verbose_name_plural = _("memoranda of understanding")

    def __str__(self) -> str:
        return f"MoU {self.invitation}"

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None or self.signed_undated
