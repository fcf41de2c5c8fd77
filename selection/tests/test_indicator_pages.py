import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from accounts.models import User
from selection.imports import indicators_import
from selection.models import IndicatorValue

pytestmark = pytest.mark.django_db
HEADER = "kode_wilayah;tahun;indikator;nilai;sumber\n"


def upload(client: Client, text: str, name: str = "kkd.csv", numbers: str = "id"):  # type: ignore[no-untyped-def]
    return client.post(
        "/seleksi/indikator/impor/",
        {"file": SimpleUploadedFile(name, text.encode("utf-8")), "numbers": numbers},
    )


def test_catalogue_lists_the_program_parameters(client: Client) -> None:
    body = client.get("/seleksi/indikator/").content.decode()
    for code in [
        "kkd",
        "kinerja",
        "ikb",
        "ikh",
        "sektor_unggulan",
        "daerah_tertinggal",
        "perbatasan",
        "pulau_terluar",
    ]:
        assert f"<code>{code}</code>" in body
    assert "Indeks Kota Berkelanjutan" in body


def test_officer_imports_a_file_through_the_page(login, officer: User) -> None:  # type: ignore[no-untyped-def]
    response = upload(login(officer), HEADER + "32.73;2023;kkd;1,85;Kemenkeu\n")
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == 1.85


def test_the_page_lists_every_problem_and_saves_nothing(login, officer: User) -> None:  # type: ignore[no-untyped-def]
    response = upload(
        login(officer), HEADER + "99.99;2023;kkd;1,85;Kemenkeu\n32.73;2023;kkd;banyak;Kemenkeu\n"
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Kode wilayah &quot;99.99&quot; tidak dikenal." in body
    assert "Nilai &quot;banyak&quot; bukan angka" in body
    assert not IndicatorValue.objects.exists()


def test_a_file_of_another_type_is_refused(login, officer: User) -> None:  # type: ignore[no-untyped-def]
    response = upload(login(officer), "%PDF-1.4", name="kkd.pdf")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_a_file_over_the_limit_is_refused(login, officer: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KC_MAX_UPLOAD_BYTES = 100
    response = upload(login(officer), HEADER + "32.73;2023;kkd;1,85;Kemenkeu\n" * 10)
    assert "file" in response.context["form"].errors
    assert not IndicatorValue.objects.exists()


def test_regional_editor_cannot_import(login, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = upload(login(owner), HEADER + "32.73;2023;kkd;9;Kemenkeu\n")
    assert response.status_code == 403
    assert not IndicatorValue.objects.exists()


def test_templates_download_as_csv_and_excel(client: Client) -> None:
    csv_body = client.get("/seleksi/indikator/templat.csv").content.decode("utf-8")
    assert csv_body.startswith("\ufeffkode_wilayah;tahun;indikator;nilai;sumber")
    response = client.get("/seleksi/indikator/templat.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["nilai"][1]] == [
        "kode_wilayah",
        "tahun",
        "indikator",
        "nilai",
        "sumber",
    ]
    assert book["indikator"].max_row == 10  # header + the 9 indicators
    assert client.get("/seleksi/indikator/templat.pdf").status_code == 404


def test_the_template_imports_as_it_is(client: Client) -> None:
    content = client.get("/seleksi/indikator/templat.xlsx").content
    assert indicators_import(content=content, file_name="templat.xlsx").rows == 2


def test_region_page_shows_indicator_values_and_labels_demo(client: Client) -> None:
    indicators_import(
        content=(HEADER + "32.73;2024;kkd;1,85;demo\n32.73;2023;kinerja;3,2;Kemendagri\n").encode(),
        file_name="x.csv",
    )
    body = client.get("/wilayah/32.73/").content.decode()
    assert "data demo" in body
    assert "Kemendagri" in body
    assert "1,85" in body
    assert "<td>2024</td>" in body  # a year, not a number with a thousands dot
