import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: ministry staff, a regional team member, a mentor, an assessor."""

    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Created by load_demo for trying the platform; never a real person."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry or national agency")
    REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
    UNIVERSITY_AGENCY = "university_agency", _("University or research agency")
    COMPANY = "company", _("Company")
    COMMUNITY = "community", _("Community")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("region"),
        help_text=_("For a regional government: the kota or kabupaten it governs."),
    )
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == OrganisationKind.REGIONAL_GOVERNMENT and self.region_id is None:
            raise ValidationError({"region": _("A regional government belongs to a region.")})


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    PROGRAM_OFFICER = "program_officer", _("Program officer")
    REGIONAL_LEAD = "regional_lead", _("Regional smart city lead")
    REGIONAL_EDITOR = "regional_editor", _("Regional editor")
    MENTOR = "mentor", _("Mentor")
    TECH_ADVISOR = "tech_advisor", _("Technology advisor")
    ASSESSOR = "assessor", _("Assessor / jury")
    VIEWER = "viewer", _("Viewer")


# Roles that only make sense nationally, and roles that only make sense for one region.
NATIONAL_ONLY_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.PROGRAM_OFFICER})
REGION_ONLY_ROLES = frozenset({Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def national(self) -> "MembershipQuerySet":
        return self.filter(region__isnull=True)

    def for_region(self, region_id: int) -> "MembershipQuerySet":
        return self.filter(region_id=region_id)


class Membership(models.Model):
    """A role held by a user, nationally (no region) or for one kota/kabupaten."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("region"),
        help_text=_("Empty for a national role."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region"], name="membership_unique_role_per_region"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(region=None),
                name="membership_unique_national_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.region.name if self.region_id and self.region else _("national")
        return f"{self.user} · {self.get_role_display()} · {scope}"

    @property
    def is_national(self) -> bool:
        return self.region_id is None

    def clean(self) -> None:
        if self.role in NATIONAL_ONLY_ROLES and self.region_id is not None:
            raise ValidationError({"region": _("This role is national: leave the region empty.")})
        if self.role in REGION_ONLY_ROLES and self.region_id is None:
            raise ValidationError({"region": _("This role belongs to one region: choose it.")})


DEFAULT_TOKEN_DAYS = 90
TOKEN_DAYS = (30, 90, 180, 365)


def token_expiry() -> datetime:
    return timezone.now() + timedelta(days=DEFAULT_TOKEN_DAYS)


class TokenScope(models.TextChoices):
    READ = "read", _("read only")
    WRITE = "write", _("read and write")


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the key is shown once. It
    reads only, or reads and writes (its scope), and stops working when it expires."""

    PREFIX = "kc_"

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    scope = models.CharField(
        _("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ
    )
    expires_at = models.DateTimeField(_("expires"), default=token_expiry)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(
        cls,
        *,
        user: User,
        name: str,
        scope: str = TokenScope.WRITE,
        days: int = DEFAULT_TOKEN_DAYS,
    ) -> tuple["ApiToken", str]:
        key = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=cls.hash_key(key),
            hint=key[:8],
            scope=scope,
            expires_at=timezone.now() + timedelta(days=days),
        )
        return token, key

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE
