"""The public library of programs: search over every published masterplan's programs, and the
programs like a given one in other regions."""

import re
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from kotacerdas.params import id_param
from masterplans.models import PUBLIC_STATUSES, BudgetLine, FundingSource, Masterplan, Program
from monitoring.models import ProgressReport

PUBLIC = PUBLIC_STATUSES
SEARCHED_FIELDS = (
    "title",
    "description",
    "technology",
    "opd",
    "partners",
    "rpjmd_program",
    "masterplan__region__name",
)
# Words too common in program titles to say two programs are alike.
STOPWORDS = frozenset(
    [
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "yang",
        "dengan",
        "pada",
        "dalam",
        "sistem",
        "program",
        "pengembangan",
        "peningkatan",
        "layanan",
        "berbasis",
        "kota",
        "kabupaten",
        "daerah",
        "smart",
        "digital",
        "online",
        "aplikasi",
    ]
)


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[0-9a-zA-Z\u00C0-\u024F]+", text.lower()) if len(w) > 1]


def public_programs() -> QuerySet[Program]:
    return Program.objects.filter(masterplan__status__in=PUBLIC).select_related(
        "masterplan__region__province"
    )


def search_programs(query: str, filters: dict[str, str]) -> QuerySet[Program]:
    """Programs of public masterplans containing every word of ``query`` in any searched field."""
    programs = public_programs()
    for word in words(query)[:8]:
        match = Q()
        for name in SEARCHED_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        programs = programs.filter(match)
    if filters.get("dimension"):
        programs = programs.filter(dimension=filters["dimension"])
    if filters.get("island_group"):
        programs = programs.filter(
            masterplan__region__province__island_group=filters["island_group"]
        )
    if filters.get("source") in FundingSource.values:
        programs = programs.filter(funding_source=filters["source"])
    if filters.get("quick_wins"):
        programs = programs.filter(is_quick_win=True)
    if filters.get("province"):
        programs = programs.filter(masterplan__region__province__code=filters["province"])
    if (cohort := id_param(filters.get("cohort"))) is not None:
        programs = programs.filter(masterplan__cohort_id=cohort)
    if filters.get("edition") == "current":
        # The programs regions follow: not those of an edition a newer public one replaced.
        programs = programs.exclude(masterplan__in=Masterplan.objects.superseded())
    if (year := id_param(filters.get("budget_year"))) is not None:
        lines = BudgetLine.objects.filter(program=OuterRef("pk"), year=year)
        programs = programs.filter(Exists(lines)).annotate(year_planned=_total(lines, "amount"))
    if (year := id_param(filters.get("realised_year"))) is not None:
        reports = ProgressReport.objects.filter(program=OuterRef("pk"), year=year)
        programs = programs.filter(Exists(reports)).annotate(
            year_realised=_total(reports, "budget_realised")
        )
    return programs.order_by("masterplan__region__code", "position", "code")


def _total(rows: QuerySet[Any], field: str) -> Coalesce:
    """The sum of ``field`` over ``rows`` of the outer program, 0 when there is none."""
    summed = rows.order_by().values("program").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(summed[:1]), 0)


def year_total(programs: QuerySet[Program], filters: dict[str, str]) -> int | None:
    """What the programs add up to in the year of the filter: planned in their budget lines
    (``budget_year``) or realised as reported (``realised_year``); None without either."""
    if id_param(filters.get("budget_year")) is not None:
        field = "year_planned"
    elif id_param(filters.get("realised_year")) is not None:
        field = "year_realised"
    else:
        return None
    return int(programs.order_by().aggregate(total=Sum(field))["total"] or 0)


# The longest words of a program's title and technology that candidates are searched by, and
# how many candidates are scored at most.
SIMILAR_WORDS = 8
SIMILAR_CANDIDATES = 300


def similar_programs(program: Program, limit: int = 5) -> list[dict[str, Any]]:
    """Programs of other regions' public masterplans for the same element, most shared title
    and technology words first (two queries at most). The database keeps only programs that
    carry one of the words, so at national scale a match is never cut off by the cap."""
    own = set(words(f"{program.title} {program.technology}")) - STOPWORDS
    same_element = (
        public_programs()
        .filter(element=program.element)
        .exclude(masterplan__region_id=program.masterplan.region_id)
        .only(
            "pk",
            "code",
            "title",
            "technology",
            "element",
            "is_quick_win",
            "masterplan__region__name",
            "masterplan__region__code",
            "masterplan__region__province__island_group",
            "masterplan__status",
        )
    )
    carrying = Q()
    for word in sorted(own, key=lambda w: (-len(w), w))[:SIMILAR_WORDS]:
        carrying |= Q(title__icontains=word) | Q(technology__icontains=word)
    candidates = list(same_element.filter(carrying)[:SIMILAR_CANDIDATES]) if own else []
    if len(candidates) < limit:  # too few share a word: the element's other programs fill in
        candidates += same_element.exclude(pk__in=[c.pk for c in candidates])[
            : limit - len(candidates)
        ]
    scored = []
    for other in candidates:
        shared = own & set(words(f"{other.title} {other.technology}"))
        scored.append(
            (-len(shared), other.masterplan.region.code, other.code, other, sorted(shared))
        )
    scored.sort(key=lambda item: item[:3])
    return [{"program": item[3], "shared": item[4]} for item in scored[:limit]]
