"""Demo follow-through for the demo masterplans and the 2017 cohort: quarterly progress of the
programs, yearly evaluations with scores, and their awards. Generated with a fixed seed and
labelled demo wherever it is shown; real reports and scores replace them."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.utils import timezone

from enrolment.services import cohort_codes
from evaluation.index import COMPONENTS, default_weights
from evaluation.models import Rubric, RubricStatus, Score
from evaluation.results import propose_awards
from masterplans.models import Dimension, Masterplan, Program
from monitoring.models import ProgressReport, ProgressStatus
from selection.models import SelectionRound

SEED = 2018
DEMO_YEARS = (2018, 2019)


@dataclass
class FollowupResult:
    reports: int = 0
    rubrics: int = 0
    scores: int = 0
    awards: int = 0


def _reports_for(program: Program, rng: np.random.Generator, until: date) -> list[ProgressReport]:
    """A quarterly story per program: it starts, moves on (or slips), and ends done or late."""
    reports = []
    pace = rng.uniform(0.6, 1.3)
    slipped = rng.random() < 0.2
    quarters = [
        (y, q)
        for y in range(program.start_year, program.end_year + 1)
        for q in range(1, 5)
        if date(y, q * 3, 1) <= until
    ]
    total = (program.end_year - program.start_year + 1) * 4
    for i, (year, quarter) in enumerate(quarters):
        share = min(1.0, (i + 1) / total * pace * (0.7 if slipped else 1.0))
        percent = round(100 * share)
        if percent >= 100:
            status = ProgressStatus.DONE
        elif slipped and i >= 2:
            status = ProgressStatus.DELAYED
        else:
            status = ProgressStatus.ON_TRACK if i else ProgressStatus.NOT_STARTED
        planned = sum(b.amount for b in program.budget_lines.all() if b.year == year) / 4
        reports.append(
            ProgressReport(
                program=program,
                year=year,
                quarter=quarter,
                status=status,
                percent_entered=percent,
                budget_realised=int(planned * rng.uniform(0.5, 1.0)),
                note="Data demo.",
                is_demo=True,
            )
        )
    return reports


def followup_demo_load(today: date | None = None) -> FollowupResult:
    """Idempotent: demo rows are created once; anything real is never touched."""
    rng = np.random.default_rng(SEED)
    result = FollowupResult()
    until = date(2019, 12, 31) if today is None else min(today, date(2019, 12, 31))
    with transaction.atomic():
        plans = Masterplan.objects.filter(is_demo=True, status__in=("approved", "enacted"))
        programs = Program.objects.filter(masterplan__in=plans).prefetch_related("budget_lines")
        if not ProgressReport.objects.filter(program__masterplan__in=plans).exists():
            rows = [r for p in programs.order_by("pk") for r in _reports_for(p, rng, until)]
            ProgressReport.objects.bulk_create(rows)
            result.reports = len(rows)
        cohort = SelectionRound.objects.filter(year=2017, method="historical").first()
        if cohort is None:
            return result
        from regions.models import Region

        regions = list(Region.objects.filter(code__in=cohort_codes(cohort)).order_by("code"))
        strength = {r.pk: rng.uniform(1.6, 3.4) for r in regions}
        for year in DEMO_YEARS:
            # The demo year's own calendar: verified in November, published and awarded in
            # December of that year (not the day the demo was loaded).
            verified = timezone.make_aware(datetime(year, 11, 15, 10, 0))
            awarded = timezone.make_aware(datetime(year, 12, 10, 10, 0))
            rubric, created = Rubric.objects.get_or_create(
                year=year,
                defaults={
                    "title": f"Evaluasi Gerakan Menuju 100 Smart City {year} (demo)",
                    "weights": default_weights(year),
                    "status": RubricStatus.PUBLISHED,
                    "published_at": awarded,
                    "is_demo": True,
                },
            )
            if not created or not rubric.is_demo:
                continue
            result.rubrics += 1
            scores = []
            for region in regions:
                base = strength[region.pk] + (0.25 if year == 2019 else 0) + rng.normal(0, 0.15)
                for dimension in Dimension.values:
                    for component in COMPONENTS:
                        value = float(np.clip(base + rng.normal(0, 0.45), 0, 4))
                        scores.append(
                            Score(
                                rubric=rubric,
                                region=region,
                                dimension=dimension,
                                component=component,
                                self_score=Decimal(f"{min(4.0, value + 0.4):.2f}"),
                                assessor_score=Decimal(f"{value:.2f}"),
                                assessor_note="Data demo.",
                                verified_at=verified,
                            )
                        )
            Score.objects.bulk_create(scores)
            result.scores += len(scores)
            for award in propose_awards(rubric):
                if award.proposed is not None:
                    award.region = award.proposed
                    award.reason = ""
                    award.decided_at = awarded
                    award.save()
                    result.awards += 1
    return result
