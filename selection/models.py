from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEMO_SOURCE = "demo"


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
