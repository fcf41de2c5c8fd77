"""What waits for a person, from their roles: the national team's masterplans to review; a
region's team's masterplan to finish, mentors' comments to settle, residents' comments to
moderate, readiness to answer, late progress reports and evaluation self-assessments; a mentor's
regions and unanswered comments; an assessor's readiness and evaluation scoring."""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts import access
from accounts.access import AnyUser
from accounts.models import Role
from evaluation.models import Component, Rubric, RubricStatus, Score
from masterplans.models import Dimension, Masterplan, Status
from monitoring.progress import FOLLOWED_STATUSES, late_reports
from participation.models import CommentStatus, ModerationStatus
from readiness.models import Assessment
from regions.models import Region

REGIONAL_TEAM = (Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR)
ADVISERS = (Role.MENTOR, Role.TECH_ADVISOR)
SCORE_CELLS = len(Dimension.choices) * len(Component.choices)


class Group(models.TextChoices):
    """What kind of work a task is, for the counts at the top of the page."""

    DRAFTS = "drafts", gettext_lazy("drafts to finish")
    REVIEWS = "reviews", gettext_lazy("reviews to give")
    COMMENTS = "comments", gettext_lazy("comments to answer")
    MODERATION = "moderation", gettext_lazy("consultations to moderate")
    REPORTS = "reports", gettext_lazy("reports due and late")
    SCORES = "scores", gettext_lazy("scores to enter")


@dataclass(frozen=True)
class Task:
    text: str
    url: str
    region: Region | None = None
    group: str = Group.DRAFTS


def _regions(user: AnyUser, roles: tuple[str, ...]) -> list[Region]:
    return list(access.regions_held(user, roles).order_by("name"))


def _review_tasks() -> list[Task]:
    plans = Masterplan.objects.filter(status=Status.IN_REVIEW).select_related("region")
    return [
        Task(
            _("Review the masterplan of %(region)s (submitted)") % {"region": plan.region.name},
            reverse("masterplans:detail", args=[plan.pk]),
            plan.region,
            Group.REVIEWS,
        )
        for plan in plans.order_by("updated_at")
    ]


def _team_tasks(region: Region, today: date, *, can_submit: bool) -> list[Task]:
    tasks = []
    plans = list(Masterplan.objects.filter(region=region).order_by("-edition"))
    for plan in plans:
        if plan.status == Status.DRAFT:
            text = (
                _("Complete the masterplan draft and submit it for review")
                if can_submit
                else _("Complete the masterplan draft (your lead submits it for review)")
            )
        elif plan.status == Status.REVISION:
            text = (
                _("Revise the masterplan as the reviewer asked and resubmit it")
                if can_submit
                else _("Revise the masterplan as the reviewer asked (your lead resubmits it)")
            )
        else:
            text = ""
        if text:
            tasks.append(Task(text, reverse("masterplans:detail", args=[plan.pk]), region))
    counts = (
        Masterplan.objects.filter(region=region)
        .annotate(
            open_threads=Count(
                "comments",
                filter=Q(comments__parent=None, comments__status=CommentStatus.OPEN),
                distinct=True,
            ),
            pending=Count(
                "consultations__comments",
                filter=Q(
                    consultations__comments__status=ModerationStatus.PENDING,
                    consultations__comments__confirmed_at__isnull=False,
                ),
                distinct=True,
            ),
        )
        .values("pk", "open_threads", "pending")
    )
    for row in counts:
        if row["open_threads"]:
            tasks.append(
                Task(
                    ngettext(
                        "%(n)s mentoring comment to resolve or accept",
                        "%(n)s mentoring comments to resolve or accept",
                        row["open_threads"],
                    )
                    % {"n": row["open_threads"]},
                    reverse("participation:comments", args=[row["pk"]]) + "?status=open",
                    region,
                    Group.COMMENTS,
                )
            )
        if row["pending"]:
            tasks.append(
                Task(
                    ngettext(
                        "%(n)s resident's comment waiting for moderation",
                        "%(n)s residents' comments waiting for moderation",
                        row["pending"],
                    )
                    % {"n": row["pending"]},
                    reverse("participation:moderation", args=[row["pk"]]),
                    region,
                    Group.MODERATION,
                )
            )
    for assessment in Assessment.objects.filter(region=region, submitted_at=None).select_related(
        "questionnaire"
    ):
        tasks.append(
            Task(
                _("Answer the readiness self-assessment and submit it"),
                reverse(
                    "readiness:assessment",
                    args=[assessment.questionnaire.cohort_id, region.code],
                ),
                region,
            )
        )
    followed = [p for p in plans if p.status in FOLLOWED_STATUSES]
    if followed:
        programs = [
            program
            for plan in followed
            for program in plan.programs.prefetch_related("progress_reports")
        ]
        late = late_reports(programs, today)
        if late:
            tasks.append(
                Task(
                    ngettext(
                        "%(n)s quarterly progress report is late",
                        "%(n)s quarterly progress reports are late",
                        len(late),
                    )
                    % {"n": len(late)},
                    reverse("monitoring:masterplan", args=[followed[0].pk]),
                    region,
                    Group.REPORTS,
                )
            )
    for rubric in Rubric.objects.filter(status=RubricStatus.OPEN):
        done = Score.objects.current().filter(
            rubric=rubric, region=region, self_score__isnull=False
        )
        if followed and done.count() < SCORE_CELLS:
            tasks.append(
                Task(
                    _("Fill in the %(year)s evaluation self-assessment") % {"year": rubric.year},
                    reverse("evaluation:region", args=[rubric.year, region.code]),
                    region,
                    Group.SCORES,
                )
            )
    return tasks


def _adviser_tasks(user: AnyUser, regions: list[Region]) -> list[Task]:
    """Drafts of the regions the user mentors or advises, and the user's comments on them that
    the region has not settled yet (one query)."""
    drafts = (
        Masterplan.objects.filter(
            region__in=regions, status__in=(Status.DRAFT, Status.IN_REVIEW, Status.REVISION)
        )
        .select_related("region")
        .annotate(
            waiting=Count(
                "comments",
                filter=Q(
                    comments__parent=None,
                    comments__author_id=user.pk,
                    comments__status=CommentStatus.OPEN,
                ),
            )
        )
        .order_by("region__name", "-edition")
    )
    tasks = []
    for plan in drafts:
        url = reverse("participation:comments", args=[plan.pk])
        tasks.append(
            Task(
                _("Mentor the masterplan (%(status)s)") % {"status": plan.get_status_display()},
                url,
                plan.region,
                Group.REVIEWS,
            )
        )
        waiting: int = plan.waiting  # type: ignore[attr-defined]
        if waiting:
            tasks.append(
                Task(
                    ngettext(
                        "%(n)s of your comments not yet settled by the region",
                        "%(n)s of your comments not yet settled by the region",
                        waiting,
                    )
                    % {"n": waiting},
                    url + "?status=open",
                    plan.region,
                    Group.COMMENTS,
                )
            )
    return tasks


def _assessor_tasks(regions: list[Region]) -> list[Task]:
    """Submitted readiness assessments not fully scored, and open evaluations the region has
    begun and the assessor has not finished, for the regions assigned (three queries)."""
    tasks = []
    submitted = (
        Assessment.objects.filter(region__in=regions)
        .exclude(submitted_at=None)
        .with_progress()
        .select_related("questionnaire", "region")
        .order_by("region__name")
    )
    for assessment in submitted:
        if assessment.n_scored < (assessment.n_items or 0):  # type: ignore[attr-defined]
            tasks.append(
                Task(
                    _("Score the readiness assessment the region submitted"),
                    reverse(
                        "readiness:assessment",
                        args=[assessment.questionnaire.cohort_id, assessment.region.code],
                    ),
                    assessment.region,
                    Group.SCORES,
                )
            )
    by_pk = {region.pk: region for region in regions}
    counts = (
        Score.objects.current()
        .filter(rubric__status=RubricStatus.OPEN, region__in=regions)
        .values("rubric__year", "region_id")
        .annotate(
            own=Count("pk", filter=Q(self_score__isnull=False)),
            scored=Count("pk", filter=Q(assessor_score__isnull=False)),
        )
        .order_by("rubric__year", "region_id")
    )
    for row in counts:
        if row["own"] and row["scored"] < SCORE_CELLS:
            region = by_pk[row["region_id"]]
            tasks.append(
                Task(
                    _("Verify and score the %(year)s evaluation") % {"year": row["rubric__year"]},
                    reverse("evaluation:region", args=[row["rubric__year"], region.code]),
                    region,
                    Group.SCORES,
                )
            )
    return tasks


def tasks_for(user: AnyUser, today: date) -> list[Task]:
    """Everything waiting for ``user``, national work first, then region by region."""
    tasks: list[Task] = []
    if access.can(user, "masterplan.review"):
        tasks += _review_tasks()
    for region in _regions(user, REGIONAL_TEAM):
        tasks += _team_tasks(
            region, today, can_submit=access.can(user, "masterplan.submit", region)
        )
    advised = _regions(user, ADVISERS)
    if advised:
        tasks += _adviser_tasks(user, advised)
    assessed = _regions(user, (Role.ASSESSOR,))
    if assessed:
        tasks += _assessor_tasks(assessed)
    return tasks
