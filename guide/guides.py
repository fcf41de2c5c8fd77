"""The help section's guides: one short page per role of the program, and who each is for.

A guide's prose lives in one template per language (``templates/guide/<language>/<name>.html``),
so that it reads and is edited as prose; adding a guide is adding a line here, its two templates
and its route.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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
