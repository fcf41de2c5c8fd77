"""Finding a mentoring comment or a resident's consultation comment for a user: they follow
their masterplan (``masterplans.access``)."""

from django.http import Http404

from accounts.access import AnyUser
from masterplans.access import get_masterplan_for_user
from participation.models import Comment, PublicComment


def get_comment_for_user(user: AnyUser, pk: int, action: str = "") -> Comment:
    """A mentoring comment, or 404 when ``user`` may not read its masterplan; PermissionDenied
    unless they may do ``action`` in its region: "masterplan.comment", "masterplan.resolve",
    or by default read the mentoring threads ("masterplan.view_draft")."""
    comment = Comment.objects.filter(pk=pk).first()
    if comment is None:
        raise Http404
    comment.masterplan = get_masterplan_for_user(
        user, comment.masterplan_id, action or "masterplan.view_draft"
    )
    return comment


def get_public_comment_for_user(
    user: AnyUser, masterplan_pk: int, pk: int, action: str = ""
) -> PublicComment:
    """A resident's comment on the masterplan's consultation as its moderators see it (with the
    address given), or 404 (no such masterplan for ``user``, not its comment, or a comment its
    writer has not confirmed);
    PermissionDenied unless they may do ``action`` in its region, by default moderate the
    consultation ("consultation.moderate")."""
    masterplan = get_masterplan_for_user(user, masterplan_pk, action or "consultation.moderate")
    comment = (
        PublicComment.objects.confirmed()
        .select_related("window", "program")
        .filter(pk=pk, window__masterplan=masterplan)
        .first()
    )
    if comment is None:
        raise Http404
    comment.window.masterplan = masterplan
    return comment
