"""Learning from other regions over the API: the program library, similar programs in other
regions and regions like one, through masterplans.library and regions.similar."""

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from masterplans.tests.factories import make_masterplan, make_program

pytestmark = pytest.mark.django_db


def test_the_library_searches_published_programs_with_the_page_filters(client: Client) -> None:
    public = make_masterplan("32.75", status="enacted")
    make_program(public, "environment", 2, title="Bank sampah digital", technology="aplikasi QR")
    draft = make_masterplan("32.73")
    make_program(draft, "environment", 2, title="Bank sampah keliling")
    found = client.get("/api/v1/library/programs?q=sampah").json()
    assert found["count"] == 1
    (program,) = found["items"]
    assert (program["title"], program["region"], program["island_group"]) == (
        "Bank sampah digital",
        "32.75",
        "jawa",
    )
    assert client.get("/api/v1/library/programs?q=sampah&dimension=living").json()["count"] == 0
    quick = client.get("/api/v1/library/programs?quick_wins=true").json()
    assert quick["count"] == public.programs.filter(is_quick_win=True).count()


def test_the_library_refuses_an_unknown_filter_value(client: Client) -> None:
    response = client.get("/api/v1/library/programs?dimension=space")
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "dimension"


def test_similar_programs_come_from_other_regions_published_masterplans(client: Client) -> None:
    own = make_masterplan("32.73", status="approved")
    program = make_program(own, "environment", 2, element="waste", title="Bank sampah digital")
    other = make_masterplan("32.75", status="approved")
    near = make_program(other, "environment", 2, element="waste", title="Bank sampah warga")
    found = client.get(f"/api/v1/programs/{program.pk}/similar").json()
    assert found[0]["id"] == near.pk and found[0]["shared_words"] == ["bank", "sampah"]
    assert all(item["region"] != "32.73" for item in found)


def test_similar_programs_of_a_draft_are_for_its_own_people(
    client: Client, owner: User, outsider: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    program = make_masterplan("32.73").programs.first()
    assert program is not None
    url = f"/api/v1/programs/{program.pk}/similar"
    assert client.get(url).status_code == 404
    assert client.get(url, headers={"Authorization": token_for(outsider)}).status_code == 404
    assert client.get(url, headers={"Authorization": token_for(owner)}).status_code == 200


def test_regions_like_one_share_its_island_group(client: Client) -> None:
    call_command("load_selection_data", verbosity=0)
    found = client.get("/api/v1/regions/32.73/similar?limit=3").json()
    assert len(found) == 3
    assert all(item["island_group"] == "jawa" and item["kind"] == "kota" for item in found)
    assert "32.73" not in [item["code"] for item in found]
    assert client.get("/api/v1/regions/99.99/similar").status_code == 404
