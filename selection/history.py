"""Rounds of the program that happened before the platform: announced lists, recorded as
published historical rounds."""

from dataclasses import dataclass

from django.db import transaction

from regions.models import Region
from selection.models import RoundMethod, RoundResult, RoundStatus, SelectionRound


@dataclass(frozen=True)
class HistoricalPhase:
    name: str
    year: int
    source_note: str
    regions: list[str]


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
)


class HistoryError(Exception):
    pass


@transaction.atomic
def historical_rounds_load() -> bool:
    """Create the 2017 round if it is not there yet. Returns whether it was created."""
    phase = PHASE_2017
    if SelectionRound.objects.filter(method=RoundMethod.HISTORICAL, year=phase.year).exists():
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
    return True
