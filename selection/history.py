"""Rounds of the program that happened before the platform: announced lists, recorded as
published historical rounds."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from regions.models import Region
from selection.models import RoundMethod, RoundResult, RoundStatus, SelectionRound


@dataclass(frozen=True)
class HistoricalPhase:
    name: str
    year: int
    source_note: str
    regions: list[str]
    # The selection letter and the MoU signing, as published.
    decision_number: str
    decision_date: date
    mou_date: date
    mou_place: str
    steps_source: str


PHASE_2017 = HistoricalPhase(
    name="Gerakan Menuju 100 Smart City, Tahap I (2017)",
    year=2017,
    source_note=(
        "Kominfo, pengumuman 25 kabupaten/kota Tahap I Gerakan Menuju 100 Smart City (2017). "
        "24 dari 25 wilayah menyelesaikan masterplan; wilayah yang tidak menyelesaikan tidak "
        "dicatat di sini."
    ),
    regions=[
        "Kota Jambi",
        "Kabupaten Pelalawan",
        "Kabupaten Siak",
        "Kabupaten Banyuasin",
        "Kota Tangerang",
        "Kota Tangerang Selatan",
        "Kabupaten Purwakarta",
        "Kota Bandung",
        "Kota Bekasi",
        "Kota Bogor",
        "Kota Cirebon",
        "Kota Sukabumi",
        "Kabupaten Sleman",
        "Kota Semarang",
        "Kabupaten Banyuwangi",
        "Kabupaten Bojonegoro",
        "Kabupaten Gresik",
        "Kabupaten Sidoarjo",
        "Kabupaten Badung",
        "Kota Singkawang",
        "Kabupaten Kutai Kartanegara",
        "Kota Samarinda",
        "Kota Makassar",
        "Kota Tomohon",
        "Kabupaten Mimika",
    ],
    decision_number="265/KOMINFO/DJAI/AI.01.05/05/05/2017",
    decision_date=date(2017, 5, 5),
    mou_date=date(2017, 5, 22),
    mou_place="Makassar",
    steps_source=(
        "Surat 265/KOMINFO/DJAI/AI.01.05/05/05/2017, 5 Mei 2017: Bali Tribune, 24 Mei 2017, "
        "http://balitribune.co.id/content/kabupaten-badung-terpilih-sebagai-gerakan-menuju-"
        "100-smart-city ; MoU 22 Mei 2017, Makassar: Detakpos, https://detakpos.com/peristiwa/"
        "kang-yoto-teken-mou-gerakan-menuju-smart-city-bersama-24-kepala-daerah-lainnya/"
    ),
)


class HistoryError(Exception):
    pass


@transaction.atomic
def historical_rounds_load() -> bool:
    """Create the 2017 round if it is not there yet, with its selection letter and the MoU
    each region signed (recorded also for a round made before they were). Returns whether the
    round was created."""
    phase = PHASE_2017
    existing = SelectionRound.objects.filter(method=RoundMethod.HISTORICAL, year=phase.year).first()
    if existing is not None:
        _record_steps(existing, phase)
        return False
    regions = {r.name: r for r in Region.objects.filter(name__in=phase.regions)}
    unknown = sorted(set(phase.regions) - set(regions))
    if unknown:
        raise HistoryError(f"regions not in the registry: {unknown}")
    selection_round = SelectionRound.objects.create(
        name=phase.name,
        year=phase.year,
        total=len(phase.regions),
        method=RoundMethod.HISTORICAL,
        indicator_year=phase.year,
        source_note=phase.source_note,
        sensitivity_draws=0,
        status=RoundStatus.COMPUTED,
    )
    RoundResult.objects.bulk_create(
        [
            RoundResult(
                round=selection_round, region=regions[name], selected=True, reason="historical"
            )
            for name in phase.regions
        ]
    )
    from selection.rounds import round_publish

    round_publish(selection_round=selection_round)
    _record_steps(selection_round, phase)
    return True


def _record_steps(selection_round: SelectionRound, phase: HistoricalPhase) -> None:
    from enrolment.services import Announced, record_announced

    codes = selection_round.results.filter(selected=True).values_list("region__code", flat=True)
    record_announced(
        selection_round=selection_round,
        codes=list(codes),
        announced=Announced(
            decision_number=phase.decision_number,
            decision_date=phase.decision_date,
            mou_date=phase.mou_date,
            mou_place=phase.mou_place,
            source=phase.steps_source,
        ),
    )
