"""Mentoring of a cohort: its four technical workshops (bimtek) and who each region sent.

Who mentors which region is a role held for the region (accounts.Membership: mentor,
technology advisor), assigned on the cohort's page (mentoring.services.assignment_add).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas import constraints as check
from regions.models import Region


class WorkshopNumber(models.IntegerChoices):
    READINESS = 1, _("I: readiness and SWOT/gap analysis")
    RPJMD = 2, _("II: mapping programs against the RPJMD and each OPD's Renstra")
    INNOVATION = 3, _("III: innovations (technology and policy)")
    QUICK_WINS = 4, _("IV: choosing years 1-2 and the quick wins")


class Workshop(models.Model):
    """One of the four technical workshops (bimtek) a cohort attends during mentoring."""

    cohort = models.ForeignKey(
        "selection.SelectionRound",
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("cohort"),
    )
    number = models.PositiveSmallIntegerField(
        _("workshop"),
        choices=WorkshopNumber.choices,
        help_text=_("Which of the four bimtek (technical workshops) of mentoring."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200)
    outputs = models.TextField(
        _("expected outputs"), blank=True, help_text=_("What each region brings home.")
    )
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["cohort", "number"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="workshop_number_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="workshop_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · bimtek {self.get_number_display()}"

    @property
    def theme(self) -> str:
        return str(self.get_number_display())


class WorkshopAttendance(models.Model):
    """Who a region sent to a workshop."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("workshop")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="workshop_attendance",
        verbose_name=_("region"),
    )
    present = models.BooleanField(_("present"), default=True)
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=0)
    names = models.TextField(_("names and OPD"), blank=True, help_text=_("One per line."))

    class Meta:
        ordering = ["workshop", "region__code"]
        verbose_name = _("workshop attendance")
        verbose_name_plural = _("workshop attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "region"], name="workshop_attendance_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(present=False, attendees=0) | models.Q(present=True),
                name="workshop_absent_has_no_attendees",
            ),
            check.between("workshop_attendance", "attendees", 0, 99),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.region}"


class Section(models.TextChoices):
    """The masterplan section a bimtek's output feeds (the anchors of the masterplan's page)."""

    ANALYSIS = "analysis", _("1. Readiness and strategic analysis")
    VISION = "vision", _("2. Vision, missions and targets")
    PROGRAMS = "programs", _("3. Programs by dimension")
    ROADMAP = "roadmap", _("4. Roadmap")
    QUICK_WINS = "quickwins", _("5. Quick wins")


# What each stage's output feeds, as the bimtek stages are run.
STAGE_SECTION = {
    WorkshopNumber.READINESS: Section.ANALYSIS,
    WorkshopNumber.RPJMD: Section.PROGRAMS,
    WorkshopNumber.INNOVATION: Section.PROGRAMS,
    WorkshopNumber.QUICK_WINS: Section.QUICK_WINS,
}


class Session(models.Model):
    """A bimtek stage as held for one region: on site, on its own dates, with its own mentors,
    agenda and expected output, and the minutes once held. The cohort's workshop of the same
    number is the stage's window; who came is the region's row of its attendance."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("workshop")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="bimtek_sessions", verbose_name=_("region")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200)
    mentors = models.ManyToManyField(
        "accounts.User", blank=True, related_name="+", verbose_name=_("mentors")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    outputs = models.TextField(_("expected output"), blank=True)
    section = models.CharField(_("feeds the masterplan section"), max_length=10, choices=Section)
    minutes = models.FileField(_("minutes"), upload_to="notulen/%Y/", blank=True)
    minutes_name = models.CharField(max_length=200, blank=True, default="")
    minutes_uploaded_at = models.DateTimeField(_("minutes uploaded"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["workshop", "region__code"]
        verbose_name = _("bimtek session of a region")
        verbose_name_plural = _("bimtek sessions of regions")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "region"], name="session_one_per_region"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.region}"
