"""A region's 10-year smart city masterplan: analysis, vision, programs in six dimensions.

The content is structured so that it can be checked ("kelengkapan"), versioned, diffed, reviewed,
printed as a book and followed up year by year. A masterplan is edited only while it is a draft or
in revision; every status change keeps a snapshot (MasterplanVersion). An enacted masterplan is
changed through a new edition, never in place.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas import constraints as check
from regions.models import Region


class Dimension(models.TextChoices):
    GOVERNANCE = "governance", _("Smart Governance")
    BRANDING = "branding", _("Smart Branding")
    ECONOMY = "economy", _("Smart Economy")
    LIVING = "living", _("Smart Living")
    SOCIETY = "society", _("Smart Society")
    ENVIRONMENT = "environment", _("Smart Environment")


# Kominfo's framework: three elements per dimension. Keys are stable codes stored in the database.
ELEMENTS: dict[str, list[tuple[str, Any]]] = {
    Dimension.GOVERNANCE: [
        ("public_services", _("public services")),
        ("bureaucracy", _("bureaucracy management")),
        ("public_policy", _("public policy")),
    ],
    Dimension.BRANDING: [
        ("tourism", _("tourism branding")),
        ("business", _("business branding")),
        ("city_appearance", _("city appearance")),
    ],
    Dimension.ECONOMY: [
        ("industry", _("industry ecosystem")),
        ("welfare", _("welfare")),
        ("transactions", _("financial transaction ecosystem")),
    ],
    Dimension.LIVING: [
        ("spatial", _("spatial harmony")),
        ("health", _("health")),
        ("mobility", _("mobility and transport")),
    ],
    Dimension.SOCIETY: [
        ("community", _("community")),
        ("learning", _("learning ecosystem")),
        ("security", _("security")),
    ],
    Dimension.ENVIRONMENT: [
        ("protection", _("environmental protection")),
        ("waste", _("waste")),
        ("energy", _("energy")),
    ],
}
ELEMENT_CHOICES = [(code, label) for elements in ELEMENTS.values() for code, label in elements]
ELEMENT_DIMENSION = {code: dim for dim, elements in ELEMENTS.items() for code, _l in elements}


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    REVISION = "revision", _("revision")
    APPROVED = "approved", _("approved")
    ENACTED = "enacted", _("enacted")


# What anyone may read.
PUBLIC_STATUSES = (Status.APPROVED, Status.ENACTED)


EDITABLE_STATUSES = (Status.DRAFT, Status.REVISION)


class Term(models.TextChoices):
    SHORT = "short", _("short term")
    MEDIUM = "medium", _("medium term")
    LONG = "long", _("long term")


class FundingSource(models.TextChoices):
    APBD = "apbd", "APBD"
    APBN = "apbn", "APBN"
    DAK = "dak", "DAK"
    KPBU = "kpbu", "KPBU"
    CSR = "csr", "CSR"
    PRIVATE = "swasta", _("private (swasta)")
    OTHER = "other", _("other")


FUNDING_HELP = _(
    "APBD regional budget, APBN national budget, DAK special allocation fund, "
    "KPBU public-private partnership, CSR company funds."
)


class AnalysisKind(models.TextChoices):
    STRENGTH = "strength", _("strength")
    WEAKNESS = "weakness", _("weakness")
    OPPORTUNITY = "opportunity", _("opportunity")
    THREAT = "threat", _("threat")
    CHALLENGE = "challenge", _("challenge")


# What a program can answer: the region's challenges and opportunities.
ANSWERABLE_KINDS = (AnalysisKind.CHALLENGE, AnalysisKind.OPPORTUNITY)


class MasterplanQuerySet(models.QuerySet["Masterplan"]):
    def public(self) -> "MasterplanQuerySet":
        """What anyone may read: approved and enacted masterplans."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def superseded(self) -> "MasterplanQuerySet":
        """Approved or enacted editions whose next edition is approved or enacted too: an
        enacted edition stays enacted when the next is approved, but no longer is in force."""
        return self.filter(status__in=PUBLIC_STATUSES, next_edition__status__in=PUBLIC_STATUSES)

    def in_force(self) -> "MasterplanQuerySet":
        """Each region's newest approved or enacted edition: the one it follows."""
        return self.public().exclude(pk__in=self.superseded().values("pk"))

    def visible_to(self, user: Any) -> "MasterplanQuerySet":
        """What ``user`` may read: the public ones, those in public consultation, and drafts
        of the regions where their role lets them read drafts (all of them, nationally)."""
        from accounts import access

        # Here, not at the top: participation.models imports this module (a cycle).
        from participation.models import ConsultationWindow

        masterplans = self.select_related("region__province")
        if access.can(user, "masterplan.view_draft"):
            return masterplans
        in_consultation = ConsultationWindow.objects.open_now().values("masterplan_id")
        return masterplans.filter(
            models.Q(status__in=PUBLIC_STATUSES)
            | models.Q(region__in=access.regions_for(user, "masterplan.view_draft"))
            | models.Q(pk__in=in_consultation)
        )


class Masterplan(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="masterplans", verbose_name=_("region")
    )
    cohort = models.ForeignKey(
        "selection.SelectionRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="masterplans",
        verbose_name=_("cohort"),
        help_text=_("The published selection round that brought the region into the program."),
    )
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_edition",
        verbose_name=_("previous edition"),
    )
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    period_years = models.PositiveSmallIntegerField(
        _("period (years)"), choices=[(10, _("10 years")), (5, _("5 years"))], default=10
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    vision = models.TextField(_("vision"), blank=True)
    strategy = models.TextField(_("strategy"), blank=True)
    budget_envelope = models.BigIntegerField(
        _("yearly budget envelope (Rp)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The most the region expects to spend on the masterplan in one year."),
    )
    regulation_number = models.CharField(
        _("Perwali/Perbup number"),
        max_length=120,
        blank=True,
        help_text=_("The regional head's regulation (Perwali or Perbup) enacting the masterplan."),
    )
    regulation_date = models.DateField(
        _("Perwali/Perbup date"),
        null=True,
        blank=True,
        help_text=_("The date the regulation was signed."),
    )
    consultation_summary = models.TextField(_("public consultation summary"), blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MasterplanQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "-edition"]
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplans")
        constraints = [
            models.UniqueConstraint(fields=["region", "edition"], name="masterplan_edition_unique"),
            check.year("masterplan", "start_year"),
            models.CheckConstraint(
                condition=models.Q(period_years__in=[5, 10]), name="masterplan_period_years_choice"
            ),
            check.not_negative("masterplan", "budget_envelope", null=True),
            check.not_blank("masterplan", "title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def end_year(self) -> int:
        return self.start_year + self.period_years - 1

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class Mission(models.Model):
    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="missions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("mission"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")

    def __str__(self) -> str:
        return self.text[:80]


class Target(models.Model):
    """A target of the masterplan as a whole ("80% of licences online by 2030")."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("target"))
    dimension = models.CharField(
        _("dimension"), max_length=12, choices=Dimension.choices, blank=True
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.text[:80]


class AnalysisItem(models.Model):
    """A SWOT item, challenge or opportunity of the strategic analysis, tagged with a dimension."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="analysis")
    kind = models.CharField(_("kind"), max_length=12, choices=AnalysisKind.choices)
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    text = models.TextField(_("description"))
    readiness_ref = models.CharField(
        _("readiness gap"),
        max_length=40,
        blank=True,
        help_text=_("The readiness item this follows from, if any."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "dimension", "position", "pk"]
        verbose_name = _("analysis item")
        verbose_name_plural = _("analysis items")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:70]}"


class Program(models.Model):
    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="programs")
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. GOV-01"))
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    element = models.CharField(_("element"), max_length=20, choices=ELEMENT_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    answers = models.ForeignKey(
        AnalysisItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("answers the challenge or opportunity"),
        limit_choices_to={"kind__in": ANSWERABLE_KINDS},
    )
    technology = models.CharField(_("technology used"), max_length=300, blank=True)
    opd = models.CharField(
        _("OPD in charge"),
        max_length=200,
        blank=True,
        help_text=_("The regional government agency that runs the program, e.g. Diskominfo."),
    )
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    term = models.CharField(_("term"), max_length=8, choices=Term.choices, default=Term.SHORT)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    end_year = models.PositiveSmallIntegerField(_("end year"))
    funding_source = models.CharField(
        _("main funding source"),
        max_length=8,
        choices=FundingSource.choices,
        default=FundingSource.APBD,
        help_text=FUNDING_HELP,
    )
    rpjmd_program = models.CharField(
        _("RPJMD program supported"),
        max_length=300,
        blank=True,
        help_text=_("The program of the region's medium-term plan (RPJMD) this one serves."),
    )
    is_quick_win = models.BooleanField(
        _("quick win"),
        default=False,
        help_text=_("Residents feel its benefit within the first one or two years."),
    )
    progress_mode = models.CharField(
        _("progress from"),
        max_length=10,
        choices=[("entered", _("entered by the team")), ("milestones", _("milestones done"))],
        default="entered",
        help_text=_(
            "Whether the percent complete is entered in each report or follows the milestones."
        ),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["position", "code", "pk"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], name="program_code_unique"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="program_ends_after_start",
            ),
            check.year("program", "start_year"),
            check.year("program", "end_year"),
            check.not_blank("program", "code"),
            check.not_blank("program", "title"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def total_budget(self) -> int:
        return sum(line.amount for line in self.budget_lines.all())


class BudgetLine(models.Model):
    """A program's budget estimate for one year from one funding source, in Rupiah."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.BigIntegerField(_("amount (Rp)"), validators=[MinValueValidator(0)])
    source = models.CharField(
        _("funding source"),
        max_length=8,
        choices=FundingSource.choices,
        default="apbd",
        help_text=FUNDING_HELP,
    )

    class Meta:
        ordering = ["year", "source"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year", "source"], name="budget_line_unique"
            ),
            check.not_negative("budget_line", "amount"),
            check.year("budget_line"),
        ]

    def __str__(self) -> str:
        return f"{self.program.code} {self.year} {self.source}"


class ActionStep(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("step"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("action step")
        verbose_name_plural = _("action steps")
        constraints = [check.year("action_step", null=True)]

    def __str__(self) -> str:
        return self.text[:80]


class Kpi(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class KpiTarget(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("target"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "year"], name="kpi_target_year_unique"),
            check.year("kpi_target"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.name} {self.year}: {self.value}"


class MasterplanVersion(models.Model):
    """The whole masterplan as it stood at a status change, for reading and diffing later."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    snapshot = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["masterplan", "number"]
        verbose_name = _("masterplan version")
        verbose_name_plural = _("masterplan versions")
        constraints = [
            models.UniqueConstraint(
                fields=["masterplan", "number"], name="masterplan_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.masterplan} v{self.number}"


class WorkbookUpload(models.Model):
    """A workbook waiting for its importer's choices (programs changed online since it was
    exported, programs it leaves out); kept in the database so that any app server can finish
    the import, and removed once imported or a day old."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workbook upload")
        verbose_name_plural = _("workbook uploads")

    def __str__(self) -> str:
        return self.file_name
