from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masterplans.tests.factories import make_masterplan
from regions.models import Region
from regions.similar import regions_like
from selection.imports import indicators_import

pytestmark = [pytest.mark.django_db, pytest.mark.cache]


def test_regions_like_yours_are_in_the_same_island_group_and_of_the_same_kind_first() -> None:
    call_command("load_selection_data", verbosity=0)
    bandung = Region.objects.get(code="32.73")
    found = regions_like(bandung)
    assert len(found) == 5
    assert all(item["region"].province.island_group == "jawa" for item in found)
    assert all(item["region"].kind == "kota" for item in found)
    assert bandung not in [item["region"] for item in found]


def test_among_the_nearest_a_region_with_a_masterplan_comes_first() -> None:
    call_command("load_selection_data", verbosity=0)
    bandung = Region.objects.get(code="32.73")
    nearest = [item["region"] for item in regions_like(bandung, limit=15)]
    fifth = nearest[4]
    make_masterplan(fifth.code, status="approved")
    found = regions_like(bandung)
    assert found[0]["region"] == fifth and found[0]["has_masterplan"]


def test_the_region_page_shows_regions_like_it(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/wilayah/32.73/")
    assert len(page.context["similar"]) == 5


def test_an_indicator_import_shows_in_regions_like_on_the_next_request() -> None:
    bandung = Region.objects.get(code="32.73")
    found = regions_like(bandung, limit=200)  # now in the cache: no fiscal capacity anywhere
    first = found[0]["region"]
    assert found[0]["fiscal"] is None
    # bulk_create sends no signal per value; the import's own run does, in the same transaction
    indicators_import(
        content=f"kode_wilayah,tahun,indikator,nilai,sumber\n{first.code},{date.today().year},"
        "kkd,2.5,Kemenkeu\n".encode(),
        file_name="kkd.csv",
        numbers="en",
    )
    again = {item["region"]: item["fiscal"] for item in regions_like(bandung, limit=200)}
    assert again[first] == 2.5


def test_the_region_page_reads_its_island_group_from_the_cache(client) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as first:
        client.get("/wilayah/32.73/")
    with CaptureQueriesContext(connection) as second:
        client.get("/wilayah/32.75/")  # also in Jawa
    assert len(second) == len(first) - 3
