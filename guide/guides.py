"""The help section's guides: one short page per role of the program, and who each is for.

A guide's prose lives in one template per language (``templates/guide/<language>/<name>.html``),
so that it reads and is edited as prose; adding a guide is adding a line here, its two templates
and its route. A guide links a page with ``{% page_link "url:name" "text" %}``: the link shows
to a reader who may open the page, the text with the roles that may to any other reader.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.access import AnyUser
from accounts.models import Role

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Guide:
    name: str  # its URL name and its templates' name
    title: Any
    summary: Any
    # The roles whose work it explains; none: everyone's (the public's).
    roles: frozenset[str] = frozenset()

    @property
    def url_name(self) -> str:
        return f"guide:{self.name}"

    def template(self) -> str:
        return f"guide/{guide_language()}/{self.name}.html"


GUIDES: tuple[Guide, ...] = (
    Guide(
        "national",
        _("National program team"),
        _(
            "The ministry's program officers: open a phase, run the selection, assign mentors "
            "and assessors, review masterplans, run the evaluation and the awards."
        ),
        frozenset({Role.NATIONAL_ADMIN, Role.PROGRAM_OFFICER, Role.VIEWER}),
    ),
    Guide(
        "regional",
        _("Regional smart city team"),
        _(
            "The lead and editors of a kota or kabupaten: write the region's masterplan, "
            "answer the readiness questions, report progress and assess the year."
        ),
        frozenset({Role.REGIONAL_LEAD, Role.REGIONAL_EDITOR}),
    ),
    Guide(
        "mentor",
        _("Mentor and technology advisor"),
        _(
            "Accompany the regions assigned to you: read their drafts, comment on them and "
            "record the bimtek held with them."
        ),
        frozenset({Role.MENTOR, Role.TECH_ADVISOR}),
    ),
    Guide(
        "assessor",
        _("Assessor and jury"),
        _(
            "Interview invited regions, score their readiness, verify the yearly "
            "self-assessment of the regions assigned to you."
        ),
        frozenset({Role.ASSESSOR}),
    ),
    Guide(
        "public",
        _("Residents and the public"),
        _(
            "Read the masterplans, follow the quick wins and the progress of every region, "
            "and comment on a draft while it is open for consultation."
        ),
    ),
)
BY_NAME = {guide.name: guide for guide in GUIDES}


def guide_language() -> str:
    """The language of the guides' prose: English when it is chosen, else Indonesian."""
    return "en" if (get_language() or "id").startswith("en") else "id"


def guides_for(roles: set[str]) -> list[Guide]:
    """The guides that explain the work of the given roles (none: the public's)."""
    mine = [guide for guide in GUIDES if guide.roles & roles]
    return mine or [BY_NAME["public"]]


# The pages the guides link to that not everyone may open, with the rule of ``accounts.access``
# their view checks (``kotacerdas.access_matrix`` holds who may open each: the guide tests
# check the two agree). Every other page the guides link to is public.
PAGE_RULES: dict[str, str] = {
    "accounts:account": "account.use",
    "inbox:home": "account.use",
    "selection:import": "indicator.import",
    "selection:round_new": "round.manage",
    "masterplans:new": "masterplan.create",
    "monitoring:late": "progress.watch",
    "evaluation:rubric_new": "evaluation.manage",
}


def may_open(user: AnyUser, url_name: str) -> bool:
    """Whether ``user`` may open the page: its rule lets them, anywhere or for a region of
    theirs (a region's lead starts that region's masterplan)."""
    rule = PAGE_RULES.get(url_name)
    if rule is None:
        return True
    return access.can_somewhere(user, rule)


def signed_in_only(url_name: str) -> bool:
    """A page every signed-in person may open: a visitor reaches it through the log-in."""
    rule = PAGE_RULES.get(url_name)
    return rule is not None and access.RULES[rule].authenticated


def roles_for(url_name: str) -> list[Role]:
    """The roles that may open the page, in the order of the roles."""
    rule = access.RULES[PAGE_RULES[url_name]]
    return [role for role in Role if role in rule.national | rule.regional]
