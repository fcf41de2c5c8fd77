import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from selection.models import RoundStatus, SelectionRound
from selection.rounds import round_compute, round_publish
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db


def form_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Tahap uji",
        "year": 2026,
        "total": 40,
        "method": "saw",
        "normalization": "minmax",
        "indicator_year": 2024,
        "imputation": "none",
        "sensitivity_draws": 100,
        "program_target": 100,
        "weight_kkd": "0,5",
        "weight_kinerja": "0,3",
        "weight_ikb": "0,2",
        "min_papua": 2,
        "max_jawa": 12,
        "province_max": 4,
    }
    data.update(changes)
    return data


def test_everyone_reads_a_published_round(client: Client, indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    response = client.get(f"/seleksi/putaran/{selection_round.pk}/")
    assert response.status_code == 200
    assert "Tahap uji" in response.content.decode()
    assert client.get("/seleksi/putaran/").context["page"].paginator.count == 1


def test_the_round_names_its_exact_method(client: Client, indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    page = client.get(f"/seleksi/putaran/{selection_round.pk}/").content.decode()
    said = page[page.index('data-rule="solver"') :].split("</p>")[0]
    assert "Wilayah dipilih secara tepat dengan metode laminar" in said


def test_a_draft_is_hidden_from_the_public_and_regions(
    client: Client,
    login,
    owner: User,  # type: ignore[no-untyped-def]
    indicator_values,
) -> None:
    selection_round = make_round()
    assert client.get(f"/seleksi/putaran/{selection_round.pk}/").status_code == 404
    assert login(owner).get(f"/seleksi/putaran/{selection_round.pk}/").status_code == 404
    assert client.get("/seleksi/putaran/").context["page"].paginator.count == 0


def test_officer_creates_computes_and_publishes_a_round(
    login, officer: User, indicator_values
) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    response = client.post("/seleksi/putaran/baru/", form_data())
    assert response.status_code == 302
    selection_round = SelectionRound.objects.get()
    assert selection_round.weights == {"kkd": 0.5, "kinerja": 0.3, "ikb": 0.2}
    assert selection_round.quotas["group_min"] == {"papua": 2}
    client.post(f"/seleksi/putaran/{selection_round.pk}/hitung/")
    selection_round.refresh_from_db()
    assert selection_round.status == RoundStatus.COMPUTED
    assert selection_round.results.filter(selected=True).count() == 40
    asked = client.post(f"/seleksi/putaran/{selection_round.pk}/terbitkan/")
    assert 'data-testid="confirm"' in asked.content.decode()
    selection_round.refresh_from_db()
    assert not selection_round.is_published  # not on one click
    client.post(f"/seleksi/putaran/{selection_round.pk}/terbitkan/", {"confirmed": "1"})
    selection_round.refresh_from_db()
    assert selection_round.is_published


def test_the_preview_computes_without_saving(login, officer: User, indicator_values) -> None:  # type: ignore[no-untyped-def]
    response = login(officer).post("/seleksi/putaran/pratinjau/", form_data(total=30))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 30
    assert not SelectionRound.objects.exists()


def test_the_preview_explains_infeasible_quotas(login, officer: User, indicator_values) -> None:  # type: ignore[no-untyped-def]
    response = login(officer).post(
        "/seleksi/putaran/pratinjau/", form_data(min_papua=40, province_max=4)
    )
    assert "Papua" in " ".join(response.context["problems"])


def test_a_stale_edit_is_refused(login, officer: User, indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = make_round()
    client = login(officer)
    url = f"/seleksi/putaran/{selection_round.pk}/ubah/"
    client.post(url, form_data(version=selection_round.version, name="Versi satu"))
    response = client.post(url, form_data(version=selection_round.version, name="Versi dua"))
    assert response.status_code == 409
    assert response.context["form"]["name"].value() == "Versi dua"  # kept to save again
    selection_round.refresh_from_db()
    assert selection_round.name == "Versi satu"


def test_an_override_without_a_reason_is_refused(login, officer: User, indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(selection_round=make_round())
    client = login(officer)
    url = f"/seleksi/putaran/{selection_round.pk}/keputusan/"
    client.post(url, {"region": "32.73", "action": "add", "reason": "ok"})
    assert not selection_round.overrides.exists()
    client.post(
        url,
        {
            "region": "32.73",
            "action": "add",
            "reason": "Komitmen kepala daerah dan kesiapan anggaran",
        },
    )
    assert selection_round.overrides.get().region.code == "32.73"


def test_comparing_two_rounds_lists_who_entered_and_left(client: Client, indicator_values) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    first = SelectionRound.objects.get(year=2017)
    second = round_publish(selection_round=round_compute(selection_round=make_round()))
    response = client.get("/seleksi/putaran/bandingkan/", {"a": first.pk, "b": second.pk})
    entered, left, both = (response.context[k] for k in ("entered", "left", "both"))
    assert len(entered) + len(both) == 50
    assert len(left) + len(both) == 25


def test_map_points_give_every_region_its_status(indicator_values) -> None:  # type: ignore[no-untyped-def]
    from enrolment.services import program_members
    from selection.round_views import map_points
    from selection.rounds import final_selection

    call_command("load_history", verbosity=0)
    selection_round = round_compute(
        selection_round=make_round(eligibility={"exclude_previous": True})
    )
    points = map_points(selection_round, set(final_selection(selection_round)))
    statuses = [p["status"] for p in points]
    assert len(points) == 514
    assert statuses.count("selected") == 50
    # Every region of an earlier cohort known by name (2017-2024 files).
    assert statuses.count("selected_earlier") == len(program_members()) == 115
    bandung = next(p for p in points if p["code"] == "32.73")
    assert bandung["status"] == "selected_earlier"
    assert -11 < bandung["lat"] < 6 and 95 < bandung["lon"] < 141


def test_a_published_round_downloads_as_csv_excel_and_pdf(client: Client, indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    page = client.get(f"/seleksi/putaran/{selection_round.pk}/").content.decode()
    for fmt, content_type in (
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats"),
        ("pdf", "application/pdf"),
    ):
        url = f"/seleksi/putaran/{selection_round.pk}/ekspor.{fmt}"
        assert f'href="{url}"' in page
        response = client.get(url)
        assert response.status_code == 200, fmt
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Disposition"] == (
            f'attachment; filename="seleksi-{selection_round.year}-{selection_round.pk}.{fmt}"'
        )
    assert response.content.startswith(b"%PDF-")


def test_a_draft_or_an_unknown_format_does_not_export(
    login, officer: User, indicator_values
) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    draft = make_round()
    assert client.get(f"/seleksi/putaran/{draft.pk}/ekspor.csv").status_code == 404
    assert "ekspor.csv" not in client.get(f"/seleksi/putaran/{draft.pk}/").content.decode()
    computed = round_compute(selection_round=draft)
    assert client.get(f"/seleksi/putaran/{computed.pk}/ekspor.csv").status_code == 200
    assert client.get(f"/seleksi/putaran/{computed.pk}/ekspor.docx").status_code == 404
    # A computed draft stays hidden from the public, its exports too.
    assert Client().get(f"/seleksi/putaran/{computed.pk}/ekspor.csv").status_code == 404


def test_a_missing_pdf_engine_gives_a_page_not_a_traceback(
    client: Client, indicator_values, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.pdf import PdfUnavailable
    from selection import exports

    def broken(selection_round: SelectionRound) -> bytes:
        raise PdfUnavailable("libpango-1.0.so.0: cannot open shared object file")

    monkeypatch.setitem(
        exports.EXPORT_FORMATS, "pdf", exports.ExportFormat("pdf", "application/pdf", broken)
    )
    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    response = client.get(f"/seleksi/putaran/{selection_round.pk}/ekspor.pdf")
    assert response.status_code == 503
    body = response.content.decode()
    assert "Laporan PDF belum tersedia" in body
    assert "libpango" not in body


def test_the_round_list_pages_with_its_status_filter_kept(login, officer: User) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    for number in range(30):
        SelectionRound.objects.create(
            name=f"Draf {number}", year=2026, total=10, indicator_year=2024, weights={"kkd": 1}
        )
    first = client.get("/seleksi/putaran/?status=draft")
    assert first.context["page"].paginator.count == 30
    assert 'href="?status=draft&amp;page=2"' in first.content.decode()
    second = client.get("/seleksi/putaran/?status=draft&page=2")
    assert len(second.context["page"].object_list) == 5
