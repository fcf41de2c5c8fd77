"""A cohort only partly known by name says so wherever it is listed: the rounds list, the
round's page, the dashboard, the region list and the API."""

import pytest
from django.core.management import call_command
from django.test import Client

from selection.models import SelectionRound

pytestmark = pytest.mark.django_db
PARTIAL_2019 = "sebagian: 5 dari 25 diketahui"


@pytest.fixture
def cohorts(db) -> dict[int, SelectionRound]:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    return {r.year: r for r in SelectionRound.objects.filter(method="historical")}


def test_the_rounds_list_gives_the_official_count_and_marks_partial_cohorts(
    client: Client, cohorts: dict[int, SelectionRound]
) -> None:
    page = client.get("/seleksi/putaran/").content.decode()

    assert "251 wilayah dalam gerakan menurut hitungan resmi kementerian" in page
    assert "115 diketahui namanya" in page
    for label in (
        PARTIAL_2019,
        "sebagian: 5 dari 48 diketahui",
        "sebagian: 4 dari 50 diketahui",
        "sebagian: 16 dari 50 diketahui",
    ):
        assert f'<span class="badge badge-partial">{label}</span>' in page
    assert page.count('class="badge badge-partial"') == 4  # not 2017, 2018 nor 2024


def test_a_partial_rounds_page_says_what_is_known_and_a_full_one_does_not(
    client: Client, cohorts: dict[int, SelectionRound]
) -> None:
    partial = client.get(f"/seleksi/putaran/{cohorts[2019].pk}/").content.decode()
    full = client.get(f"/seleksi/putaran/{cohorts[2018].pk}/").content.decode()

    assert PARTIAL_2019 in partial
    assert "Sumber menyebut 5 dari 25 wilayah angkatan ini" in partial
    assert "B.116/DJAI/AI.01.05/02/2019, 28 Feb 2019" in partial  # the year's letter
    assert "data-partial" not in full
    assert (
        "Hotel Redtop"
        in client.get(f"/seleksi/putaran/{cohorts[2018].pk}/tahapan/").content.decode()
    )


def test_the_dashboard_counts_officially_and_by_name_and_marks_partial_cohorts(
    client: Client, cohorts: dict[int, SelectionRound]
) -> None:
    response = client.get("/dasbor/")
    page = response.content.decode()

    assert '<a href="/seleksi/putaran/" data-count="official">251</a>' in page
    assert "115 diketahui namanya" in page
    assert f'<span class="badge badge-partial">{PARTIAL_2019}</span>' in page
    # The cohort picker too.
    assert f"{cohorts[2019].name} ({PARTIAL_2019})</option>" in page
    only_2019 = client.get(f"/dasbor/?cohort={cohorts[2019].pk}").context["board"]
    assert (only_2019.regions_in_program, only_2019.official_in_program) == (5, 25)


def test_the_api_says_a_cohort_is_partial(
    client: Client, cohorts: dict[int, SelectionRound]
) -> None:
    partial = client.get(f"/api/v1/rounds/{cohorts[2019].pk}").json()["cohort"]
    full = client.get(f"/api/v1/rounds/{cohorts[2018].pk}").json()["cohort"]
    board = client.get("/api/v1/dashboard").json()

    assert (partial["known"], partial["official"], partial["partial"]) == (5, 25, True)
    assert partial["letters"][0]["number"] == "B.116/DJAI/AI.01.05/02/2019"
    assert partial["data_file"] == "data/cohorts/2019.toml"
    assert (full["known"], full["official"], full["partial"]) == (50, 50, False)
    assert (board["regions_in_program"], board["official_in_program"]) == (115, 251)
    by_name = {c["name"]: c for c in board["cohorts"]}
    assert by_name[cohorts[2019].name] == {
        "name": cohorts[2019].name,
        "regions": 5,
        "known": 5,
        "official": 25,
        "partial": True,
    }


def test_the_cohorts_own_pages_mark_it_partial_and_an_undated_mou_says_so(
    client: Client, officer, cohorts: dict[int, SelectionRound]
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(officer)
    pk = cohorts[2023].pk
    badge = '<span class="badge badge-partial" data-partial>sebagian: 16 dari 50 diketahui</span>'

    for url in (
        f"/seleksi/putaran/{pk}/tahapan/",
        f"/masterplan/bimtek/{pk}/",
        f"/kesiapan/{pk}/",
    ):
        assert badge in client.get(url).content.decode(), url
    overview = client.get(f"/seleksi/putaran/{pk}/tahapan/").content.decode()
    assert "ditandatangani, tanggal tidak dipublikasikan" in overview
    rows = client.get(f"/api/v1/rounds/{pk}/enrolment").json()["regions"]
    sabang = next(r for r in rows if r["code"] == "11.72")
    assert (sabang["mou_signed"], sabang["mou_signed_on"]) == (True, None)


def test_a_letter_is_typeset_only_where_its_whole_list_is_known(
    client: Client, cohorts: dict[int, SelectionRound]
) -> None:
    def letter(year: int) -> int:
        return client.get(f"/seleksi/putaran/{cohorts[year].pk}/tahapan/keputusan.pdf").status_code

    overview = client.get(f"/seleksi/putaran/{cohorts[2019].pk}/tahapan/").content.decode()

    assert letter(2019) == 404 and letter(2024) == 404  # 5 of 25 known; a name differs
    assert letter(2017) in (200, 503)  # 503: no PDF engine on this machine
    assert "25 wilayah terpilih, 5 di antaranya diketahui namanya" in overview
    assert "keputusan.pdf" not in overview
    board = client.get(f"/dasbor/?cohort={cohorts[2021].pk}").context["board"]
    assert board.official_in_program == 48
    assert "data-rule" not in client.get(f"/seleksi/putaran/{cohorts[2018].pk}/").content.decode()


def test_the_readiness_link_shows_only_to_those_its_page_lets_in(
    cohorts, owner, officer, login
) -> None:  # type: ignore[no-untyped-def]
    from accounts.models import Role
    from conftest import make_user
    from regions.models import Region

    url = f"/seleksi/putaran/{cohorts[2017].pk}/"
    elsewhere = make_user("editor.aceh", Role.REGIONAL_EDITOR, Region.objects.get(code="11.01"))
    link = f'href="/kesiapan/{cohorts[2017].pk}/"'
    for user, shown in ((owner, True), (officer, True), (elsewhere, False)):
        page = login(user).get(url).content.decode()
        assert (link in page) is shown, user
        if shown:
            assert login(user).get(f"/kesiapan/{cohorts[2017].pk}/").status_code == 200
    assert login(elsewhere).get(f"/kesiapan/{cohorts[2017].pk}/").status_code == 403
