"""Template helpers of the masterplan pages."""

from collections.abc import Iterable
from typing import Any

from django import template

from readiness.profile import readiness_labels

register = template.Library()


@register.filter
def with_readiness_labels(items: Iterable[Any]) -> list[Any]:
    """The analysis items, each with ``readiness_label``: its readiness reference as people read
    it (one query for all)."""
    items = list(items)
    labels = readiness_labels(item.readiness_ref for item in items if item.readiness_ref)
    for item in items:
        item.readiness_label = labels.get(item.readiness_ref, "")
    return items
