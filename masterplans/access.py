"""Finding a masterplan, or one of its programs, for a user: every masterplan, progress and
library page and endpoint asks here."""

from django.http import Http404

from accounts.access import AnyUser, can, require
from masterplans.models import Masterplan, Program


def get_masterplan_for_user(user: AnyUser, pk: int, action: str = "") -> Masterplan:
    """The masterplan, or 404 when ``user`` may not read it; PermissionDenied unless they may do
    ``action`` in its region.

    Approved and enacted masterplans are public, and so is a draft while its public
    consultation is open; other drafts are for the region's own people and national roles.
    """
    try:
        masterplan = Masterplan.objects.select_related("region__province", "cohort").get(pk=pk)
    except Masterplan.DoesNotExist:
        raise Http404 from None
    if (
        not masterplan.is_public
        and not can(user, "masterplan.view_draft", masterplan.region)
        and not masterplan.consultations.open_now().exists()
    ):
        raise Http404
    if action:
        require(user, action, masterplan.region)
    return masterplan


def get_program_for_user(user: AnyUser, pk: int, action: str = "") -> Program:
    """The program, or 404 when ``user`` may not read its masterplan; PermissionDenied unless
    they may do ``action`` in its region ("progress.report")."""
    program = Program.objects.filter(pk=pk).first()
    if program is None:
        raise Http404
    program.masterplan = get_masterplan_for_user(user, program.masterplan_id, action)
    return program
