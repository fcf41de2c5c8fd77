"""No lost update: editable records carry a ``version``; a save based on an older one is refused.

``save_versioned`` locks the row, compares versions, applies the changes and bumps the version
in one transaction. A refusal says who changed what since the editor's version, from the
audit log.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction

from audit.models import Action, AuditEvent

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


class VersionConflict(Exception):
    def __init__(
        self, current: models.Model, base_version: int, changes: list[FieldChange], by: list[str]
    ) -> None:
        super().__init__(f"version {base_version} is stale, current is {current.version}")  # type: ignore[attr-defined]
        self.current = current
        self.base_version = base_version
        self.changes = changes
        self.by = by


def changes_since(obj: models.Model, version: int) -> tuple[list[FieldChange], list[str]]:
    """Field changes recorded for ``obj`` after ``version``, oldest value to newest."""
    merged: dict[str, list[Any]] = {}
    actors: list[str] = []
    # Newest first, stopping at the editor's version: the rest of the history is not read.
    recent = []
    for event in (
        AuditEvent.objects.for_object(obj)
        .filter(action=Action.UPDATE)
        .order_by("-at", "-pk")
        .iterator(chunk_size=50)
    ):
        old_version = (event.changes.get("version") or [None])[0]
        if old_version is None:
            continue
        if old_version < version:
            break
        recent.append(event)
    for event in reversed(recent):
        if event.actor_label not in actors:
            actors.append(event.actor_label)
        for name, (old, new) in event.changes.items():
            if name == "version":
                continue
            merged.setdefault(name, [old, new])[1] = new
    labels = {f.attname: str(f.verbose_name) for f in obj._meta.concrete_fields}
    return [
        FieldChange(name, labels.get(name, name), old, new) for name, (old, new) in merged.items()
    ], actors


def save_versioned(instance: M, *, base_version: int, values: dict[str, Any]) -> M:
    """Apply ``values`` to ``instance``'s row if it is still at ``base_version``.

    Raises VersionConflict (nothing written) when someone saved in between, and
    django.core.exceptions.ValidationError when the values are invalid.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != base_version:  # type: ignore[attr-defined]
            changes, by = changes_since(current, base_version)
            raise VersionConflict(current, base_version, changes, by)
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1  # type: ignore[attr-defined]
        current.full_clean()
        current.save()
    return current
