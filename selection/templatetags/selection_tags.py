from typing import Any

from django import template
from django.utils.translation import gettext as _

from selection.engine.quota import is_laminar
from selection.rounds import snapshot_layout

register = template.Library()

COLOURS = ["#0b5cad", "#2e8540", "#c05a00", "#7b3fa0", "#b0126b", "#1b7f8c", "#8a6d00", "#5b6770"]


@register.filter
def verdict(result: Any) -> str:
    """Why a region is in or out, in words."""
    limit = result.reason_limit
    texts = {
        "selected": _("selected on its score"),
        "selected_by_minimum": _("selected to meet its island group's minimum (%(n)s)"),
        "selected_after_caps": _("selected: better-ranked regions were capped out"),
        "province_cap": _("displaced by quota: at most %(n)s per province"),
        "group_cap": _("displaced by quota: at most %(n)s in its island group"),
        "minimums_elsewhere": _("its seat went to other island groups' minimums"),
        "below_cutoff": _("ranked below the last seat"),
        "ineligible": _("not eligible"),
        "historical": _("announced list"),
    }
    return str(texts.get(result.reason, result.reason) % {"n": limit})


@register.filter
def solver(snapshot: dict[str, Any]) -> str:
    """Which exact method chose a computed round's regions, in words."""
    if snapshot["format"] < 2:
        return _(
            "The regions were chosen exactly by integer programming (HiGHS), as every round "
            "computed before December 2026 was; it is recomputed the same way. Between two "
            "scores equal but for the last decimal place it could take the region earlier in "
            "code order: such a region reads “better-ranked regions were capped out”, "
            "and the other “its seat went to other island groups' minimums”, even "
            "where no quota applied."
        )
    if is_laminar(snapshot_layout(snapshot)):
        return _(
            "The regions were chosen exactly by the laminar method: every province lies within "
            "one island group, so each province's and each island group's best regions are "
            "taken in score order."
        )
    return _(
        "The regions were chosen exactly by integer programming (HiGHS), because a province "
        "lies in more than one island group."
    )


@register.filter
def ineligible_reason(code: str) -> str:
    if code == "excluded":
        return _("left out by hand")
    if code.startswith("previous:"):
        return _("selected in %(round)s") % {"round": code.removeprefix("previous:")}
    if code.startswith("threshold:"):
        return _("does not meet %(rule)s") % {"rule": code.removeprefix("threshold:")}
    return code


@register.inclusion_tag("selection/_contribution_bar.html")
def contribution_bar(result: Any, criteria: list[str]) -> dict[str, Any]:
    """A stacked bar of each criterion's share of the score, as inline SVG (no styles)."""
    parts, x = [], 0.0
    for index, code in enumerate(criteria):
        value = max(0.0, float(result.contributions.get(code, 0)))
        width = 160 * value
        parts.append(
            {
                "code": code,
                "x": round(x, 2),
                "width": round(width, 2),
                "colour": COLOURS[index % len(COLOURS)],
                "value": value,
            }
        )
        x += width
    return {"parts": parts}


@register.simple_tag
def legend_colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


@register.filter
def percent(value: float | None) -> str:
    return "\u2013" if value is None else f"{100 * value:.0f}%"
