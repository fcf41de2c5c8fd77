"""Soft deletion for anything with history: ``trash_delete`` deletes a record and keeps it, with
everything deleted along with it, and ``trash_restore`` brings it all back with the same ids,
so links to it work again and its history continues."""

import json
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, connection, models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import access
from accounts.access import AnyUser
from audit.models import Action
from audit.tracking import record as audit_record
from kotacerdas.errors import DomainError
from regions.models import Region
from trash.models import Deleted


class TrashError(DomainError):
    code = "restore"
    status = 409


def _collected(obj: models.Model) -> tuple[list[models.Model], list[dict[str, Any]]]:
    """``obj`` and every record its deletion takes along, in the order they are deleted
    (those that point at others first); and the links its deletion sets to null elsewhere
    (a comment on a deleted program), to set again on restore."""
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    collector.sort()
    found: list[models.Model] = []
    for queryset in collector.fast_deletes:
        found.extend(queryset)
    for instances in collector.data.values():
        found.extend(instances)
    links = []
    for (field, _value), batches in collector.field_updates.items():
        for batch in batches:
            rows: Any = batch  # a queryset or a list of the rows that point at the deleted
            for row in rows:
                links.append(
                    {
                        "model": row._meta.label_lower,
                        "pk": row.pk,
                        "field": field.attname,
                        "value": getattr(row, field.attname),
                    }
                )
    return found, links


def trash_delete(
    *, obj: models.Model, user: AnyUser, label: Callable[[], str], region: Region | None = None
) -> Deleted:
    """Delete ``obj`` (and what cascades from it), keeping it all to be restored. ``label()``
    says what it was; it is written in the platform's language, whoever's the request is, as
    the administrators who restore read it."""
    with translation.override(settings.LANGUAGE_CODE):
        written = label()
    with transaction.atomic():
        records, links = _collected(obj)
        entry = Deleted.objects.create(
            label=written[:300],
            kind=obj._meta.label_lower,
            region=region,
            records={"records": json.loads(serializers.serialize("json", records)), "links": links},
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
        kept = entry.records
        try:
            found = list(serializers.deserialize("json", json.dumps(kept["records"])))
        except (DeserializationError, LookupError, KeyError, TypeError) as exc:
            # Kept before a change of the records' form that it no longer fits.
            raise TrashError(
                _("It cannot come back as it was: a record made since takes its place.")
            ) from exc
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
                _relink(kept.get("links", []))
                # Foreign keys are checked at commit: check them here, where a record it points
                # at that was deleted since can still be refused.
                connection.check_constraints()
        except (IntegrityError, ValueError) as exc:
            raise TrashError(
                _("It cannot come back as it was: a record made since takes its place.")
            ) from exc
        if main is not None:
            _parent_changed(main)
        # Saved as they were kept (raw), so their history gets its line here.
        for record in found:
            audit_record(Action.CREATE, obj=record.object, changes={"restored": [None, entry.pk]})
        entry.restored_at = timezone.now()
        entry.restored_by = user if user.is_authenticated else None
        entry.save(update_fields=["restored_at", "restored_by"])
    return entry


def _parent_changed(obj: models.Model) -> None:
    """A record whose parent's version covers it (``versioned_parent``: a body's members) moves
    that version on when it comes back, so an editor of the parent opened before is stale."""
    name = getattr(type(obj), "versioned_parent", "")
    if name:
        parent = getattr(obj, name)
        type(parent)._default_manager.filter(pk=parent.pk).update(version=models.F("version") + 1)


def _relink(links: list[dict[str, Any]]) -> None:
    """Set again the links the deletion set to null, on the rows that are still there and still
    point nowhere (a row linked elsewhere since keeps its new link)."""
    for link in links:
        try:
            model = apps.get_model(link["model"])
        except LookupError:
            continue
        model._default_manager.filter(pk=link["pk"], **{link["field"]: None}).update(
            **{link["field"]: link["value"]}
        )
