"""How many regions are in the movement: by the official counts the ministry published and by
name (the regions whose MoU is recorded), cohort by cohort, never claiming more than the
sources say."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from enrolment.models import Agreement
from selection.models import PublishedCohort, SelectionRound


@dataclass(frozen=True)
class CohortCount:
    round: SelectionRound
    known: int  # members recorded by name (signed MoU)
    official: int  # the published size; for a round run on the platform, its cohort
    repeats: int = 0  # of the official size, regions in an earlier cohort
    record: PublishedCohort | None = None  # what the sources say of a cohort before the platform

    @property
    def partial(self) -> bool:
        return self.known < self.official

    @property
    def label(self) -> str:
        """ "sebagian: 5 dari 25 diketahui" for a partial cohort, else the count."""
        return partial_label(self.known, self.official) if self.partial else str(self.known)


@dataclass
class Movement:
    cohorts: list[CohortCount] = field(default_factory=list)
    official_total: int = 0  # distinct regions by the official counts
    known_total: int = 0  # distinct regions known by name

    @property
    def partial(self) -> bool:
        return self.known_total < self.official_total

    @property
    def label(self) -> str:
        return partial_label(self.known_total, self.official_total)


def partial_label(known: int, official: int) -> str:
    return _("partial: %(known)s of %(official)s known") % {"known": known, "official": official}


def cohort_count(selection_round: SelectionRound) -> CohortCount:
    """One round's cohort: its members by name against its official size (3 queries)."""
    known = Agreement.objects.signed().filter(invitation__round=selection_round).count()
    published = PublishedCohort.objects.filter(round=selection_round).first()
    if published is None:
        return CohortCount(selection_round, known, known)
    return CohortCount(
        selection_round, known, published.official_count, published.official_repeats, published
    )


def movement() -> Movement:
    """Every published cohort by year, and the regions in the movement: by the official counts
    (each cohort's size less its repeats) and by name (3 queries)."""
    rounds = list(SelectionRound.objects.published().order_by("year", "pk"))
    published = {p.round_id: p for p in PublishedCohort.objects.filter(round__in=rounds)}
    board = Movement()
    seen: set[int] = set()
    members = (
        Agreement.objects.signed()
        .filter(invitation__round__in=rounds)
        .values_list("invitation__round_id", "invitation__region_id")
    )
    by_round: dict[int, set[int]] = {}
    for round_id, region_id in members:
        by_round.setdefault(round_id, set()).add(region_id)
    for selection_round in rounds:
        names = by_round.get(selection_round.pk, set())
        record = published.get(selection_round.pk)
        if record is not None:
            count = CohortCount(
                selection_round,
                len(names),
                record.official_count,
                record.official_repeats,
                record,
            )
            board.official_total += record.official_count - record.official_repeats
        elif names:
            count = CohortCount(selection_round, len(names), len(names))
            board.official_total += len(names - seen)
        else:
            continue
        seen |= names
        board.cohorts.append(count)
    board.known_total = len(seen)
    return board


def letter_reconstructible(selection_round: SelectionRound) -> bool:
    """Whether the selection letter can be typeset from what is recorded: always for a round
    run on the platform; for an announced list only when the sources name the whole cohort and
    the letter named no other region (2019's letter, for one, selected 25 regions of which the
    sources name 5; 2024's named a region the MoU list does not)."""
    from enrolment.models import Invitation, Origin

    if selection_round.method != "historical":
        return True
    return not cohort_count(selection_round).partial and not (
        Invitation.objects.filter(
            round=selection_round, origin=Origin.ANNOUNCED, active=False
        ).exists()
    )


def cohort_choices() -> list[tuple[int, str]]:
    """Every published round for a picker, by year; a partial cohort says so in its label."""
    counts = {count.round.pk: count for count in movement().cohorts}
    choices = []
    for pk, name in (
        SelectionRound.objects.published().order_by("year", "pk").values_list("pk", "name")
    ):
        count = counts.get(pk)
        choices.append((pk, f"{name} ({count.label})" if count and count.partial else name))
    return choices
