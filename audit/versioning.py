"""No lost update: editable records carry a ``version``; a save based on an older one is refused.

``save_versioned`` locks the row, compares versions, applies the changes and bumps the version
in one transaction. A refusal says who changed what since the editor's version, from the
audit log.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from audit.models import Action, AuditEvent
from kotacerdas.errors import DomainError

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


class StaleEdit(DomainError):
    """An edit based on a version that is no longer the current one; nothing was written.

    ``version`` is the current one (to edit from again), ``changes`` what differs and ``by``
    who saved in between, where known. The details give each changed field's value now.
    """

    code = "version_conflict"
    status = 412

    def __init__(
        self,
        version: int | str,
        base_version: int | str | None,
        changes: list[FieldChange] | None = None,
        by: list[str] | None = None,
    ) -> None:
        super().__init__(
            _("Changed by someone else since version %(version)s: read it again.")
            % {"version": base_version},
            details=[{"field": c.field, "message": str(c.new)} for c in changes or []],
        )
        self.version = version
        self.base_version = base_version
        self.changes = changes or []
        self.by = by or []
        # True when ``changes`` give only the value saved now (``new``), not the one before.
        self.saved_values_only = False


class VersionConflict(StaleEdit):
    def __init__(
        self, current: models.Model, base_version: int, changes: list[FieldChange], by: list[str]
    ) -> None:
        super().__init__(current.version, base_version, changes, by)  # type: ignore[attr-defined]
        self.current = current


def fingerprint(rows: Iterable[Iterable[Any]]) -> str:
    """The version of a set of rows that has no version column of its own (a scoring grid, a
    questionnaire's answers): it changes whenever any value does."""
    text = json.dumps([list(row) for row in rows], default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def changes_since(obj: models.Model, version: int) -> tuple[list[FieldChange], list[str]]:
    """Field changes recorded for ``obj`` after ``version``, oldest value to newest (none for a
    version that never was: one from the future, or not a version at all)."""
    if version < 1 or version >= getattr(obj, "version", 0):
        return [], []
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


def save_versioned(
    instance: M, *, base_version: int, values: dict[str, Any], changed_elsewhere: bool = False
) -> M:
    """Apply ``values`` to ``instance``'s row if it is still at ``base_version``.

    Raises VersionConflict (nothing written) when someone saved in between, and
    django.core.exceptions.ValidationError when the values are invalid. Values that change
    nothing write nothing (the version stays), unless ``changed_elsewhere`` says that rows
    belonging to the record changed (a program's budget lines): then the version moves on.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != base_version:  # type: ignore[attr-defined]
            changes, by = changes_since(current, base_version)
            raise VersionConflict(current, base_version, changes, by)
        if not changed_elsewhere and all(
            _same(getattr(current, name), value) for name, value in values.items()
        ):
            return current
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1  # type: ignore[attr-defined]
        current.full_clean()
        current.save()
    return current


def _same(stored: Any, value: Any) -> bool:
    if isinstance(stored, models.Model) or isinstance(value, models.Model):
        return bool(getattr(stored, "pk", stored) == getattr(value, "pk", value))
    return bool(stored == value)
