"""Only autonomous regions are candidates: DKI Jakarta's administrative cities and regency
(UU 29/2007) are never in a computed round, carry no fiscal capacity value, and their pages
and the round's page say why."""

import pytest
from django.core.management import call_command
from django.test import Client

from regions.models import Region
from selection.exports import eligibility_texts
from selection.models import IndicatorValue
from selection.rounds import round_compute
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db
ADMINISTRATIVE = ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]


def test_the_registry_marks_exactly_jakartas_administrative_regions() -> None:
    assert (
        list(
            Region.objects.filter(autonomous=False).order_by("code").values_list("code", flat=True)
        )
        == ADMINISTRATIVE
    )
    assert all("Administrasi" in r.name for r in Region.objects.filter(autonomous=False))
    assert Region.objects.autonomous().count() == 508


def test_jakartas_administrative_regions_are_never_in_a_computed_round(
    indicator_values,  # type: ignore[no-untyped-def]
) -> None:
    # The fixture gives them values too: they are left out for what they are, not for a gap.
    assert IndicatorValue.objects.filter(region__code="31.75", indicator__code="kkd").exists()

    selection_round = round_compute(selection_round=make_round())

    codes = set(selection_round.results.values_list("region__code", flat=True))
    assert selection_round.results.count() == 508
    assert codes.isdisjoint(ADMINISTRATIVE)
    assert "31.75" not in selection_round.input_snapshot["regions"]
    assert {"31.73", "32.73"} - codes == {"31.73"}


def test_the_round_says_who_is_a_candidate(client: Client, officer, indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(selection_round=make_round())
    client.force_login(officer)

    page = client.get(f"/seleksi/putaran/{selection_round.pk}/").content.decode()

    assert "Hanya daerah otonom yang menjadi kandidat" in page
    assert "UU 29/2007" in page
    assert eligibility_texts(selection_round)[0].startswith(
        "Hanya daerah otonom yang menjadi kandidat: Kabupaten Administrasi Kepulauan Seribu, "
        "Kota Administrasi Jakarta Pusat"
    )


def test_demo_values_give_them_no_fiscal_capacity_or_performance() -> None:
    call_command("load_selection_data", verbosity=0)

    for code in ("kkd", "kinerja"):
        values = IndicatorValue.objects.filter(indicator__code=code)
        assert not values.filter(region__code__in=ADMINISTRATIVE).exists()
        assert values.filter(region__code="31.75").count() == 0
        assert values.filter(region__code="32.73").exists()
    # Residents are counted for them as for every region.
    assert IndicatorValue.objects.filter(region__code="31.75", indicator__code="penduduk").exists()


def test_an_administrative_regions_page_says_it_is_part_of_the_province(client: Client) -> None:
    jakarta_timur = client.get("/wilayah/31.75/").content.decode()
    bandung = client.get("/wilayah/32.73/").content.decode()

    assert 'data-autonomy="administrative"' in jakarta_timur
    assert "bagian dari Provinsi Daerah Khusus Ibukota Jakarta" in jakarta_timur
    assert "data-autonomy" not in bandung


def test_the_committee_cannot_add_an_administrative_region(indicator_values) -> None:  # type: ignore[no-untyped-def]
    from selection.rounds import RoundError, round_override

    selection_round = round_compute(selection_round=make_round())

    with pytest.raises(RoundError, match="bukan daerah otonom"):
        round_override(
            selection_round=selection_round,
            region=Region.objects.get(code="31.75"),
            action="add",
            reason="Diminta oleh pemerintah provinsi.",
            user=None,
        )
    assert not selection_round.overrides.exists()
