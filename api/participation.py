"""Mentoring comments and public consultation over the API, through the same access rules and
services as the pages."""

from datetime import date, datetime
from typing import Any, Literal, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StrictInt

from accounts.models import User
from api.auth import READ_AUTH, WRITE_AUTH, PublicAuth
from api.errors import ApiError, documented_errors
from api.openapi import In
from api.pagination import Pagination
from api.versions import base_number
from audit.context import client_ip
from masterplans.access import get_masterplan_for_user
from masterplans.models import Masterplan, Program
from participation.access import get_public_comment_for_user
from participation.models import Comment, CommentStatus, ModerationStatus, PublicComment, Section
from participation.services import (
    closing_time,
    comment_add,
    comment_settle,
    consultation_summary,
    consultation_summary_save,
    consultation_window_open,
    public_comment_moderate,
    public_comment_submit,
)

router = Router(tags=["participation"])
SectionCode = Literal[tuple(Section.values)]  # type: ignore[valid-type]
CommentStatusCode = Literal[tuple(CommentStatus.values)]  # type: ignore[valid-type]
ModerationCode = Literal[tuple(ModerationStatus.values)]  # type: ignore[valid-type]


class CommentOut(Schema):
    id: int
    parent: int | None = Field(alias="parent_id")
    section: str
    program: str | None
    author: str
    text: str
    status: str
    resolution: str
    created_at: datetime

    @staticmethod
    def resolve_program(comment: Any) -> str | None:
        return comment.program.code if comment.program else None

    @staticmethod
    def resolve_author(comment: Any) -> str:
        return str(comment.author or "")


class CommentFilters(Schema):
    status: CommentStatusCode | None = None  # type: ignore[valid-type]
    section: SectionCode | None = None  # type: ignore[valid-type]


class CommentIn(In):
    text: str = Field(min_length=1, max_length=5000)
    section: SectionCode = "whole"  # type: ignore[valid-type]
    program: str | None = Field(None, max_length=20, description="program code, e.g. GOV-01")
    parent: StrictInt | None = Field(None, description="the thread's first comment, to reply to it")


class PublicCommentOut(Schema):
    """A resident's comment as the public sees it: no e-mail address."""

    id: int
    name: str
    section: str
    program: str | None
    text: str
    answer: str
    created_at: datetime

    @staticmethod
    def resolve_program(comment: Any) -> str | None:
        return comment.program.code if comment.program else None


class PublicCommentFilters(Schema):
    section: SectionCode | None = None  # type: ignore[valid-type]


class PublicCommentIn(In):
    name: str = Field(min_length=1, max_length=120)
    email: str = Field(
        min_length=3,
        max_length=254,
        description="never shown: the link that confirms the comment is sent to it",
    )
    text: str = Field(min_length=1, max_length=3000)
    section: SectionCode = "whole"  # type: ignore[valid-type]
    program: str | None = Field(None, max_length=20, description="program code, e.g. GOV-01")


class SettleIn(In):
    status: Literal["resolved", "accepted"]
    note: str = Field(
        "", max_length=3000, description="what was done, or why it is accepted without a change"
    )


class ConsultationIn(In):
    closes_on: date = Field(description="the last day residents may comment")
    intro: str = Field("", max_length=3000, description="the invitation to residents")


class ConsultationOut(Schema):
    opens_at: datetime
    closes_at: datetime
    intro: str


class ModerationOut(PublicCommentOut):
    """A resident's comment as the team moderating it sees it: with the address given."""

    email: str
    status: str
    version: int = Field(description="send it back with the decision")


class ModerationFilters(Schema):
    status: ModerationCode | None = None  # type: ignore[valid-type]


class ModerationIn(In):
    status: ModerationCode  # type: ignore[valid-type]
    answer: str = Field("", max_length=3000, description="the team's answer, shown with it")
    version: StrictInt | None = Field(
        None, description="the comment's version you decided on (or send it as If-Match)"
    )


class SummaryOut(Schema):
    summary: str = Field(description="the summary as the moderation queue stands now")
    saved: str = Field(description="the summary that is part of the masterplan")


def _program(masterplan: Masterplan, code: str | None) -> Program | None:
    if not code:
        return None
    program = masterplan.programs.filter(code=code).first()
    if program is None:
        raise ApiError(
            422, "invalid", _("Unknown program code."), [{"field": "program", "message": code}]
        )
    return program


@router.get(
    "/masterplans/{int:masterplan_id}/comments",
    response={200: list[CommentOut], **documented_errors(401, 403, 404, 422)},
    auth=READ_AUTH,
    summary="Mentoring comments (the region's people and national roles)",
)
@paginate(Pagination)
def list_comments(request: HttpRequest, masterplan_id: int, filters: Query[CommentFilters]) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "masterplan.view_draft")
    comments = Comment.objects.filter(masterplan=masterplan).select_related("program", "author")
    if filters.status:
        comments = comments.filter(status=filters.status)
    if filters.section:
        comments = comments.filter(section=filters.section)
    return comments


@router.post(
    "/masterplans/{int:masterplan_id}/comments",
    response={201: CommentOut, **documented_errors(400, 401, 403, 404, 422)},
    auth=WRITE_AUTH,
    summary="Comment or reply (mentors, advisors, the region's team, national staff)",
)
def create_comment(request: HttpRequest, masterplan_id: int, payload: CommentIn) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "masterplan.comment")
    program = _program(masterplan, payload.program)
    parent = None
    if payload.parent:
        parent = masterplan.comments.filter(pk=payload.parent).first()
        if parent is None:
            raise ApiError(
                422,
                "invalid",
                _("Unknown comment."),
                [{"field": "parent", "message": str(payload.parent)}],
            )
    comment = comment_add(
        masterplan=masterplan,
        user=cast(User, request.user),
        text=payload.text,
        section=payload.section,
        program=program,
        parent=parent,
    )
    return Status(201, comment)


@router.get(
    "/masterplans/{int:masterplan_id}/consultation/comments",
    response={200: list[PublicCommentOut], **documented_errors(401, 404, 422)},
    auth=READ_AUTH,
    summary="Residents' consultation comments shown after moderation, with the team's answers",
)
@paginate(Pagination)
def list_public_comments(
    request: HttpRequest, masterplan_id: int, filters: Query[PublicCommentFilters]
) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    comments = PublicComment.objects.filter(
        window__masterplan=masterplan, status=ModerationStatus.APPROVED
    ).select_related("program")
    if filters.section:
        comments = comments.filter(section=filters.section)
    return comments


@router.post(
    "/masterplans/{int:masterplan_id}/consultation/comments",
    response={202: dict[str, str], **documented_errors(400, 403, 404, 409, 422, 429)},
    auth=PublicAuth(),
    summary="A resident's comment while the consultation is open (moderated before it shows)",
)
def create_public_comment(
    request: HttpRequest, masterplan_id: int, payload: PublicCommentIn
) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id)
    data = {**payload.model_dump(), "program": _program(masterplan, payload.program)}
    public_comment_submit(masterplan=masterplan, data=data, address=client_ip(request) or "")
    # The writer confirms it from the link sent to their e-mail; the team then moderates it.
    return Status(202, {"status": "confirmation_sent"})


@router.post(
    "/masterplans/{int:masterplan_id}/comments/{int:comment_id}/settle",
    response={200: CommentOut, **documented_errors(400, 401, 403, 404, 422)},
    auth=WRITE_AUTH,
    summary="Resolve a mentor's comment, or accept it with the reason (the region's team)",
)
def settle(request: HttpRequest, masterplan_id: int, comment_id: int, payload: SettleIn) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "masterplan.resolve")
    comment = masterplan.comments.select_related("program", "author").filter(pk=comment_id).first()
    if comment is None:
        raise ApiError(404, "not_found", _("Not found."))
    return comment_settle(
        comment=comment, user=cast(User, request.user), status=payload.status, note=payload.note
    )


@router.post(
    "/masterplans/{int:masterplan_id}/consultation",
    response={201: ConsultationOut, **documented_errors(400, 401, 403, 404, 409, 422)},
    auth=WRITE_AUTH,
    summary="Open the public consultation of a draft (the region's lead)",
)
def open_window(request: HttpRequest, masterplan_id: int, payload: ConsultationIn) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "consultation.open")
    window = consultation_window_open(
        masterplan=masterplan,
        user=cast(User, request.user),
        closes_at=closing_time(payload.closes_on),
        intro=payload.intro,
    )
    return Status(201, window)


@router.get(
    "/masterplans/{int:masterplan_id}/consultation/moderation",
    response={200: list[ModerationOut], **documented_errors(401, 403, 404, 422)},
    auth=READ_AUTH,
    summary="Residents' comments to moderate, oldest first (the region's team, national staff)",
)
@paginate(Pagination)
def moderation_queue(
    request: HttpRequest, masterplan_id: int, filters: Query[ModerationFilters]
) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "consultation.moderate")
    queue = (
        PublicComment.objects.confirmed()
        .filter(window__masterplan=masterplan)
        .select_related("program")
    )
    if filters.status:
        queue = queue.filter(status=filters.status)
    return queue.order_by("created_at", "pk")


@router.post(
    "/masterplans/{int:masterplan_id}/consultation/comments/{int:comment_id}/moderation",
    response={200: ModerationOut, **documented_errors(400, 401, 403, 404, 412, 422, 428)},
    auth=WRITE_AUTH,
    summary="Show or hide a resident's comment, and answer it",
    description="Send the comment's version from the queue: 412 when another moderator "
    "decided since, 428 without it.",
)
def moderate_comment(
    request: HttpRequest, masterplan_id: int, comment_id: int, payload: ModerationIn
) -> Any:
    comment = get_public_comment_for_user(request.user, masterplan_id, comment_id)
    return public_comment_moderate(
        comment=comment,
        user=cast(User, request.user),
        status=payload.status,
        answer=payload.answer,
        base_version=base_number(request, payload.version),
    )


@router.get(
    "/masterplans/{int:masterplan_id}/consultation/summary",
    response={200: SummaryOut, **documented_errors(401, 403, 404)},
    auth=READ_AUTH,
    summary="The consultation summary: as it stands now, and as saved in the masterplan",
)
def get_summary(request: HttpRequest, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "consultation.moderate")
    return {
        "summary": consultation_summary(masterplan),
        "saved": masterplan.consultation_summary,
    }


@router.post(
    "/masterplans/{int:masterplan_id}/consultation/summary",
    response={200: SummaryOut, **documented_errors(400, 401, 403, 404, 409)},
    auth=WRITE_AUTH,
    summary="Make the consultation summary part of the masterplan (while it is a draft)",
)
def post_summary(request: HttpRequest, masterplan_id: int) -> Any:
    masterplan = get_masterplan_for_user(request.user, masterplan_id, "consultation.moderate")
    masterplan = consultation_summary_save(masterplan=masterplan, user=cast(User, request.user))
    return {"summary": masterplan.consultation_summary, "saved": masterplan.consultation_summary}
