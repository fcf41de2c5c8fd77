"""The shape of a demo masterplan as written by hand: plain, frozen data, no database."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class KpiSpec:
    name: str
    unit: str
    baseline: float
    final: float  # the target in the program's last year; the years between are interpolated


@dataclass(frozen=True)
class AnalysisSpec:
    key: str  # how programs refer to it
    kind: str
    dimension: str
    text: str


@dataclass(frozen=True)
class ProgramSpec:
    element: str
    title: str
    description: str
    opd: str
    partners: str
    technology: str
    years: tuple[int, int]
    budget: int  # a typical year, in millions of Rupiah; the loader spreads it over the years
    kpis: tuple[KpiSpec, ...]
    steps: tuple[str, ...]
    rpjmd: str
    answers: str = ""
    sources: tuple[tuple[str, float], ...] = (("apbd", 1.0),)
    quick_win: bool = False
    # Left out of the first submission and added after the first revision request.
    added_in_revision: bool = False


@dataclass(frozen=True)
class PlanSpec:
    region_code: str
    short_name: str  # for demo usernames: demo.<short_name>.lead
    status: str  # the status the demo ends in: enacted, approved or revision
    vision: str
    strategy: str
    missions: tuple[str, ...]
    targets: tuple[tuple[str, str], ...]  # (dimension, text)
    analysis: tuple[AnalysisSpec, ...]
    programs: tuple[ProgramSpec, ...]
    budget_envelope: int  # Rupiah per year
    consultation_summary: str
    regulation_number: str = ""
    regulation_date: date | None = None
    # Review notes, in order; a plan that ends in revision has two rounds.
    revision_notes: tuple[str, ...] = field(default_factory=tuple)
