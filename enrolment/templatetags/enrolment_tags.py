from django import template
from django.utils.html import format_html

from enrolment.movement import cohort_count
from selection.models import SelectionRound

register = template.Library()


@register.simple_tag
def partial_cohort(selection_round: SelectionRound) -> str:
    """The "partial: N of M known" badge of a cohort the sources name only in part; nothing
    for one known in full."""
    count = cohort_count(selection_round)
    if not count.partial:
        return ""
    return format_html(' <span class="badge badge-partial" data-partial>{}</span>', count.label)
