"""Finding an assignment (who mentors, advises or assesses a region) for a user. A cohort's
workshops are found through the cohort (``selection.access``): ``cohort.workshops``."""

from django.http import Http404

from accounts.access import AnyUser, require
from accounts.models import Membership


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
