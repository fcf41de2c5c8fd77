"""Cohorts that came before the platform, from the data files in ``data/cohorts/`` (one per
year; the format is in that folder's README): each is recorded as a published historical round
with its official size, its letters, and for every member named by a source the invitation,
the MoU and where the member is named. Loading again brings the database to the files: a
member added to a file is added, one removed is removed, and nothing else changes."""

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas import data_versions
from regions.models import Region
from selection.models import (
    PublishedCohort,
    RoundMethod,
    RoundResult,
    RoundStatus,
    SelectionRound,
)

LETTER_ROLES = {"selection", "assessment", "mou_invitation"}
FILE_KEYS = {
    "year",
    "name",
    "official_count",
    "official_repeats",
    "count_source",
    "note",
    "mou",
    "letters",
    "members",
    "named_elsewhere",
}
MEMBER_KEYS = {"code", "name", "registry_name", "source", "source_date", "note"}
ELSEWHERE_KEYS = MEMBER_KEYS | {"letter"}
LETTER_KEYS = {"role", "number", "date", "source", "note"}
MOU_KEYS = {"date", "place", "source"}


def cohorts_dir() -> Path:
    return Path(settings.KC_DATA_DIR) / "cohorts"


class HistoryError(Exception):
    """A cohort file that cannot be loaded: the message names the file, the entry and the
    field."""


@dataclass(frozen=True)
class Letter:
    role: str
    number: str
    date: date
    source: str
    note: str = ""


@dataclass(frozen=True)
class Member:
    code: str
    name: str  # as published
    source: str
    source_date: str  # "2019-05-15", or "2019-07" / "2021" where the day is not known
    note: str = ""
    letter: str = ""  # named_elsewhere only: the letter that names it

    @property
    def source_text(self) -> str:
        text = f"{self.name}: {self.source} ({self.source_date})"
        if self.letter:
            text = f"{self.name}: {self.letter}; {self.source} ({self.source_date})"
        return f"{text}. {self.note}" if self.note else text


@dataclass(frozen=True)
class CohortFile:
    path: Path
    year: int
    name: str
    official_count: int
    official_repeats: int
    count_source: str
    note: str
    mou_date: date | None
    mou_place: str
    mou_source: str
    letters: list[Letter]
    members: list[Member]
    named_elsewhere: list[Member]

    @property
    def decision(self) -> Letter | None:
        """The letter that selected the cohort, when its number is known."""
        return next((letter for letter in self.letters if letter.role == "selection"), None)

    @property
    def announced_on(self) -> date | None:
        """The first date the sources give for the cohort: its first letter, else its MoU,
        else the first dated source that names a member."""
        dates = [letter.date for letter in self.letters]
        if dates:
            return min(dates)
        if self.mou_date:
            return self.mou_date
        named = [
            date.fromisoformat(m.source_date) for m in self.members if len(m.source_date) == 10
        ]
        return min(named) if named else None


class _Reader:
    """Reads one file, collecting every problem with its place before giving up."""

    def __init__(self, path: Path, registry: dict[str, str]) -> None:
        self.path = path
        self.registry = registry
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path.name}, {where}: {message}")

    def text(self, table: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            self.problem(where, _("field “%(field)s” must be text") % {"field": key})
            return ""
        if required and not value.strip():
            self.problem(where, _("field “%(field)s” is empty") % {"field": key})
        return value.strip()

    def count(self, table: dict[str, Any], key: str, where: str, default: int | None) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 514:
            self.problem(
                where, _("field “%(field)s” must be a whole number from 0 to 514") % {"field": key}
            )
            return 0
        return value

    def day(self, table: dict[str, Any], key: str, where: str, *, required: bool) -> date | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, date) or isinstance(value, datetime):
            self.problem(where, _("field “%(field)s” must be a date (2024-03-05)") % {"field": key})
            return None
        return value

    def longest(self, table: Any, key: str, where: str, most: int = 120) -> None:
        value = table.get(key, "") if isinstance(table, dict) else ""
        if isinstance(value, str) and len(value) > most:
            self.problem(
                where,
                _("field “%(field)s” is longer than %(most)s characters")
                % {"field": key, "most": most},
            )

    def keys(self, table: Any, allowed: set[str], where: str) -> bool:
        if not isinstance(table, dict):
            self.problem(where, _("must be a table"))
            return False
        for key in sorted(set(table) - allowed):
            self.problem(where, _("unknown field “%(field)s”") % {"field": key})
        return True

    def member(self, table: Any, where: str, allowed: set[str]) -> Member | None:
        if not self.keys(table, allowed, where):
            return None
        code = self.text(table, "code", where)
        name = self.text(table, "name", where)
        registry_name = self.text(table, "registry_name", where, required=False) or name
        if code and code not in self.registry:
            self.problem(where, _("code %(code)s is not in the registry") % {"code": code})
        elif code and self.registry[code] != registry_name:
            self.problem(
                where,
                _(
                    "code %(code)s is “%(registry)s” in the registry, not “%(name)s” (a name "
                    "spelt otherwise goes in registry_name)"
                )
                % {"code": code, "registry": self.registry[code], "name": registry_name},
            )
        source_date = table.get("source_date")
        if isinstance(source_date, date) and not isinstance(source_date, datetime):
            shown = source_date.isoformat()
        elif isinstance(source_date, str) and _partial_date(source_date):
            shown = source_date
        else:
            self.problem(
                where,
                _("field “source_date” must be a date, or a month (2019-07) or a year (2021)"),
            )
            shown = ""
        return Member(
            code=code,
            name=name,
            source=self.text(table, "source", where),
            source_date=shown,
            note=self.text(table, "note", where, required=False),
            letter=self.text(table, "letter", where, required="letter" in allowed),
        )

    def read(self) -> CohortFile:
        try:
            with self.path.open("rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise HistoryError(f"{self.path.name}: {exc}") from None
        head = _("file")
        self.keys(data, FILE_KEYS, head)
        year = data.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or str(year) != self.path.stem:
            self.problem(
                head,
                _("field “year” must be the file's name (%(stem)s)") % {"stem": self.path.stem},
            )
            year = 0
        official = self.count(data, "official_count", head, None)
        repeats = self.count(data, "official_repeats", head, 0)
        if repeats > official:
            self.problem(head, _("more repeats than regions in the cohort"))
        mou = data.get("mou", {})
        mou_date = None
        if official and self.keys(mou, MOU_KEYS, "mou"):
            mou_date = self.day(mou, "date", "mou", required=False)
        letters = []
        for n, table in enumerate(data.get("letters", []), start=1):
            where = _("letter %(n)s") % {"n": n}
            if not self.keys(table, LETTER_KEYS, where):
                continue
            role = self.text(table, "role", where)
            if role and role not in LETTER_ROLES:
                self.problem(
                    where,
                    _("field “role” must be one of %(roles)s")
                    % {"roles": ", ".join(sorted(LETTER_ROLES))},
                )
            letters.append(
                Letter(
                    role=role,
                    number=self.text(table, "number", where),
                    date=self.day(table, "date", where, required=True) or date.min,
                    source=self.text(table, "source", where),
                    note=self.text(table, "note", where, required=False),
                )
            )
        members = self._members(data, "members", MEMBER_KEYS, _("member %(n)s"))
        elsewhere = self._members(
            data, "named_elsewhere", ELSEWHERE_KEYS, _("named elsewhere %(n)s")
        )
        for n, member in enumerate(elsewhere, start=1):
            if member.code in {m.code for m in members}:
                self.problem(
                    _("named elsewhere %(n)s") % {"n": n},
                    _("code %(code)s is also a member") % {"code": member.code},
                )
        self.longest(data, "name", head)
        self.longest(mou, "place", "mou")
        for n, table in enumerate(data.get("letters", []), start=1):
            self.longest(table, "number", _("letter %(n)s") % {"n": n})
        numbers = {letter.number for letter in letters}
        for n, member in enumerate(elsewhere, start=1):
            if member.letter and member.letter not in numbers:
                self.problem(
                    _("named elsewhere %(n)s") % {"n": n},
                    _("letter %(number)s is not among the file's letters")
                    % {"number": member.letter},
                )
        if len(members) > official:
            self.problem(
                head,
                _("%(known)s members named, more than the official count of %(official)s")
                % {"known": len(members), "official": official},
            )
        if self.problems:
            raise HistoryError("\n".join(self.problems))
        return CohortFile(
            path=self.path,
            year=year,
            name=self.text(data, "name", head),
            official_count=official,
            official_repeats=repeats,
            count_source=self.text(data, "count_source", head),
            note=self.text(data, "note", head, required=False),
            mou_date=mou_date,
            mou_place=self.text(mou, "place", "mou", required=False) if official else "",
            mou_source=self.text(mou, "source", "mou", required=False) if official else "",
            letters=letters,
            members=members,
            named_elsewhere=elsewhere,
        )

    def _members(
        self, data: dict[str, Any], key: str, allowed: set[str], label: str
    ) -> list[Member]:
        found: list[Member] = []
        seen: set[str] = set()
        for n, table in enumerate(data.get(key, []), start=1):
            where = label % {"n": n}
            member = self.member(table, where, allowed)
            if member is None:
                continue
            if member.code in seen:
                self.problem(where, _("code %(code)s is listed twice") % {"code": member.code})
            seen.add(member.code)
            found.append(member)
        return found


def _partial_date(text: str) -> bool:
    parts = text.split("-")
    return (
        len(parts) in (1, 2)
        and len(parts[0]) == 4
        and all(p.isdigit() for p in parts)
        and (len(parts) == 1 or (len(parts[1]) == 2 and 1 <= int(parts[1]) <= 12))
    )


def cohort_files(directory: Path | None = None) -> list[CohortFile]:
    """Every cohort file, read and checked against the registry, by year."""
    registry = dict(Region.objects.values_list("code", "name"))
    paths = sorted((directory or cohorts_dir()).glob("*.toml"))
    problems: list[str] = []
    files: list[CohortFile] = []
    for path in paths:
        try:
            files.append(_Reader(path, registry).read())
        except HistoryError as exc:
            problems.append(str(exc))
    if problems:
        raise HistoryError("\n".join(problems))
    return files


def cohort_file(year: int, directory: Path | None = None) -> CohortFile:
    registry = dict(Region.objects.values_list("code", "name"))
    return _Reader((directory or cohorts_dir()) / f"{year}.toml", registry).read()


@dataclass(frozen=True)
class Loaded:
    year: int
    created: bool
    added: int
    removed: int
    known: int
    official: int


@transaction.atomic
def historical_rounds_load(
    directory: Path | None = None, years: set[int] | None = None
) -> list[Loaded]:
    """Record every cohort file (or those of ``years``) as a published historical round; a
    round loaded before is brought to its file. A file with no cohort (2020) records none."""
    loaded: list[Loaded] = []
    # The bulk writes send no signal: the cached pages learn of them from this.
    transaction.on_commit(data_versions.bump)
    for cohort in cohort_files(directory):
        if years is not None and cohort.year not in years:
            continue
        if cohort.official_count:
            loaded.append(_load(cohort))
    return loaded


def _load(cohort: CohortFile) -> Loaded:
    from enrolment.services import Announced, AnnouncedMember, record_announced

    announced_on = cohort.announced_on
    published_at = (
        timezone.make_aware(datetime.combine(announced_on, time(12)))
        if announced_on
        else timezone.now()
    )
    fields = {
        "name": cohort.name,
        "total": cohort.official_count,
        "source_note": cohort.note,
        "published_at": published_at,
    }
    selection_round = SelectionRound.objects.filter(
        method=RoundMethod.HISTORICAL, year=cohort.year
    ).first()
    created = selection_round is None
    if selection_round is None:
        selection_round = SelectionRound.objects.create(
            year=cohort.year,
            method=RoundMethod.HISTORICAL,
            indicator_year=cohort.year,
            sensitivity_draws=0,
            status=RoundStatus.PUBLISHED,
            **fields,
        )
    else:
        if announced_on is None:  # no date in the sources: the one recorded stays
            fields.pop("published_at")
        # A published round refuses save(); these are the file's own fields.
        SelectionRound.objects.filter(pk=selection_round.pk).update(**fields)
    PublishedCohort.objects.update_or_create(
        round=selection_round,
        defaults={
            "official_count": cohort.official_count,
            "official_repeats": cohort.official_repeats,
            "count_source": cohort.count_source,
            "letters": [
                {
                    "role": letter.role,
                    "number": letter.number,
                    "date": letter.date.isoformat(),
                    "source": letter.source,
                    "note": letter.note,
                }
                for letter in cohort.letters
            ],
            "data_file": f"data/cohorts/{cohort.path.name}",
        },
    )
    codes = {member.code for member in cohort.members}
    regions = dict(Region.objects.filter(code__in=codes).values_list("code", "pk"))
    stored = dict(
        selection_round.results.filter(reason="historical").values_list("region__code", "pk")
    )
    RoundResult.objects.bulk_create(
        [
            RoundResult(
                round=selection_round, region_id=regions[code], selected=True, reason="historical"
            )
            for code in sorted(codes - set(stored))
        ]
    )
    RoundResult.objects.filter(
        pk__in=[pk for code, pk in stored.items() if code not in codes]
    ).delete()
    decision = cohort.decision
    record_announced(
        selection_round=selection_round,
        members=[
            *(AnnouncedMember(m.code, m.source_text) for m in cohort.members),
            *(
                AnnouncedMember(m.code, m.source_text, withdrawn=True)
                for m in cohort.named_elsewhere
            ),
        ],
        announced=Announced(
            decision_number=decision.number if decision else "",
            decision_date=decision.date if decision else None,
            decision_source=decision.source if decision else "",
            mou_date=cohort.mou_date,
            mou_place=cohort.mou_place,
            mou_source=cohort.mou_source,
        ),
    )
    return Loaded(
        year=cohort.year,
        created=created,
        added=len(codes - set(stored)),
        removed=len(set(stored) - codes),
        known=len(codes),
        official=cohort.official_count,
    )
