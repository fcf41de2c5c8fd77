"""Recording every create, change and delete of the models registered with ``track``."""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save

from audit.context import current_actor
from audit.models import Action, AuditEvent

_tracked: dict[type[models.Model], frozenset[str]] = {}
ALWAYS_IGNORED = frozenset({"updated_at", "last_login", "password"})


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):  # an uploaded file: its name in storage
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    ignored = _tracked.get(type(instance), frozenset()) | ALWAYS_IGNORED
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in ignored
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def record(
    action: str,
    *,
    obj: models.Model | None = None,
    label: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    actor = current_actor()
    return AuditEvent.objects.create(
        actor=actor.user,
        actor_label=actor.label,
        action=action,
        ip=actor.ip,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_label=(label or str(obj))[:200] if obj is not None else label[:200],
        changes=changes or {},
    )


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        instance._audit_before = None  # type: ignore[attr-defined]
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if created or before is None:
        record(Action.CREATE, obj=instance, changes={k: [None, v] for k, v in after.items()})
        return
    changes = diff(before, after)
    if changes:
        record(Action.UPDATE, obj=instance, changes=changes)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    record(
        Action.DELETE, obj=instance, changes={k: [v, None] for k, v in snapshot(instance).items()}
    )


def track(model: type[models.Model], *, ignore: frozenset[str] = frozenset()) -> None:
    """Record every create, change and delete of ``model`` (bulk operations excepted)."""
    _tracked[model] = ignore
    uid = f"audit:{model._meta.label}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}:pre")
    post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}:post")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}:delete")


def is_tracked(model: type[models.Model]) -> bool:
    return model in _tracked
