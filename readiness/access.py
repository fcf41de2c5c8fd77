"""Finding a cohort, a region's assessment or a questionnaire item for a user: every readiness
view and endpoint asks here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import AnyUser, can, regions_for, require
from enrolment.services import cohort_codes
from readiness.defaults import questionnaire_for
from readiness.models import Assessment, Item
from regions.access import get_region_for_user
from selection.access import get_round_for_user
from selection.models import SelectionRound


def get_cohort_for_user(user: AnyUser, pk: int) -> SelectionRound:
    """A cohort is a published selection round; anything else is 404."""
    cohort = get_round_for_user(user, pk)
    if not cohort.is_published:
        raise Http404
    return cohort


def get_assessment_for_user(
    user: AnyUser,
    cohort_pk: int,
    code: str,
    action: str | tuple[str, ...] = "",
    *,
    create: bool = True,
) -> Assessment:
    """The assessment of region ``code`` in the cohort, or 404 (no such cohort, or the region
    is not in it); PermissionDenied unless ``user`` may read readiness of the region and, if
    given, do ``action`` there ("readiness.answer", "readiness.score", or a tuple: any one of
    them). Checked before anything is made: a first visit creates the assessment.

    Without ``create`` a region that has not started its assessment is 404.
    """
    cohort = get_cohort_for_user(user, cohort_pk)
    region = get_region_for_user(user, code)
    require(user, "readiness.view", region)
    actions = (action,) if isinstance(action, str) else action
    if any(actions) and not any(can(user, a, region) for a in actions if a):
        raise PermissionDenied
    if region.code not in cohort_codes(cohort):
        raise Http404
    questionnaire = questionnaire_for(cohort)
    if create:
        record, _created = Assessment.objects.get_or_create(
            region=region, questionnaire=questionnaire
        )
    else:
        found = Assessment.objects.filter(region=region, questionnaire=questionnaire).first()
        if found is None:
            raise Http404
        record = found
    # The caller reads these; saves a query each.
    record.region = region
    record.questionnaire.cohort = cohort
    return record


def get_item_for_user(user: AnyUser, cohort_pk: int, pk: int, action: str = "") -> Item:
    """An item of the cohort's questionnaire, or 404; PermissionDenied unless ``user`` may read
    the questionnaire (national roles) and, if given, do ``action`` ("readiness.manage")."""
    cohort = get_cohort_for_user(user, cohort_pk)
    require(user, "readiness.view")
    if action:
        require(user, action)
    item = (
        Item.objects.select_related("questionnaire")
        .filter(pk=pk, questionnaire__cohort=cohort)
        .first()
    )
    if item is None:
        raise Http404
    item.questionnaire.cohort = cohort  # the caller reads it: saves a query
    return item


def visible_region_codes(user: AnyUser, codes: list[str]) -> list[str]:
    """Of a cohort's ``codes``, those whose readiness ``user`` may read."""
    if can(user, "readiness.view"):
        return codes
    regions = regions_for(user, "readiness.view").filter(code__in=codes)
    return sorted(regions.values_list("code", flat=True))
