"""A figure derived from demo values says so where it is shown: the round's result, the
editor's preview, the comparison of two rounds, the regions like this one, and the catalogue's
published and demo counts per indicator and year; the same figures from published values carry
no label."""

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from selection.models import IndicatorValue
from selection.rounds import round_compute
from selection.tests.factories import make_round
from selection.tests.test_round_pages import form_data

pytestmark = pytest.mark.django_db


def as_demo(code: str = "kkd") -> None:
    IndicatorValue.objects.filter(indicator__code=code).update(source="demo")


def test_a_round_scored_on_demo_values_says_so_and_one_on_published_values_does_not(
    client: Client, officer: User, indicator_values
) -> None:  # type: ignore[no-untyped-def]
    published = round_compute(selection_round=make_round())
    as_demo()
    demo = round_compute(selection_round=make_round(name="Tahap demo"))
    client.force_login(officer)

    shown = client.get(f"/seleksi/putaran/{demo.pk}/").content.decode()
    clean = client.get(f"/seleksi/putaran/{published.pk}/").content.decode()
    both = client.get("/seleksi/putaran/bandingkan/", {"a": published.pk, "b": demo.pk})

    assert 'data-demo="result"' in shown and "skor dari nilai demo" in shown
    assert '508 <span class="badge badge-demo">demo</span>' in shown  # kkd's values
    assert 'data-demo="result"' not in clean
    api = client.get(f"/api/v1/rounds/{demo.pk}").json()
    rows = client.get(f"/api/v1/rounds/{demo.pk}/results").json()["items"]
    assert api["scored_on_demo"] and rows and all(row["demo"] for row in rows)
    assert not client.get(f"/api/v1/rounds/{published.pk}").json()["scored_on_demo"]
    compare = both.content.decode()
    assert 'data-demo="compare"' in compare
    assert "Skor dari nilai demo, bukan angka resmi: Tahap demo." in compare


def test_the_preview_says_it_is_scored_on_demo_values(
    client: Client, officer: User, indicator_values
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(officer)
    clean = client.post("/seleksi/putaran/pratinjau/", form_data(total=30)).content.decode()
    as_demo("kinerja")
    shown = client.post("/seleksi/putaran/pratinjau/", form_data(total=30)).content.decode()

    assert 'data-demo="preview"' not in clean
    assert 'data-demo="preview"' in shown


def test_regions_like_this_one_say_when_they_are_compared_on_demo_values(
    client: Client, indicator_values
) -> None:  # type: ignore[no-untyped-def]
    clean = client.get("/wilayah/32.73/").content.decode()
    as_demo()
    call_command("load_history", verbosity=0)  # a data change: the cached comparison renews
    shown = client.get("/wilayah/32.73/").content.decode()

    assert 'data-demo="similar"' not in clean
    assert 'data-demo="similar"' in shown and "dibandingkan dengan nilai demo" in shown


def test_the_catalogue_counts_published_and_demo_values_per_indicator_and_year(
    client: Client,
) -> None:
    call_command("load_selection_data", verbosity=0)

    response = client.get("/seleksi/indikator/")
    page = response.content.decode()
    rows = dict(
        (indicator.code, dict(years)) for indicator, years in response.context["indicators"]
    )

    # Residents: Dukcapil's 2025 figures are published, 2016-2024 walked back are demo.
    assert rows["penduduk"][2025] == [514, 0]
    assert rows["penduduk"][2024] == [0, 514]
    # Disadvantaged regions: Perpres 63/2020 for every autonomous region, and demo each year.
    assert rows["daerah_tertinggal"][2020] == [508, 514]
    assert rows["daerah_tertinggal"][2015] == [83, 0]
    assert rows["pulau_terluar"] == {2025: [514, 0]}
    assert '<td class="num" data-indicator="penduduk">5.140 <span' in page
    assert "4.626 demo</span>" in page
