"""Years done right: a round uses the latest published value at or before its year (carried
forward, the year shown), a count that does not vary by year serves every year, a demo value
only for its own year, and the regions filled by the round's imputation are listed."""

import pytest
from django.core.management import call_command
from django.test import Client

from regions.models import Region
from selection.models import ImportRun, Indicator, IndicatorValue
from selection.rounds import round_compute
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db
WEIGHTS = {"kkd": 0.5, "daerah_tertinggal": 0.2, "pulau_terluar": 0.3}


@pytest.fixture
def values(indicator_values) -> None:  # type: ignore[no-untyped-def]
    """The registry's and the published lists' values, a kkd of 2024 for every region (test
    values), and demo values of daerah_tertinggal for 2016 and 2024."""
    call_command("load_selection_data", "--no-demo", verbosity=0)
    run = ImportRun.objects.create(file_name="demo", sha256="1" * 64, rows=0, is_demo=True)
    indicator = Indicator.objects.get(code="daerah_tertinggal")
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            region=region, indicator=indicator, year=year, value=0, source="demo", import_run=run
        )
        for region in Region.objects.all()
        for year in (2016, 2024)
    )


def test_a_partial_list_gives_its_members_and_the_others_keep_the_years_demo(
    values: None,
) -> None:
    selection_round = round_compute(
        selection_round=make_round(
            year=2016,
            indicator_year=2016,
            weights={"daerah_tertinggal": 0.5, "pulau_terluar": 0.5},
        )
    )
    snapshot = selection_round.input_snapshot

    # 83 of Perpres 131/2015's 122 were found: carried from 2015; the rest are 2016 demo.
    assert snapshot["value_years"]["daerah_tertinggal"] == {"2015": 83, "2016": 425}
    assert snapshot["value_demo"]["daerah_tertinggal"] == 425


def test_a_2024_round_carries_the_regulation_forward_and_lists_what_it_imputed(
    client: Client, officer, values: None
) -> None:  # type: ignore[no-untyped-def]
    IndicatorValue.objects.filter(region__code="32.73", indicator__code="kkd", year=2024).delete()
    selection_round = round_compute(
        selection_round=make_round(weights=WEIGHTS, imputation="median")
    )
    snapshot = selection_round.input_snapshot
    client.force_login(officer)

    page = client.get(f"/seleksi/putaran/{selection_round.pk}/").content.decode()

    # Perpres 63/2020 (2020-2024) beats the 2024 demo value; the registry's 2025 island count
    # is the only one there is.
    assert snapshot["value_years"]["daerah_tertinggal"] == {"2020": 508}
    assert snapshot["value_demo"]["daerah_tertinggal"] == 0
    assert snapshot["value_years"]["pulau_terluar"] == {"2025": 508}
    assert snapshot["value_years"]["kkd"] == {"2024": 507}
    assert snapshot["value_demo"]["kkd"] == 0
    assert snapshot["imputed"] == {"kkd": ["32.73"]}
    # The Perpres list decides: Kabupaten Nias (listed) 1, Kota Bandung 0.
    regions = snapshot["regions"]
    column = snapshot["criteria"].index("daerah_tertinggal")
    assert snapshot["values"][regions.index("12.04")][column] == 1
    assert snapshot["values"][regions.index("32.73")][column] == 0
    assert 'data-testid="value-years"' in page
    assert "<summary>1 wilayah (" in page and "</summary>Kota Bandung</details>" in page
    assert "2020 (508) <span" in page and "dibawa dari tahun sebelumnya" in page
    assert "2025 (508) <span" in page and "tidak berubah menurut tahun" in page
