"""The one place that decides who may see and change what.

A rule names the roles that grant an action when held nationally and the roles that grant it
when held for the region concerned. Anonymous users get only what is public. Each app finds its
own records for a user in its ``access.py`` (``get_<resource>_for_user``) and filters them in a
QuerySet's ``visible_to``, both built on ``can``, ``require`` and ``regions_for`` here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from accounts.models import Membership, Role, User
from regions.models import Region, RegionQuerySet

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Rule:
    national: frozenset[Role] = frozenset()
    regional: frozenset[Role] = frozenset()
    public: bool = False
    authenticated: bool = False


NATIONAL_STAFF = frozenset({Role.NATIONAL_ADMIN, Role.PROGRAM_OFFICER})
REGIONAL_TEAM = frozenset({Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR})

RULES: dict[str, Rule] = {
    "region.view": Rule(public=True),
    "region.edit": Rule(national=NATIONAL_STAFF, regional=REGIONAL_TEAM),
    # Who changed what: the program's own people, not the public or other regions.
    "region.history": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR},
        regional=REGIONAL_TEAM | {Role.MENTOR, Role.TECH_ADVISOR},
    ),
    "indicator.import": Rule(national=NATIONAL_STAFF),
    # Draft and computed rounds are the national team's working material; published ones
    # are public (checked by the round access helper).
    "round.view_draft": Rule(national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR}),
    "round.manage": Rule(national=NATIONAL_STAFF),
    # From the ranking to the MoU: the national team invites, sets the interview and decides;
    # assessors on the panel score; the panel's scores and notes stay with national roles;
    # the MoU to sign and its signed scan are the region's team's too.
    "enrolment.view_scores": Rule(national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR}),
    "enrolment.score": Rule(national=frozenset({Role.ASSESSOR})),
    "enrolment.view_mou": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR}, regional=REGIONAL_TEAM
    ),
    # A region's commitments after its MoU (Dewan Smart City, Tim Pelaksana, their SKs, the
    # commitment statement, the contact persons): recorded by the region's team or the
    # national team, read by the program's people concerned; never public (phones, e-mails).
    "commitment.view": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR},
        regional=REGIONAL_TEAM | {Role.MENTOR, Role.TECH_ADVISOR},
    ),
    "commitment.edit": Rule(national=NATIONAL_STAFF, regional=REGIONAL_TEAM),
    # Masterplans: the region's team writes, its lead alone submits; mentors and technology
    # advisors of the region read and comment; national roles read all and approve.
    "masterplan.view_draft": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR},
        regional=REGIONAL_TEAM | {Role.MENTOR, Role.TECH_ADVISOR},
    ),
    "masterplan.create": Rule(national=NATIONAL_STAFF, regional=frozenset({Role.REGIONAL_LEAD})),
    "masterplan.edit": Rule(regional=REGIONAL_TEAM),
    "masterplan.submit": Rule(regional=frozenset({Role.REGIONAL_LEAD})),
    "masterplan.review": Rule(national=NATIONAL_STAFF),
    "masterplan.enact": Rule(national=NATIONAL_STAFF, regional=frozenset({Role.REGIONAL_LEAD})),
    "masterplan.comment": Rule(
        national=NATIONAL_STAFF, regional=REGIONAL_TEAM | {Role.MENTOR, Role.TECH_ADVISOR}
    ),
    # Follow-through: the region's team reports on its own programs; national roles watch.
    "progress.report": Rule(regional=REGIONAL_TEAM),
    "progress.watch": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR}, regional=REGIONAL_TEAM
    ),
    # Evaluation (monev): the national team sets the rubric and decides awards; a region's
    # team assesses itself; only the assessor assigned to a region scores it.
    "evaluation.manage": Rule(national=NATIONAL_STAFF),
    "evaluation.view_open": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR},
        regional=REGIONAL_TEAM | {Role.ASSESSOR},
    ),
    "evaluation.self_assess": Rule(regional=REGIONAL_TEAM),
    "evaluation.score": Rule(regional=frozenset({Role.ASSESSOR})),
    "award.decide": Rule(national=NATIONAL_STAFF),
    # The library of programs: every program of an approved or enacted masterplan.
    "library.view": Rule(public=True),
    # Mentoring and consultation: the region's team resolves mentors' comments and moderates
    # and answers the public; its lead alone opens a consultation window.
    "masterplan.resolve": Rule(regional=REGIONAL_TEAM),
    "consultation.open": Rule(regional=frozenset({Role.REGIONAL_LEAD})),
    "consultation.moderate": Rule(national=NATIONAL_STAFF, regional=REGIONAL_TEAM),
    # Readiness: the region's team answers, the assessor assigned to the region scores.
    "readiness.view": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR},
        regional=REGIONAL_TEAM | {Role.ASSESSOR, Role.MENTOR, Role.TECH_ADVISOR},
    ),
    "readiness.answer": Rule(regional=REGIONAL_TEAM),
    "readiness.score": Rule(regional=frozenset({Role.ASSESSOR})),
    "readiness.manage": Rule(national=NATIONAL_STAFF),
    # Bimtek: the national team schedules the workshops and records everyone's attendance; a
    # region's team records whom it sent.
    "workshop.manage": Rule(national=NATIONAL_STAFF),
    # Who mentors, advises and assesses which region: set by the national team.
    "mentoring.assign": Rule(national=NATIONAL_STAFF),
    "mentoring.view": Rule(national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR}),
    "workshop.attend": Rule(national=NATIONAL_STAFF, regional=REGIONAL_TEAM),
    # A region's own bimtek session: its minutes are uploaded by the national team, the
    # region's team or its mentors, and read by the program's people concerned.
    "workshop.minutes": Rule(national=NATIONAL_STAFF, regional=REGIONAL_TEAM | {Role.MENTOR}),
    "workshop.minutes_view": Rule(
        national=NATIONAL_STAFF | {Role.VIEWER, Role.ASSESSOR},
        regional=REGIONAL_TEAM | {Role.MENTOR, Role.TECH_ADVISOR},
    ),
    "membership.view": Rule(national=NATIONAL_STAFF, regional=frozenset({Role.REGIONAL_LEAD})),
    # What was deleted comes back only by a national administrator's hand.
    "trash.restore": Rule(national=frozenset({Role.NATIONAL_ADMIN})),
    "account.use": Rule(authenticated=True),
}


def _memberships(user: AnyUser) -> list[tuple[str, int | None]]:
    """The user's (role, region id) pairs, read once per request and kept on the user."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[tuple[str, int | None]] | None = getattr(user, "_kc_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("role", "region_id"))
        if user.is_superuser:
            cached.append((Role.NATIONAL_ADMIN, None))
        user.__dict__["_kc_memberships"] = cached
    return cached


def can(user: AnyUser, action: str, region: Region | None = None) -> bool:
    rule = RULES[action]
    if rule.public or (rule.authenticated and user.is_authenticated and user.is_active):
        return True
    for role, region_id in _memberships(user):
        if region_id is None and role in rule.national:
            return True
        if region is not None and region_id == region.pk and role in rule.regional:
            return True
    return False


def can_somewhere(user: AnyUser, action: str) -> bool:
    """Whether ``user`` may do ``action`` anywhere or in some region of theirs (a page that
    lists their regions' rows), from their roles alone, without a query."""
    regional = RULES[action].regional
    return can(user, action) or any(
        region_id is not None and role in regional for role, region_id in _memberships(user)
    )


def is_national_staff(user: AnyUser) -> bool:
    return any(
        region_id is None and role in NATIONAL_STAFF for role, region_id in _memberships(user)
    )


def require(user: AnyUser, action: str, region: Region | None = None) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action``."""
    if not can(user, action, region):
        raise PermissionDenied


def regions_held(user: AnyUser, roles: Iterable[str]) -> RegionQuerySet:
    """The regions where ``user`` holds one of the regional ``roles`` (mentor, lead, ...)."""
    wanted = frozenset(roles)
    ids = {rid for role, rid in _memberships(user) if rid is not None and role in wanted}
    return Region.objects.select_related("province").filter(pk__in=ids)


def regions_for(user: AnyUser, action: str) -> RegionQuerySet:
    """The regions where ``user`` may do ``action``: every region when the rule lets them do it
    anywhere (a national role, or a public action), else the regions of their regional roles
    that the rule names; none for a visitor. The one place that turns roles into regions."""
    if can(user, action):
        return Region.objects.select_related("province")
    return regions_held(user, RULES[action].regional)


def people_who(action: str, region: Region | None = None) -> list[User]:
    """The active users who may do ``action`` (for ``region``): whom a step concerns."""
    rule = RULES[action]
    found = Q(memberships__region=None, memberships__role__in=rule.national)
    if region is not None:
        found |= Q(memberships__region=region, memberships__role__in=rule.regional)
    if Role.NATIONAL_ADMIN in rule.national:
        found |= Q(is_superuser=True)
    return list(User.objects.filter(found, is_active=True).distinct().order_by("pk"))


def people_of(region: Region, roles: Iterable[str]) -> list[User]:
    """The active users holding one of the regional ``roles`` for ``region``."""
    return list(
        User.objects.filter(
            memberships__region=region, memberships__role__in=list(roles), is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def describe_roles(user: AnyUser) -> list[dict[str, Any]]:
    """The user's roles with their scope, for the account page."""
    if not user.is_authenticated:
        return []
    return [
        {"role": m.get_role_display(), "region": m.region}
        for m in Membership.objects.filter(user=user).select_related("region")
    ]
