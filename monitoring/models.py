"""What happens after the masterplan: quarterly progress of each program, milestones, KPI
actuals against the masterplan's targets, evidence, and reminders for reports that are late."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from kotacerdas import constraints as check
from masterplans.models import Kpi, Program
from regions.models import Region


def quarter_label(quarter: int, year: int | None = None) -> str:
    """A quarter as people write it: "T2 2027" (triwulan) in Indonesian, "Q2 2027" in English."""
    label = pgettext("quarter of a year", "Q%(quarter)s") % {"quarter": quarter}
    return f"{label} {year}" if year is not None else label


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    ON_TRACK = "on_track", _("on track")
    DELAYED = "delayed", _("delayed")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Milestone(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [check.between("milestone", "weight", 1, 100)]

    def __str__(self) -> str:
        return self.title

    def is_done_by(self, moment: date) -> bool:
        return self.done_on is not None and self.done_on <= moment


class ProgressReport(models.Model):
    """One program's progress in one quarter, reported by the region's team."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="progress_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    percent_entered = models.PositiveSmallIntegerField(
        _("percent complete"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    budget_realised = models.BigIntegerField(
        _("budget realised (Rp)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["program", "-year", "-quarter"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year", "quarter"], name="progress_report_quarter_unique"
            ),
            check.between("progress_report", "quarter", 1, 4),
            check.between("progress_report", "percent_entered", 0, 100, null=True),
            check.not_negative("progress_report", "budget_realised", null=True),
            check.year("progress_report"),
        ]

    def __str__(self) -> str:
        return f"{self.program.code} {self.year} T{self.quarter}"

    @property
    def period_label(self) -> str:
        return quarter_label(self.quarter, self.year)


class KpiActual(models.Model):
    """The value a KPI reached in a year, beside the masterplan's target for that year."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("actual"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["kpi", "year"]
        verbose_name = _("KPI actual")
        verbose_name_plural = _("KPI actuals")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "year"], name="kpi_actual_year_unique"),
            check.year("kpi_actual"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.name} {self.year}: {self.value}"


class Stage(models.TextChoices):
    """A program's implementation stages, in order (``monitoring.stages.ORDER``); "dropped"
    ends a program at any stage."""

    PLANNED = "planned", _("planned")
    DED = "ded", _("design (DED)")
    TENDER = "tender", _("procurement / tender")
    CONTRACT = "contract", _("contract")
    BUILD = "build", _("build / rollout")
    OPERATION = "operation", _("in operation")
    DROPPED = "dropped", _("dropped")


class ProgramStage(models.Model):
    """One stage of a program: when it is planned and when it was reached."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    planned_date = models.DateField(_("planned"), null=True, blank=True)
    actual_date = models.DateField(_("reached on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["program", "pk"]
        verbose_name = _("program stage")
        verbose_name_plural = _("program stages")
        constraints = [
            models.UniqueConstraint(fields=["program", "stage"], name="program_stage_unique"),
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="program_stage_stage_choice"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.stage}"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    PDF = "pdf", _("PDF document")


class LocationSource(models.TextChoices):
    EXIF = "exif", _("from the photo (EXIF)")
    MAP = "map", _("picked on the map")
    NONE = "none", _("no location")


class Phase(models.TextChoices):
    BEFORE = "before", _("before")
    AFTER = "after", _("after")


class Evidence(models.Model):
    """A photo or PDF proving progress, kept through Django's storage API (object storage in
    production)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="bukti/%Y/%m/")
    kind = models.CharField(_("kind"), max_length=8, choices=EvidenceKind.choices)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Where and when a photo was taken: from its EXIF, or a place picked on the map.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    location_source = models.CharField(
        _("location from"), max_length=4, choices=LocationSource.choices, default="none"
    )
    # A before/after pair: each photo names the other.
    phase = models.CharField(_("before or after"), max_length=6, choices=Phase.choices, blank=True)
    pair = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paired with"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            check.between("evidence", "latitude", -90, 90, null=True),
            check.between("evidence", "longitude", -180, 180, null=True),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="evidence_location_both_or_none",
            ),
            models.CheckConstraint(
                condition=models.Q(location_source__in=LocationSource.values),
                name="evidence_location_source_choice",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class DeliveryRanking(models.Model):
    """The national ranking of regions by delivery for one quarter ("2027-Q2"), as computed
    (``monitoring.delivery``); kept per period, so a region's movement shows."""

    period = models.CharField(_("period"), max_length=7, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    computed_at = models.DateTimeField(_("computed at"))
    method_version = models.PositiveSmallIntegerField(_("method version"))
    weights = models.JSONField(_("weights"), default=dict)

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("delivery ranking")
        verbose_name_plural = _("delivery rankings")
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="delivery_ranking_quarter"),
            check.between("delivery_ranking", "quarter", 1, 4),
            check.year("delivery_ranking"),
        ]

    def __str__(self) -> str:
        return self.period

    @property
    def period_label(self) -> str:
        return quarter_label(self.quarter, self.year)


class DeliveryScore(models.Model):
    """One region's place in a delivery ranking, with what its score is made of."""

    ranking = models.ForeignKey(DeliveryRanking, on_delete=models.CASCADE, related_name="rows")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    stages_due = models.PositiveIntegerField(_("stages due"))
    stages_on_time = models.PositiveIntegerField(_("stages on time"))
    planned = models.BigIntegerField(_("planned (Rp)"))
    realised = models.BigIntegerField(_("realised (Rp)"))
    reports_due = models.PositiveIntegerField(_("reports due"))
    reports_on_time = models.PositiveIntegerField(_("reports on time"))
    # Each part as a share from 0 to 1; empty when nothing of it was due.
    on_time = models.DecimalField(
        _("stages on time"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    realisation = models.DecimalField(
        _("realisation vs plan"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    punctuality = models.DecimalField(
        _("reports on time"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    # Computed from a demo masterplan or demo progress reports: a demo value, shown as such.
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["ranking", "rank", "region__code"]
        verbose_name = _("delivery score")
        verbose_name_plural = _("delivery scores")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "region"], name="delivery_score_region"),
            check.between("delivery_score", "score", 0, 100),
        ]

    def __str__(self) -> str:
        return f"{self.ranking_id} {self.region_id}: {self.rank}"
