import pytest
from django.test import Client

from accounts.models import User
from regions.models import Region

pytestmark = pytest.mark.django_db


def test_region_list_shows_all_regions_paginated(client: Client) -> None:
    response = client.get("/wilayah/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 514
    assert len(response.context["page"].object_list) == 50


def test_region_list_searches_by_name(client: Client) -> None:
    response = client.get("/wilayah/", {"q": "  bandung "})
    names = [r.name for r in response.context["page"].object_list]
    assert names == ["Kabupaten Bandung", "Kabupaten Bandung Barat", "Kota Bandung"]


def test_region_list_searches_by_code_prefix(client: Client) -> None:
    response = client.get("/wilayah/", {"q": "32.7"})
    assert {r.code[:4] for r in response.context["page"].object_list} == {"32.7"}


def test_region_list_filters_by_province_island_group_and_kind(client: Client) -> None:
    response = client.get("/wilayah/", {"province": "32", "kind": "kota"})
    assert response.context["page"].paginator.count == 9
    response = client.get("/wilayah/", {"island_group": "papua"})
    expected = Region.objects.filter(province__island_group="papua").count()
    assert response.context["page"].paginator.count == expected == 42


def test_region_list_filters_frontier_regions(client: Client) -> None:
    response = client.get("/wilayah/", {"frontier": "1"})
    assert response.context["page"].paginator.count == 49


def test_region_list_ignores_an_unknown_filter_value(client: Client) -> None:
    response = client.get("/wilayah/", {"province": "99", "kind": "desa"})
    assert response.status_code == 200


def test_region_list_pages_keep_the_filters(client: Client) -> None:
    response = client.get("/wilayah/", {"kind": "kabupaten", "page": "2"})
    assert response.context["page"].number == 2
    assert "kind=kabupaten&amp;page=3" in response.content.decode()


def test_region_list_answers_htmx_with_the_results_only(client: Client) -> None:
    response = client.get("/wilayah/", {"q": "bekasi"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Kota Bekasi" in body
    assert "<html" not in body


def test_region_page_shows_registry_data(client: Client) -> None:
    response = client.get("/wilayah/32.73/")
    assert response.status_code == 200
    assert "Kota Bandung" in response.content.decode()
    assert "Jawa Barat" in response.content.decode()


def test_unknown_region_code_is_404(client: Client) -> None:
    assert client.get("/wilayah/99.99/").status_code == 404


def test_regional_editor_can_edit_own_region_profile(login, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = login(owner).post(
        "/wilayah/32.73/ubah/",
        {
            "website": "https://bandung.go.id",
            "contact_email": "smartcity@bandung.go.id",
            "description": "Bandung Smart City",
            "version": "1",
        },
    )
    assert response.status_code == 302
    assert Region.objects.get(code="32.73").website == "https://bandung.go.id"


def test_regional_editor_cannot_edit_another_region(login, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = login(owner)
    assert client.get("/wilayah/32.75/ubah/").status_code == 403
    response = client.post(
        "/wilayah/32.75/ubah/", {"description": "bukan wilayah saya", "version": "1"}
    )
    assert response.status_code == 403
    assert Region.objects.get(code="32.75").description == ""


def test_viewer_cannot_edit_a_region(login, viewer: User) -> None:  # type: ignore[no-untyped-def]
    response = login(viewer).post("/wilayah/32.73/ubah/", {"description": "x"})
    assert response.status_code == 403


def test_anonymous_user_is_sent_to_log_in_to_edit(client: Client) -> None:
    response = client.get("/wilayah/32.73/ubah/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_invalid_profile_names_the_field_and_saves_nothing(login, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = login(owner).post(
        "/wilayah/32.73/ubah/",
        {
            "website": "bukan url",
            "contact_email": "smartcity@bandung.go.id",
            "description": "x",
            "version": "1",
        },
    )
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert Region.objects.get(code="32.73").contact_email == ""


def test_edit_link_shows_only_to_those_who_may_edit(
    client: Client,
    login,
    owner: User,  # type: ignore[no-untyped-def]
    outsider: User,
) -> None:
    assert "/wilayah/32.73/ubah/" in login(owner).get("/wilayah/32.73/").content.decode()
    assert "/wilayah/32.73/ubah/" not in login(outsider).get("/wilayah/32.73/").content.decode()
    assert "/wilayah/32.73/ubah/" not in client.get("/wilayah/32.73/").content.decode()


def test_a_save_from_a_stale_version_is_refused_and_shows_what_changed(
    login,
    owner: User,
    colleague: User,  # type: ignore[no-untyped-def]
) -> None:
    first, second = login(owner), login(colleague)
    form = {"website": "", "contact_email": "", "version": "1"}
    assert (
        first.post("/wilayah/32.73/ubah/", {**form, "description": "Versi ketua"}).status_code
        == 302
    )
    response = second.post("/wilayah/32.73/ubah/", {**form, "description": "Versi editor"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Versi ketua" in body  # what the other saved
    assert owner.username in body  # and who
    assert Region.objects.get(code="32.73").description == "Versi ketua"
    # The form now carries the current version: saving again is a conscious overwrite.
    assert response.context["form"].data["version"] == "2"


def test_saving_again_after_a_conflict_overwrites(login, owner: User) -> None:  # type: ignore[no-untyped-def]
    client = login(owner)
    form = {"website": "", "contact_email": ""}
    client.post("/wilayah/32.73/ubah/", {**form, "description": "satu", "version": "1"})
    client.post("/wilayah/32.73/ubah/", {**form, "description": "dua", "version": "2"})
    assert Region.objects.get(code="32.73").version == 3


def test_the_region_list_filters_by_the_program_and_its_cohort(client) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from selection.models import SelectionRound

    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    every = client.get("/wilayah/?program=ya")
    # Every region known by name in a cohort (2017-2024 files), said to be part of 251.
    assert every.context["page"].paginator.count == 115
    assert "sebagian: 115 dari 251 diketahui" in every.content.decode()
    first = client.get(f"/wilayah/?program={cohort.pk}")
    assert first.context["page"].paginator.count == 25
    assert "data-partial" not in first.content.decode()  # 2017 is known in full
    partial = client.get(f"/wilayah/?program={SelectionRound.objects.get(year=2019).pk}")
    assert "sebagian: 5 dari 25 diketahui</span>" in partial.content.decode()
    jawa = client.get(f"/wilayah/?program={cohort.pk}&island_group=jawa").context["page"]
    assert {r.code for r in jawa.paginator.object_list} >= {"32.73", "32.75"}
    assert all(r.province.island_group == "jawa" for r in jawa.paginator.object_list)
    assert client.get("/wilayah/?program=999999").context["page"].paginator.count == 514


def test_a_regions_page_shows_how_it_follows_through(client) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from evaluation.models import Award, Rubric, Score
    from masterplans.tests.factories import make_masterplan
    from monitoring.models import ProgressReport

    masterplan = make_masterplan("32.73", status="approved")
    make_masterplan("32.75", status="approved")
    quick_wins = list(masterplan.programs.filter(is_quick_win=True))
    ProgressReport.objects.create(
        program=quick_wins[0],
        year=2027,
        quarter=1,
        status="on_track",
        percent_entered=40,
        budget_realised=250_000_000,
    )
    rubric = Rubric.objects.create(year=2027, title="2027", status="published")
    for region in Region.objects.filter(code__in=("32.73", "32.75")):
        Score.objects.bulk_create(
            Score(
                rubric=rubric,
                region=region,
                dimension=d,
                component=c,
                assessor_score=Decimal("3" if region.code == "32.73" else "2"),
                verified_at="2027-11-01T00:00:00Z",
            )
            for d in ("governance", "branding", "economy", "living", "society", "environment")
            for c in ("baseline", "output", "outcome", "impact", "quick_win")
        )
    bandung = Region.objects.get(code="32.73")
    Award.objects.create(rubric=rubric, category="overall", region=bandung, proposed=bandung)

    page = client.get("/wilayah/32.73/")
    follow = page.context["follow"]
    assert (follow.programs, follow.quick_wins) == (6, len(quick_wins))
    assert follow.quick_win_percent == 40
    assert follow.quick_win_statuses == [
        ("on_track", "sesuai rencana", 1),
        ("none", None, len(quick_wins) - 1),
    ]
    assert follow.planned == 6 * 2 * 500_000_000 and follow.realised == 250_000_000
    html = page.content.decode()
    assert "Evaluasi 2027: indeks 3,00, peringkat 1 nasional" in html
    assert "Terbaik umum" in html and "Rp 6 miliar" in html


@pytest.mark.parametrize(
    ("year", "quarter", "stale"), [(2025, 2, True), (2026, 3, False), (2026, 4, False)]
)
def test_a_regions_progress_says_when_it_was_last_reported_and_if_that_is_stale(
    client, year: int, quarter: int, stale: bool
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date
    from unittest import mock

    from masterplans.tests.factories import make_masterplan
    from monitoring.models import ProgressReport

    masterplan = make_masterplan("32.73", status="approved")
    program = masterplan.programs.filter(is_quick_win=True).first()
    ProgressReport.objects.create(
        program=program, year=year, quarter=quarter, status="on_track", percent_entered=40
    )

    with mock.patch("monitoring.summary.timezone.localdate", return_value=date(2026, 12, 3)):
        page = client.get("/wilayah/32.73/").content.decode()

    assert f"laporan terakhir: T{quarter} {year}" in page
    assert ("belum diperbarui sejak itu" in page) is stale
