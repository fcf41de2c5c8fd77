"""Soft deletion for anything with history: ``trash_delete`` deletes a record and keeps it, with
everything deleted along with it, and ``trash_restore`` brings it all back with the same ids,
so links to it work again and its history continues."""

import json

from django.core import serializers
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.access import AnyUser
from kotacerdas.errors import DomainError
from regions.models import Region
from trash.models import Deleted


class TrashError(DomainError):
    code = "restore"
    status = 409


def _collected(obj: models.Model) -> list[models.Model]:
    """``obj`` and every record its deletion takes along, in the order they are deleted
    (those that point at others first)."""
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    collector.sort()
    found: list[models.Model] = []
    for queryset in collector.fast_deletes:
        found.extend(queryset)
    for instances in collector.data.values():
        found.extend(instances)
    return found


def trash_delete(
    *, obj: models.Model, user: AnyUser, label: str, region: Region | None = None
) -> Deleted:
    """Delete ``obj`` (and what cascades from it), keeping it all to be restored."""
    with transaction.atomic():
        records = _collected(obj)
        entry = Deleted.objects.create(
            label=label[:300],
            kind=obj._meta.label_lower,
            region=region,
            records=json.loads(serializers.serialize("json", records)),
            count=len(records),
            deleted_by=user if user.is_authenticated else None,
        )
        obj.delete()
    return entry


def _refusal(obj: models.Model) -> str:
    """Why ``obj`` may not come back now, or "": a masterplan's part returns only to a draft."""
    masterplan = getattr(obj, "masterplan", None)
    if masterplan is not None and not masterplan.is_editable:
        return _(
            "The masterplan is %(status)s now: a part of it comes back only while it is a draft."
        ) % {"status": masterplan.get_status_display()}
    return ""


def trash_restore(*, entry: Deleted, user: AnyUser) -> Deleted:
    """Put the records back as they were, with their ids; TrashError when that cannot be
    (restored already, its masterplan no longer a draft, a record made since in its place)."""
    access.require(user, "trash.restore")
    with transaction.atomic():
        entry = Deleted.objects.select_for_update().get(pk=entry.pk)
        if entry.restored_at is not None:
            raise TrashError(_("This was restored already."))
        found = list(serializers.deserialize("json", json.dumps(entry.records)))
        if not found:
            raise TrashError(_("Nothing to restore."))
        main = next((d.object for d in found if d.object._meta.label_lower == entry.kind), None)
        problem = _refusal(main) if main is not None else ""
        if problem:
            raise TrashError(problem)
        try:
            with transaction.atomic():
                for record in reversed(found):
                    if type(record.object)._default_manager.filter(pk=record.object.pk).exists():
                        raise IntegrityError
                    record.save()
        except (IntegrityError, ValueError) as exc:
            raise TrashError(
                _("It cannot come back as it was: a record made since takes its place.")
            ) from exc
        entry.restored_at = timezone.now()
        entry.restored_by = user if user.is_authenticated else None
        entry.save(update_fields=["restored_at", "restored_by"])
    return entry
