"""Readiness assessment (stage 2): a questionnaire per cohort in three parts, the region's
self-assessment with evidence, the assigned assessor's scores with notes, and from them a
readiness profile per part and a gap list for the masterplan's analysis."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas import constraints as check
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


class ItemQuerySet(models.QuerySet["Item"]):
    def in_program_order(self) -> "ItemQuerySet":
        """Struktur, infrastruktur, suprastruktur (the program's order, not the alphabet)."""
        rank = models.Case(
            *(models.When(part=value, then=n) for n, value in enumerate(Part.values)),
            output_field=models.IntegerField(),
        )
        return self.alias(part_rank=rank).order_by("part_rank", "position", "pk")


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
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["part", "position", "pk"]
        constraints = [check.between("readiness_item", "weight", 1, 10)]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.subpart not in [code for code, _label in SUBPARTS.get(self.part, [])]:
            raise ValidationError({"subpart": _("This aspect belongs to another part.")})


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("self-assessment in progress")
    SUBMITTED = "submitted", _("submitted, awaiting the assessor")
    SCORED = "scored", _("scored by the assessor")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def with_progress(self) -> "AssessmentQuerySet":
        """Annotate how many items the questionnaire has and how many the assessor scored."""
        items = (
            Item.objects.filter(questionnaire=models.OuterRef("questionnaire"))
            .order_by()
            .values("questionnaire")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            n_items=models.Subquery(items),
            n_scored=models.Count(
                "answers", filter=models.Q(answers__assessor_score__isnull=False)
            ),
        )


class Assessment(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="assessments")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = AssessmentQuerySet.as_manager()

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

    @property
    def status(self) -> AssessmentStatus:
        """Draft until the region submits; scored once the assessor scored every item."""
        if self.submitted_at is None:
            return AssessmentStatus.DRAFT
        items = getattr(self, "n_items", None)
        scored = getattr(self, "n_scored", None)
        if items is None or scored is None:
            items = self.questionnaire.items.count()
            scored = self.answers.filter(assessor_score__isnull=False).count()
        return AssessmentStatus.SCORED if items and scored >= items else AssessmentStatus.SUBMITTED


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
            models.UniqueConstraint(fields=["assessment", "item"], name="answer_item_unique"),
            check.between("answer", "self_score", 0, SCALE_MAX, null=True),
            check.between("answer", "assessor_score", 0, SCALE_MAX, null=True),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.item_id}"

    @property
    def score(self) -> int | None:
        """The assessor's score where there is one, else the region's own."""
        return self.assessor_score if self.assessor_score is not None else self.self_score
