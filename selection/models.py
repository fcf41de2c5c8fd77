from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kotacerdas import constraints as check
from kotacerdas.errors import DomainError

DEMO_SOURCE = "demo"
# Indicators of a region's own budget and government: none for a region that is not
# autonomous (DKI Jakarta's administrative cities and regency, UU 29/2007).
AUTONOMOUS_ONLY = frozenset({"kkd", "kinerja"})


class Direction(models.TextChoices):
    BENEFIT = "benefit", _("higher is better")
    COST = "cost", _("lower is better")


class AppliesTo(models.TextChoices):
    BOTH = "both", _("kota and kabupaten")
    KOTA = "kota", _("kota only")
    KABUPATEN = "kabupaten", _("kabupaten only")


class Indicator(models.Model):
    """A selection parameter in the program's catalogue (KKD, EKPPD, IKB, IKH, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.BENEFIT
    )
    applies_to = models.CharField(
        _("applies to"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.BOTH
    )
    source = models.CharField(_("publisher"), max_length=200)
    scale = models.CharField(_("scale"), max_length=60, blank=True)
    minimum = models.FloatField(_("lowest valid value"), null=True, blank=True)
    maximum = models.FloatField(_("highest valid value"), null=True, blank=True)
    is_flag = models.BooleanField(_("yes/no flag"), default=False)
    # False: one value holds for every year (a count of outermost islands); a round of any
    # year uses the latest published one.
    varies_by_year = models.BooleanField(_("varies by year"), default=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    def applies_to_kind(self, kind: str) -> bool:
        return self.applies_to in (AppliesTo.BOTH, kind)


class ImportRun(models.Model):
    """One file of indicator values taken in: what, from whom, when; values keep a link."""

    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    rows = models.PositiveIntegerField(_("rows"))
    replaced = models.PositiveIntegerField(_("values replaced"), default=0)
    sources = models.JSONField(_("sources"), default=list)
    years = models.JSONField(_("years"), default=list)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("indicator import")
        verbose_name_plural = _("indicator imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def current(self) -> "IndicatorValueQuerySet":
        return self.filter(replaced_by__isnull=True)


class IndicatorValue(models.Model):
    """A value of one indicator for one region, year and source.

    A re-import of the same indicator, year and source does not overwrite: the old value stays,
    marked ``replaced_by`` the newer import, so history is kept.
    """

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="indicator_values",
        verbose_name=_("region"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=120)
    import_run = models.ForeignKey(
        ImportRun, on_delete=models.PROTECT, related_name="values", verbose_name=_("import")
    )
    replaced_by = models.ForeignKey(
        ImportRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_values",
        verbose_name=_("replaced by"),
    )

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "year", "source"],
                condition=models.Q(replaced_by__isnull=True),
                name="indicator_value_one_current",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.region_id} {self.indicator_id} {self.year}: {self.value}"

    @property
    def is_demo(self) -> bool:
        return self.source == DEMO_SOURCE


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    COMPUTED = "computed", _("computed")
    PUBLISHED = "published", _("published")


class RoundMethod(models.TextChoices):
    SAW = "saw", _("SAW (simple additive weighting)")
    TOPSIS = "topsis", _("TOPSIS (closeness to the ideal)")
    HISTORICAL = "historical", _("historical (announced list)")


class Normalization(models.TextChoices):
    MINMAX = "minmax", _("min-max")
    ZSCORE = "zscore", _("z-score")
    VECTOR = "vector", _("vector")
    RANK = "rank", _("rank")


class Imputation(models.TextChoices):
    NONE = "none", _("none: a missing value is an error")
    MEDIAN = "median", _("median of the indicator")
    WORST = "worst", _("worst value of the indicator")


class PublishedRoundError(DomainError):
    """A published round is immutable: the guard of ``SelectionRound.save`` itself, below the
    services' own checks (``selection.rounds.RoundPublished``)."""

    code = "published"

    def __init__(self) -> None:
        super().__init__(gettext("A published round cannot be changed."))


class SelectionRoundQuerySet(models.QuerySet["SelectionRound"]):
    def published(self) -> "SelectionRoundQuerySet":
        return self.filter(status=RoundStatus.PUBLISHED)

    def visible_to(self, user: Any) -> "SelectionRoundQuerySet":
        """Published rounds for everyone; drafts too for those who prepare them."""
        from accounts import access

        return self if access.can(user, "round.view_draft") else self.published()


class SelectionRound(models.Model):
    """One phase's selection: its method, weights, quotas and eligibility, and its result.

    ``weights`` maps indicator codes to weights. ``quotas`` holds ``group_min`` and
    ``group_max`` (island group → count) and ``province_max`` (one count for every province).
    ``eligibility`` holds ``thresholds`` ([{indicator, op, value}]), ``exclude_previous``
    (regions selected in earlier published rounds) and ``excluded`` (codes, by hand).
    """

    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.PositiveSmallIntegerField(_("regions to select"))
    method = models.CharField(
        _("method"), max_length=12, choices=RoundMethod.choices, default=RoundMethod.SAW
    )
    normalization = models.CharField(
        _("normalisation"),
        max_length=8,
        choices=Normalization.choices,
        default=Normalization.MINMAX,
    )
    indicator_year = models.PositiveSmallIntegerField(_("indicator year"))
    imputation = models.CharField(
        _("missing values"), max_length=8, choices=Imputation.choices, default=Imputation.NONE
    )
    weights = models.JSONField(_("weights"), default=dict)
    quotas = models.JSONField(_("quotas"), default=dict)
    eligibility = models.JSONField(_("eligibility"), default=dict)
    sensitivity_draws = models.PositiveIntegerField(_("sensitivity draws"), default=10_000)
    program_target = models.PositiveSmallIntegerField(_("program target"), default=100)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    source_note = models.TextField(_("source"), blank=True)
    input_snapshot = models.JSONField(_("input snapshot"), null=True, blank=True, editable=False)
    input_hash = models.CharField(_("input hash"), max_length=64, blank=True, editable=False)
    result_hash = models.CharField(_("result hash"), max_length=64, blank=True, editable=False)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = SelectionRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        constraints = [
            check.between("selection_round", "total", 1, 514),
            check.year("selection_round"),
            check.between("selection_round", "sensitivity_draws", 0, 50_000),
            check.between("selection_round", "program_target", 1, 514),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            stored = (
                SelectionRound.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            )
            if stored == RoundStatus.PUBLISHED:
                raise PublishedRoundError
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED


class PublishedCohort(models.Model):
    """What the public sources say of a cohort that came before the platform: its official size
    (of which ``official_repeats`` were in an earlier cohort), the letters of the year and the
    data file it was loaded from. Partial when fewer members are known by name than counted."""

    round = models.OneToOneField(
        SelectionRound, on_delete=models.CASCADE, related_name="published_cohort"
    )
    official_count = models.PositiveSmallIntegerField(_("official size"))
    official_repeats = models.PositiveSmallIntegerField(
        _("of which in an earlier cohort"), default=0
    )
    count_source = models.TextField(_("source of the count"), blank=True, default="")
    letters = models.JSONField(_("letters"), default=list)
    data_file = models.CharField(_("data file"), max_length=120)

    class Meta:
        verbose_name = _("published cohort")
        verbose_name_plural = _("published cohorts")

    def __str__(self) -> str:
        return f"{self.round} ({self.official_count})"

    @property
    def dated_letters(self) -> list[dict[str, Any]]:
        """The letters with their dates as dates, in order."""
        return sorted(
            ({**letter, "date": date.fromisoformat(letter["date"])} for letter in self.letters),
            key=lambda letter: letter["date"],
        )


class RoundResult(models.Model):
    """A region's place in a computed round."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="results")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    eligible = models.BooleanField(default=True)
    ineligible_reason = models.CharField(max_length=200, blank=True)
    rank = models.PositiveIntegerField(null=True)
    score = models.FloatField(null=True)
    selected = models.BooleanField(default=False)
    reason = models.CharField(max_length=24)
    reason_limit = models.PositiveIntegerField(null=True)
    probability = models.FloatField(null=True)
    rank_low = models.FloatField(null=True)
    rank_high = models.FloatField(null=True)
    contributions = models.JSONField(default=dict)

    class Meta:
        ordering = ["round", "rank", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "region"], name="round_result_one_per_region")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.region_id} #{self.rank}"


class OverrideAction(models.TextChoices):
    ADD = "add", _("add to the selection")
    REMOVE = "remove", _("remove from the selection")


class RoundOverride(models.Model):
    """A committee decision against the computed result; it needs a written reason."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="overrides")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=8, choices=OverrideAction.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "region"], name="round_override_one_per_region"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.region} ({self.round})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not self.reason.strip():
            raise ValidationError({"reason": _("An override needs a written reason.")})
