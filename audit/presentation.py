"""History as people read it: field labels instead of column names."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from audit.models import AuditEvent

HIDDEN = {"version"}


@dataclass(frozen=True)
class ChangeRow:
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryRow:
    event: AuditEvent
    changes: list[ChangeRow]


def history_rows(events: Iterable[AuditEvent], model: type[models.Model]) -> list[HistoryRow]:
    labels = {f.attname: str(f.verbose_name) for f in model._meta.concrete_fields}
    rows = []
    for event in events:
        changes = event.changes if isinstance(event.changes, dict) else {}
        rows.append(
            HistoryRow(
                event,
                [
                    ChangeRow(str(labels.get(name, name)), *value)
                    for name, value in changes.items()
                    if name not in HIDDEN and isinstance(value, list) and len(value) == 2
                ],
            )
        )
    return rows
