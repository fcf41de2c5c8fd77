"""The four technical workshops (bimtek I-IV) of the 2017 cohort as demo records.

The real 2017 dates, places and attendance are not known here: everything below is demo, and
labelled so on the page.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from mentoring.models import Workshop, WorkshopAttendance
from regions.models import Region
from selection.models import SelectionRound


@dataclass(frozen=True)
class WorkshopDemo:
    number: int
    start_date: date
    end_date: date
    place: str
    outputs: str


# About four months of mentoring after the 2017 announcement. Demo dates and places.
WORKSHOPS_2017_DEMO = (
    WorkshopDemo(
        1,
        date(2017, 6, 13),
        date(2017, 6, 15),
        "Jakarta (demo)",
        "Penilaian kesiapan struktur, infrastruktur dan suprastruktur; analisis SWOT dan "
        "kesenjangan per dimensi; tantangan dan peluang daerah.",
    ),
    WorkshopDemo(
        2,
        date(2017, 7, 18),
        date(2017, 7, 20),
        "Jakarta (demo)",
        "Visi dan misi smart city; program per dimensi dipetakan ke program RPJMD dan Renstra "
        "OPD; OPD penanggung jawab.",
    ),
    WorkshopDemo(
        3,
        date(2017, 8, 22),
        date(2017, 8, 24),
        "Bandung (demo)",
        "Inovasi teknologi dan kebijakan per program; mitra, teknologi dan skema pendanaan "
        "(APBD, APBN/DAK, KPBU, CSR).",
    ),
    WorkshopDemo(
        4,
        date(2017, 9, 26),
        date(2017, 9, 28),
        "Jakarta (demo)",
        "Rencana aksi tahun 1-2, quick win per dimensi dengan OPD pemilik, peta jalan 10 tahun "
        "dan rancangan Perwali/Perbup.",
    ),
)

DEMO_SEED = 2017


def demo_attendance(region_names: list[str]) -> list[tuple[int, str, bool, int, str]]:
    """(workshop number, region name, present, attendees, names) for each region and workshop:
    most regions send three to six people, a few miss one workshop. Seeded, labelled demo.

    Pass the 2017 cohort's region names (``selection.history.cohort_file(2017)``).
    """
    rng = random.Random(DEMO_SEED)  # noqa: S311 (plausible figures)
    rows = []
    for number in range(1, 5):
        for name in region_names:
            present = rng.random() > 0.06
            attendees = rng.randint(3, 6) if present else 0
            names = (
                "\n".join(
                    f"Peserta {i} {name} (demo): Bappeda, Diskominfo, OPD teknis"
                    for i in range(1, attendees + 1)
                )
                if present
                else ""
            )
            rows.append((number, name, present, attendees, names))
    return rows


def workshops_demo_load() -> int:
    """Create the 2017 cohort's demo workshops and attendance once; returns rows created."""
    cohort = SelectionRound.objects.filter(year=2017, method="historical").first()
    if cohort is None or Workshop.objects.filter(cohort=cohort).exists():
        return 0
    from enrolment.services import cohort_codes

    regions = {r.name: r for r in Region.objects.filter(code__in=cohort_codes(cohort))}
    created = 0
    with transaction.atomic():
        workshops = {}
        for item in WORKSHOPS_2017_DEMO:
            workshops[item.number] = Workshop.objects.create(
                cohort=cohort,
                number=item.number,
                start_date=item.start_date,
                end_date=item.end_date,
                place=item.place,
                outputs=item.outputs,
                is_demo=True,
            )
            created += 1
        for number, name, present, attendees, names in demo_attendance(list(regions)):
            WorkshopAttendance.objects.create(
                workshop=workshops[number],
                region=regions[name],
                present=present,
                attendees=attendees,
                names=names,
            )
            created += 1
    return created
