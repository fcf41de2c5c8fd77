import pytest
from django.core.management import call_command

from masterplans.tests.factories import make_masterplan
from regions.models import Region
from regions.similar import regions_like

pytestmark = pytest.mark.django_db


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
