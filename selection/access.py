"""Finding a selection round for a user: every round page and endpoint asks here."""

from django.http import Http404

from accounts.access import AnyUser, can, require
from selection.models import SelectionRound


def get_round_for_user(user: AnyUser, pk: int, action: str = "") -> SelectionRound:
    """The selection round, or 404 (also for a draft the user may not see); PermissionDenied
    unless ``user`` may do ``action`` ("round.manage")."""
    try:
        selection_round = SelectionRound.objects.get(pk=pk)
    except SelectionRound.DoesNotExist:
        raise Http404 from None
    if not selection_round.is_published and not can(user, "round.view_draft"):
        raise Http404
    if action:
        require(user, action)
    return selection_round
