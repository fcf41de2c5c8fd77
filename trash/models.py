"""What was deleted, kept whole so that a national administrator can bring it back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletedQuerySet(models.QuerySet["Deleted"]):
    def restorable(self) -> "DeletedQuerySet":
        return self.filter(restored_at=None)


class Deleted(models.Model):
    """A deleted record with everything deleted along with it (a program's KPIs, budget lines,
    milestones, reports...), in Django's serialization, restored by deserializing it."""

    label = models.CharField(_("what"), max_length=300)
    kind = models.CharField(_("kind"), max_length=100)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    records = models.JSONField()
    count = models.PositiveIntegerField(_("records"), default=1)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restored by"),
    )
    restored_at = models.DateTimeField(_("restored"), null=True, blank=True)

    objects = DeletedQuerySet.as_manager()

    class Meta:
        ordering = ["-deleted_at", "-pk"]
        verbose_name = _("deleted record")
        verbose_name_plural = _("deleted records")

    def __str__(self) -> str:
        return self.label
