"""The state of a region's commitments on its page, for those who may read them."""

from typing import Any

from django import template

from accounts import access
from commitments.services import commitments_of
from enrolment.services import cohort_of
from regions.models import Region

register = template.Library()


@register.inclusion_tag("commitments/_summary.html", takes_context=True)
def commitments_summary(context: dict[str, Any], region: Region) -> dict[str, Any]:
    """What is recorded and what is missing; nothing for those who may not read the
    commitments, and nothing for a region outside any cohort that recorded none."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not access.can(user, "commitment.view", region):
        return {"show": False}
    state = commitments_of(region)
    cohort = cohort_of(region.code)
    return {
        "show": cohort is not None or state.recorded_anything,
        "region": region,
        "state": state,
        "cohort": cohort,
    }
