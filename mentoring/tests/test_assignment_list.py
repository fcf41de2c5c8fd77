"""The mentors and assessors of a cohort as a list: its regions sorted by their name or by the
people of a role, and downloaded with the people named as the page names them, to the
national roles the page admits and no one else."""

import io
from collections.abc import Callable

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.models import Membership, Role, User
from conftest import make_user
from kotacerdas.tests.downloads import csv_rows
from mentoring import views
from mentoring.services import cohort_regions
from regions.models import Region
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]


@pytest.fixture
def assigned(cohort: SelectionRound, bandung: Region, bekasi: Region) -> None:
    """Bandung: mentors Ani Wulandari and budi, assessor citra; Bekasi: mentor budi, technology
    advisor dewi; a region outside the cohort: mentor eko."""
    ani = User.objects.create_user(
        "ani", email="ani@kampus.ac.id", first_name="Ani", last_name="Wulandari"
    )
    Membership.objects.create(user=ani, role=Role.MENTOR, region=bandung)
    budi = make_user("budi", Role.MENTOR, bandung)
    Membership.objects.create(user=budi, role=Role.MENTOR, region=bekasi)
    make_user("citra", Role.ASSESSOR, bandung)
    make_user("dewi", Role.TECH_ADVISOR, bekasi)
    outside = Region.objects.exclude(pk__in=cohort_regions(cohort)).order_by("code").first()
    make_user("eko", Role.MENTOR, outside)


def list_url(cohort: SelectionRound, query: str = "") -> str:
    return f"/masterplan/bimtek/{cohort.pk}/pendamping/{query}"


def names(client: Client, url: str) -> list[str]:
    return [row["region"].name for row in client.get(url).context["page"]]


def test_the_regions_sort_by_name_both_ways(
    cohort: SelectionRound, assigned: None, officer: User, login: Login
) -> None:
    client = login(officer)
    ascending = names(client, list_url(cohort, "?urut=region"))
    assert len(ascending) == 25 and ascending == sorted(ascending)
    descending = client.get(list_url(cohort, "?urut=-region"))
    assert [r["region"].name for r in descending.context["page"]] == ascending[::-1]
    assert 'aria-sort="descending"' in descending.content.decode()


def test_the_regions_sort_by_their_mentors_both_ways_the_unassigned_last(
    cohort: SelectionRound, assigned: None, officer: User, login: Login
) -> None:
    client = login(officer)
    ascending = client.get(list_url(cohort, "?urut=mentor")).context["page"]
    assert [r["mentor"] for r in ascending][:3] == ["Ani Wulandari, budi", "budi", ""]
    descending = client.get(list_url(cohort, "?urut=-mentor")).context["page"]
    assert [r["mentor"] for r in descending][:3] == ["budi", "Ani Wulandari, budi", ""]
    assert len(descending) == 25


def test_the_pages_keep_the_sort(
    cohort: SelectionRound,
    assigned: None,
    officer: User,
    login: Login,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    client = login(officer)
    assert (
        "?urut=-region&amp;page=2" in client.get(list_url(cohort, "?urut=-region")).content.decode()
    )
    every = [
        name
        for n in (1, 2, 3)
        for name in names(client, list_url(cohort, f"?urut=-region&page={n}"))
    ]
    assert len(every) == 25 and every == sorted(every, reverse=True)


def test_the_download_holds_every_region_of_the_cohort_with_its_people_named_as_shown(
    cohort: SelectionRound,
    assigned: None,
    viewer: User,
    login: Login,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    client = login(viewer)
    response = client.get(list_url(cohort, "?urut=region&unduh=csv"))
    rows = csv_rows(client, list_url(cohort, "?urut=region&unduh=csv"))
    assert rows[0] == ["Wilayah", "Provinsi", "Mentor", "Penasihat teknologi", "Asesor / juri"]
    assert len(rows) == 1 + 25
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])
    by_region = {row[0]: row for row in rows[1:]}
    assert by_region["Kota Bandung"] == [
        "Kota Bandung",
        "Jawa Barat",
        "Ani Wulandari, budi",
        "",
        "citra",
    ]
    assert by_region["Kota Bekasi"][2:] == ["budi", "dewi", ""]
    content = response.content.decode()
    assert "eko" not in content  # outside the cohort: not on the page, not in the download
    assert "ani@kampus.ac.id" not in content  # the page names people, it shows no address
    book = load_workbook(io.BytesIO(client.get(list_url(cohort, "?unduh=xlsx")).content)).active
    assert book is not None and book.max_row == 1 + 25


def test_only_the_national_roles_download_the_list(
    cohort: SelectionRound,
    assigned: None,
    bandung: Region,
    owner: User,
    officer: User,
    login: Login,
    client: Client,
) -> None:
    url = list_url(cohort, "?unduh=csv")
    mentor = User.objects.get(username="ani")
    for user in (owner, mentor):
        assert login(user).get(url).status_code == 403
    assert client.get(url).status_code == 302  # to the sign-in page
    assessor = make_user("asesor.nasional", Role.ASSESSOR)
    for user in (officer, assessor):
        assert len(csv_rows(login(user), url)) == 1 + 25


def test_an_assignment_comes_back_to_the_list_as_it_was_sorted(
    cohort: SelectionRound, assigned: None, bekasi: Region, officer: User, login: Login
) -> None:
    url = list_url(cohort, "?urut=-mentor")
    client = login(officer)
    data = {"region": bekasi.pk, "role": "assessor", "person": "citra"}
    saved = client.post(url, data)
    assert saved.status_code == 302 and saved["Location"] == url
    citra = Membership.objects.get(user__username="citra", region=bekasi)
    removed = client.post(url, {"remove": citra.pk})
    assert removed.status_code == 302 and removed["Location"] == url
