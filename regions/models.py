from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IslandGroup(models.TextChoices):
    SUMATERA = "sumatera", "Sumatera"
    JAWA = "jawa", "Jawa"
    BALI_NUSA_TENGGARA = "bali-nusa-tenggara", "Bali-Nusa Tenggara"
    KALIMANTAN = "kalimantan", "Kalimantan"
    SULAWESI = "sulawesi", "Sulawesi"
    MALUKU = "maluku", "Maluku"
    PAPUA = "papua", "Papua"

    @classmethod
    def from_label(cls, label: str) -> "IslandGroup":
        for choice in cls:
            if choice.label == label:
                return choice
        raise ValueError(label)


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    island_group = models.CharField(_("island group"), max_length=24, choices=IslandGroup.choices)
    capital = models.CharField(_("capital"), max_length=100, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class RegionKind(models.TextChoices):
    KOTA = "kota", _("Kota")
    KABUPATEN = "kabupaten", _("Kabupaten")


class RegionQuerySet(models.QuerySet["Region"]):
    def search(self, text: str) -> "RegionQuerySet":
        """Match a name fragment or a Kemendagri code prefix ("bandung", "32.73")."""
        text = " ".join(text.split())
        if not text:
            return self
        return self.filter(
            models.Q(name__icontains=text)
            | models.Q(code__startswith=text)
            | models.Q(province__name__icontains=text)
        )

    def in_island_group(self, group: str) -> "RegionQuerySet":
        return self.filter(province__island_group=group)

    def autonomous(self) -> "RegionQuerySet":
        """Regions with their own government, council and budget: the only candidates."""
        return self.filter(autonomous=True)

    def frontier(self) -> "RegionQuerySet":
        """Regions with outermost small islands, a Nawa Cita priority."""
        return self.filter(outermost_small_islands__gt=0)


class Region(models.Model):
    """A kota or kabupaten: the unit that joins the program and writes a masterplan."""

    code = models.CharField(_("Kemendagri code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKind.choices)
    # False for DKI Jakarta's administrative cities and regency: parts of the province, with
    # no council or budget of their own (UU 29/2007), never candidates for selection.
    autonomous = models.BooleanField(_("autonomous region"), default=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regions", verbose_name=_("province")
    )
    districts = models.PositiveIntegerField(_("districts"))
    villages = models.PositiveIntegerField(_("villages"))
    islands = models.PositiveIntegerField(_("islands"))
    populated_islands = models.PositiveIntegerField(_("populated islands"))
    outermost_small_islands = models.PositiveIntegerField(_("outermost small islands"))
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    capital = models.CharField(_("capital"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=12, decimal_places=3, null=True, blank=True
    )

    # Written by the region's own smart city team; everything above comes from the registry.
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("smart city team e-mail"), blank=True)
    description = models.TextField(_("profile"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped by every profile save, so an edit based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", args=[self.code])

    @property
    def island_group(self) -> str:
        return self.province.island_group

    @property
    def head_title(self) -> str:
        """Who heads the region and signs its decrees: the Wali Kota of a kota, the Bupati of a
        kabupaten."""
        return "Wali Kota" if self.kind == RegionKind.KOTA else "Bupati"

    @property
    def short_name(self) -> str:
        """The name without its Kota/Kabupaten prefix, as used in running text."""
        return self.name.split(" ", 1)[1] if " " in self.name else self.name
