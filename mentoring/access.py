"""Finding an assignment (who mentors, advises or assesses a region) for a user. A cohort's
workshops are found through the cohort (``selection.access``): ``cohort.workshops``."""

from django.http import Http404

from accounts.access import AnyUser, require
from accounts.models import Membership
from mentoring.models import Session, Workshop
from regions.access import get_region_for_user
from selection.access import get_round_for_user


def get_assignment_for_user(user: AnyUser, pk: int, action: str = "") -> Membership:
    """The membership offered as an assignment, or 404; PermissionDenied unless ``user`` may do
    ``action`` ("mentoring.assign"; by default see the assignments, "mentoring.view"), asked
    first: only the national team learns which ids exist. Whether it is an assignment of a
    given cohort is the service's to say (``mentoring.services.assignment_remove``)."""
    require(user, action or "mentoring.view")
    membership = Membership.objects.filter(pk=pk).first()
    if membership is None:
        raise Http404
    return membership


def get_session_for_user(
    user: AnyUser, cohort: int, number: int, code: str, action: str = "", *, new: bool = False
) -> Session:
    """A region's session of a cohort's bimtek stage, or 404 (no such cohort, stage or region,
    or the region is not one of the cohort's); PermissionDenied unless ``user`` may do
    ``action`` for the region. With ``new``, a session not yet scheduled comes back unsaved."""
    from mentoring.services import cohort_regions

    selection_round = get_round_for_user(user, cohort)
    workshop = Workshop.objects.filter(cohort=selection_round, number=number).first()
    region = get_region_for_user(user, code)
    if workshop is None or not cohort_regions(selection_round).filter(pk=region.pk).exists():
        raise Http404
    if action:
        require(user, action, region)
    session = Session.objects.filter(workshop=workshop, region=region).first()
    if session is None:
        if not new:
            raise Http404
        session = Session(workshop=workshop, region=region)
    session.workshop, session.region = workshop, region  # the caller reads them
    workshop.cohort = selection_round
    return session
