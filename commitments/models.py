"""What a region in a cohort commits to after its MoU: a Dewan Smart City and a Tim Pelaksana
Smart City, each formed by a decree (SK) of the region's head (Keputusan Wali Kota/Bupati)
and listing its members; the signed commitment statement; the contact persons (narahubung).

Until these are recorded, the masterplan of a region in a cohort cannot be submitted
(``masterplans.checks``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Dewan Smart City")
    TEAM = "team", _("Tim Pelaksana Smart City")


class Body(models.Model):
    """The region's Dewan Smart City or its Tim Pelaksana Smart City, with the SK forming it."""

    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="commitment_bodies"
    )
    kind = models.CharField(_("body"), max_length=10, choices=BodyKind.choices)
    decree_number = models.CharField(_("SK number"), max_length=200, blank=True, default="")
    decree_date = models.DateField(_("SK date"), null=True, blank=True)
    decree_scan = models.FileField(_("SK scan"), upload_to="komitmen/%Y/", blank=True)
    decree_scan_name = models.CharField(max_length=255, blank=True, default="")
    is_demo = models.BooleanField(_("demo"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["region", "kind"]
        verbose_name = _("smart city body")
        verbose_name_plural = _("smart city bodies")
        constraints = [
            models.UniqueConstraint(fields=["region", "kind"], name="commitment_body_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region}"

    @property
    def has_decree(self) -> bool:
        return bool(self.decree_number.strip()) and self.decree_date is not None


class MemberRole(models.TextChoices):
    ADVISER = "pengarah", _("adviser (pengarah)")
    CHAIR = "ketua", _("chair (ketua)")
    VICE_CHAIR = "wakil_ketua", _("vice chair (wakil ketua)")
    SECRETARY = "sekretaris", _("secretary (sekretaris)")
    MEMBER = "anggota", _("member (anggota)")


class Member(models.Model):
    """A person named in the SK, with their role in the body, OPD and position."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    role_in_body = models.CharField(
        _("role in the body"), max_length=20, choices=MemberRole.choices
    )
    opd = models.CharField(_("OPD"), max_length=200, blank=True, default="")
    position = models.CharField(_("position"), max_length=200, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)

    # The body's version covers its members (``body_save``): a member restored moves it on.
    versioned_parent = "body"

    class Meta:
        ordering = ["body", "order", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_in_body_display()})"


class Statement(models.Model):
    """The region head's signed statement of commitment to the program."""

    region = models.OneToOneField(
        "regions.Region", on_delete=models.PROTECT, related_name="commitment_statement"
    )
    text = models.TextField(_("statement"), blank=True, default="")
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True, default="")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    scan = models.FileField(_("signed scan"), upload_to="komitmen/%Y/", blank=True)
    scan_name = models.CharField(max_length=255, blank=True, default="")
    is_demo = models.BooleanField(_("demo"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("commitment statement")
        verbose_name_plural = _("commitment statements")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.region}"

    @property
    def is_signed(self) -> bool:
        return bool(self.signed_by.strip()) and self.signed_on is not None


class Contact(models.Model):
    """A contact person (narahubung) of the region for the program; never public."""

    # What a contact is made of, as its form and the API give it.
    FIELDS = ("name", "position", "opd", "email", "phone", "primary")

    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="commitment_contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True, default="")
    opd = models.CharField(_("OPD"), max_length=200, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    primary = models.BooleanField(_("primary contact"), default=False)
    order = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["region", "order", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name
