"""Demo readiness assessments for the demo masterplans' regions (fixed seed, labelled demo)."""

import numpy as np
from django.db import transaction
from django.utils import timezone

from masterplans.models import Masterplan
from readiness.defaults import questionnaire_for
from readiness.models import Answer, Assessment

SEED = 2017


def readiness_demo_load() -> int:
    """Answers and assessor scores for each demo masterplan's region, once; returns answers."""
    rng = np.random.default_rng(SEED)
    created = 0
    with transaction.atomic():
        for masterplan in (
            Masterplan.objects.filter(is_demo=True).exclude(cohort=None).order_by("pk")
        ):
            questionnaire = questionnaire_for(masterplan.cohort)  # type: ignore[arg-type]
            record, new = Assessment.objects.get_or_create(
                region=masterplan.region,
                questionnaire=questionnaire,
                defaults={"is_demo": True, "submitted_at": timezone.now()},
            )
            if not new or not record.is_demo:
                continue
            level = rng.uniform(1.5, 3.2)
            rows = []
            for item in questionnaire.items.all():
                own = int(np.clip(round(level + 0.6 + rng.normal(0, 0.8)), 0, 4))
                rows.append(
                    Answer(
                        assessment=record,
                        item=item,
                        self_score=own,
                        answer="Data demo.",
                        assessor_score=int(np.clip(own - rng.integers(0, 2), 0, 4)),
                        assessor_note="Data demo: diverifikasi dalam wawancara.",
                    )
                )
            Answer.objects.bulk_create(rows)
            created += len(rows)
    return created
