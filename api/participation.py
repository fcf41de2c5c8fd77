"""Mentoring comments and public consultation over the API, through the same access rules and
services as the pages."""

from datetime import datetime
from typing import Any, Literal, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from accounts import access
from accounts.models import User
from api.auth import READ_AUTH, WRITE_AUTH, PublicAuth
from api.errors import ApiError, documented_errors
from api.pagination import Pagination
from audit.context import client_ip
from masterplans.models import Masterplan, Program
from participation.models import Comment, CommentStatus, ModerationStatus, PublicComment, Section
from participation.services import (
    ParticipationError,
    RateLimited,
    add_comment,
    submit_public_comment,
)

router = Router(tags=["participation"])
SectionCode = Literal[tuple(Section.values)]  # type: ignore[valid-type]
CommentStatusCode = Literal[tuple(CommentStatus.values)]  # type: ignore[valid-type]


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


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    section: SectionCode = "whole"  # type: ignore[valid-type]
    program: str | None = Field(None, max_length=20, description="program code, e.g. GOV-01")
    parent: int | None = Field(None, description="the thread's first comment, to reply to it")


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


class PublicCommentIn(Schema):
    name: str = Field(min_length=1, max_length=120)
    email: str = Field("", max_length=254, description="optional, never shown")
    text: str = Field(min_length=1, max_length=3000)
    section: SectionCode = "whole"  # type: ignore[valid-type]
    program: str | None = Field(None, max_length=20, description="program code, e.g. GOV-01")


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
    masterplan = access.get_masterplan_for_user(
        request.user, masterplan_id, "masterplan.view_draft"
    )
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
    masterplan = access.get_masterplan_for_user(request.user, masterplan_id, "masterplan.comment")
    program = _program(masterplan, payload.program)
    parent = None
    if payload.parent:
        parent = Comment.objects.filter(pk=payload.parent, masterplan=masterplan).first()
        if parent is None:
            raise ApiError(
                422,
                "invalid",
                _("Unknown comment."),
                [{"field": "parent", "message": str(payload.parent)}],
            )
    try:
        comment = add_comment(
            masterplan,
            cast(User, request.user),
            payload.text,
            section=payload.section,
            program=program,
            parent=parent,
        )
    except ParticipationError as exc:
        raise ApiError(422, "invalid", str(exc)) from exc
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
    masterplan = access.get_masterplan_for_user(request.user, masterplan_id)
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
    masterplan = access.get_masterplan_for_user(request.user, masterplan_id)
    data = {**payload.model_dump(), "program": _program(masterplan, payload.program)}
    try:
        submit_public_comment(masterplan, data, client_ip(request) or "")
    except RateLimited as exc:
        raise ApiError(429, "too_many_requests", str(exc)) from exc
    except ParticipationError as exc:
        raise ApiError(409, "closed", str(exc)) from exc
    return Status(202, {"status": "pending"})
