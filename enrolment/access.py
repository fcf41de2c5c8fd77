"""Finding a round's invitation of a region for a user: every enrolment page asks here."""

from django.http import Http404

from accounts.access import AnyUser, require
from enrolment.models import Invitation
from selection.access import get_round_for_user


def get_invitation_for_user(
    user: AnyUser, round_pk: int, code: str, action: str = ""
) -> Invitation:
    """The invitation of region ``code`` in the round, or 404 (also for a round the user may
    not see); PermissionDenied unless ``user`` may do ``action`` (for the region)."""
    selection_round = get_round_for_user(user, round_pk)
    invitation = (
        Invitation.objects.select_related("region__province")
        .filter(round=selection_round, region__code=code)
        .first()
    )
    if invitation is None:
        raise Http404
    if action:
        require(user, action, invitation.region)
    invitation.round = selection_round  # the caller reads it: saves a query
    return invitation
