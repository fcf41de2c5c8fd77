"""Readiness assessment (stage 2): a questionnaire per cohort in three parts, the region's
self-assessment with evidence, the assigned assessor's scores with notes, and from them a
readiness profile per part and a gap list for the masterplan's analysis."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region

SCALE_MAX = 4
GAP_BELOW = 2  # an item scored under 2 of 4 is a gap


class Part(models.TextChoices):
    STRUKTUR = "struktur", _("structure (struktur)")
    INFRASTRUKTUR = "infrastruktur", _("infrastructure (infrastruktur)")
    SUPRASTRUKTUR = "suprastruktur", _("superstructure (suprastruktur)")


SUBPARTS: dict[str, list[tuple[str, object]]] = {
    Part.STRUKTUR: [
        ("people", _("people")),
        ("budget", _("budget")),
        ("governance", _("governance")),
    ],
    Part.INFRASTRUKTUR: [
        ("physical", _("physical")),
        ("digital", _("digital")),
        ("social", _("social")),
    ],
    Part.SUPRASTRUKTUR: [
        ("policies", _("policies")),
        ("regulations", _("regional regulations")),
        ("institutions", _("institutions")),
        ("procedures", _("procedures")),
    ],
}
SUBPART_CHOICES = [(code, label) for subs in SUBPARTS.values() for code, label in subs]


class Questionnaire(models.Model):
    cohort = models.OneToOneField(
        "selection.SelectionRound",
        on_delete=models.PROTECT,
        related_name="questionnaire",
        verbose_name=_("cohort"),
    )
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("readiness questionnaire")
        verbose_name_plural = _("readiness questionnaires")

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    part = models.CharField(_("part"), max_length=14, choices=Part.choices)
    subpart = models.CharField(_("aspect"), max_length=14, choices=SUBPART_CHOICES)
    text = models.CharField(_("question"), max_length=300)
    guidance = models.CharField(_("evidence expected"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["part", "position", "pk"]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")

    def __str__(self) -> str:
        return self.text


class Assessment(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="assessments")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "questionnaire"], name="assessment_region_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.questionnaire}"


class Answer(models.Model):
    """The region's answer to one item, and the assessor's score of it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    self_score = models.PositiveSmallIntegerField(
        _("self-assessment"), null=True, blank=True, validators=[MaxValueValidator(SCALE_MAX)]
    )
    answer = models.TextField(_("answer"), blank=True, max_length=3000)
    evidence = models.CharField(_("evidence (document or link)"), max_length=500, blank=True)
    assessor_score = models.PositiveSmallIntegerField(
        _("assessor's score"), null=True, blank=True, validators=[MaxValueValidator(SCALE_MAX)]
    )
    assessor_note = models.TextField(_("assessor's note"), blank=True, max_length=3000)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["item__part", "item__position", "pk"]
        verbose_name = _("readiness answer")
        verbose_name_plural = _("readiness answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="answer_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.item_id}"

    @property
    def score(self) -> int | None:
        """The assessor's score where there is one, else the region's own."""
        return self.assessor_score if self.assessor_score is not None else self.self_score
