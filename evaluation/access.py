"""Finding an evaluation (its rubric) or an award for a user: every evaluation page and endpoint
asks here."""

from django.http import Http404

from accounts.access import AnyUser, can, require
from evaluation.models import Award, Rubric
from regions.models import Region


def get_rubric_for_user(
    user: AnyUser, year: int, action: str = "", *, region: Region | None = None
) -> Rubric:
    """The evaluation of ``year``, or 404 when ``user`` may not read it; PermissionDenied
    unless they may do ``action``.

    A published evaluation is public. An open one is for national roles and, for the scoring
    grid of ``region``, for that region's team and its assessor.
    """
    rubric = Rubric.objects.filter(year=year).first()
    if rubric is None or not (rubric.is_published or can(user, "evaluation.view_open", region)):
        raise Http404
    if action:
        require(user, action, region)
    return rubric


def get_award_for_user(user: AnyUser, pk: int, action: str = "") -> Award:
    """The award, or 404 when ``user`` may not read its evaluation; PermissionDenied unless
    they may do ``action`` ("award.decide")."""
    award = (
        Award.objects.select_related("rubric", "proposed", "region__province").filter(pk=pk).first()
    )
    if award is None:
        raise Http404
    get_rubric_for_user(user, award.rubric.year, action)
    return award
