"""Annual evaluation (monev): a rubric per year, scores per region × dimension × component
(the region's own, then the assessor's after verification), and the awards that follow."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluation.index import WEIGHTS_SINCE_2021
from kotacerdas import constraints as check
from masterplans.models import Dimension
from regions.models import Region


class Component(models.TextChoices):
    BASELINE = "baseline", _("baseline")
    OUTPUT = "output", _("output")
    OUTCOME = "outcome", _("outcome")
    IMPACT = "impact", _("impact")
    QUICK_WIN = "quick_win", _("quick win")


class RubricStatus(models.TextChoices):
    OPEN = "open", _("open for scoring")
    PUBLISHED = "published", _("published")


# Award categories the evaluation can propose a region for; a year may add its own, named by
# the national team ("custom:<name>"), which the jury awards without a proposal.
CATALOGUE_CATEGORIES = [
    "overall",
    *[f"dimension:{value}" for value in Dimension.values],
    "quick_win",
    "most_improved",
]
CUSTOM_PREFIX = "custom:"
STAGES = (1, 2)


def default_award_categories() -> list[str]:
    return list(CATALOGUE_CATEGORIES)


def default_weights() -> dict[str, int]:
    """A row made without weights gets today's (the form and the API choose by year)."""
    return dict(WEIGHTS_SINCE_2021)


class Rubric(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2017), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    weights = models.JSONField(
        _("component weights"),
        default=default_weights,
        help_text=_("Weight per component; they are read as shares of their sum."),
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=4, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RubricStatus.choices, default=RubricStatus.OPEN
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)
    # The year's evaluation runs in one or two stages (tahap I, tahap II), each with the
    # regions' self-assessment and evidence and the assessors' interview; the open one is
    # scored, and a later stage supersedes the earlier.
    open_stage = models.PositiveSmallIntegerField(
        _("stage open for scoring"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(2)],
    )
    award_categories = models.JSONField(_("award categories"), default=default_award_categories)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("evaluation rubric")
        verbose_name_plural = _("evaluation rubrics")
        constraints = [
            check.between("rubric", "scale_max", 1, 100),
            check.between("rubric", "year", 2017, 2100),
            check.between("rubric", "open_stage", 1, 2),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == RubricStatus.PUBLISHED

    def component_weights(self) -> list[tuple[str, str, Any]]:
        """(component, label, weight) per weighted component, in the components' order; a key
        that is no component (an older rubric's) keeps its raw name as label."""
        labels = dict(Component.choices)
        keys = [c for c in Component.values if c in self.weights]
        keys += [k for k in self.weights if k not in labels]
        return [(key, str(labels.get(key, key)), self.weights[key]) for key in keys]

    def weighted_components(self) -> list[tuple[str, Any]]:
        """(label, weight) per weighted component, as the pages show them."""
        return [(label, weight) for _key, label, weight in self.component_weights()]

    def scale_is_fixed(self) -> bool:
        """Once a region or an assessor has scored, the scale no longer changes."""
        return self.pk is not None and self.scores.exists()

    def previous_published(self) -> "Rubric | None":
        """The newest published evaluation before this one: the year-on-year change is on it."""
        return (
            Rubric.objects.filter(year__lt=self.year, status=RubricStatus.PUBLISHED)
            .order_by("-year")
            .first()
        )


class ScoreQuerySet(models.QuerySet["Score"]):
    def current(self) -> "ScoreQuerySet":
        """The scores of each rubric's open stage: the ones that count (a later stage's
        supersede an earlier's, which stay as history)."""
        return self.filter(stage=models.F("rubric__open_stage"))


class Score(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="scores")
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="evaluation_scores")
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    component = models.CharField(_("component"), max_length=10, choices=Component.choices)
    self_score = models.DecimalField(
        _("self-assessment"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    self_note = models.TextField(_("evidence and note of the region"), blank=True)
    assessor_score = models.DecimalField(
        _("assessor's score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    assessor_note = models.TextField(_("assessor's note"), blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["rubric", "region", "dimension", "component"]
        verbose_name = _("evaluation score")
        verbose_name_plural = _("evaluation scores")
        constraints = [
            models.UniqueConstraint(
                fields=["rubric", "stage", "region", "dimension", "component"],
                name="score_cell_unique_per_stage",
            ),
            check.between("score", "stage", 1, 2),
            # Within the rubric's scale is checked on saving (another table); never past 100.
            check.between("score", "self_score", 0, 100, null=True),
            check.between("score", "assessor_score", 0, 100, null=True),
        ]

    def __str__(self) -> str:
        return f"{self.rubric.year} {self.region_id} {self.dimension}/{self.component}"


class Award(models.Model):
    """One award category of a year: proposed from the evaluation, decided by the jury."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="awards")
    category = models.CharField(_("category"), max_length=30)
    proposed = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("awarded to"),
    )
    reason = models.TextField(_("jury's reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["rubric", "category"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "category"], name="award_category_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rubric.year} {self.category}"

    @property
    def is_override(self) -> bool:
        return self.region_id is not None and self.region_id != self.proposed_id
