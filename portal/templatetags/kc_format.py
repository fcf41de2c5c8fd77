"""Numbers as Indonesian program staff write them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()

_RUPIAH_UNITS = [
    (Decimal(10) ** 12, "triliun", "trillion"),
    (Decimal(10) ** 9, "miliar", "billion"),
    (Decimal(10) ** 6, "juta", "million"),
]


@register.filter
def rupiah(value: int | float | Decimal | None) -> str:
    """``1_200_000_000`` → ``Rp 1,2 miliar`` (``Rp 1.2 billion`` in English)."""
    if value is None or value == "":
        return "\u2013"
    amount = Decimal(value)
    english = (get_language() or "id").startswith("en")
    for size, indonesian, english_word in _RUPIAH_UNITS:
        if abs(amount) >= size:
            scaled = (amount / size).quantize(Decimal("0.1")).normalize()
            word = english_word if english else indonesian
            return f"Rp {number_format(scaled, use_l10n=True, force_grouping=True)} {word}"
    return f"Rp {number_format(amount.quantize(Decimal(1)), use_l10n=True, force_grouping=True)}"


@register.filter
def percent_of(part: int, whole: int) -> int:
    """Width of a bar in whole percent; 0 when there is nothing to compare with."""
    return round(100 * part / whole) if whole else 0


@register.filter
def width(bar: object, largest: float) -> int:
    """A dashboard bar's length in percent of the largest (``{{ bar|width:largest }}``)."""
    return int(bar.width(largest))  # type: ignore[attr-defined]
