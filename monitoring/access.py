"""Finding a program's milestone or a progress report's evidence for a user: they follow the
program, and the program its masterplan (``masterplans.access``)."""

from django.http import Http404

from accounts.access import AnyUser
from masterplans.access import get_program_for_user
from monitoring.models import Evidence, Milestone


def get_milestone_for_user(user: AnyUser, pk: int, action: str = "") -> Milestone:
    """The milestone, or 404 when ``user`` may not read its program; PermissionDenied unless
    they may do ``action`` in its region ("progress.report")."""
    milestone = Milestone.objects.filter(pk=pk).first()
    if milestone is None:
        raise Http404
    milestone.program = get_program_for_user(user, milestone.program_id, action)
    return milestone


def get_evidence_for_user(user: AnyUser, pk: int, action: str = "") -> Evidence:
    """A progress report's evidence (photo or document), or 404 when ``user`` may not read the
    program it shows; PermissionDenied unless they may do ``action`` in its region
    ("progress.report")."""
    evidence = Evidence.objects.select_related("report").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    evidence.report.program = get_program_for_user(user, evidence.report.program_id, action)
    return evidence
