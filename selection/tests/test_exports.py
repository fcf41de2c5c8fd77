import csv
import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from selection.exports import (
    reason_text,
    round_csv,
    round_pdf,
    round_xlsx,
    uses_demo_values,
)
from selection.models import ImportRun, IndicatorValue, SelectionRound
from selection.rounds import round_compute, round_override
from selection.templatetags.selection_tags import ineligible_reason
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed_round(indicator_values) -> SelectionRound:  # type: ignore[no-untyped-def]
    return round_compute(selection_round=make_round())


@pytest.fixture
def demo_round(indicator_values) -> SelectionRound:  # type: ignore[no-untyped-def]
    IndicatorValue.objects.filter(indicator__code="kkd").update(source="demo")
    return round_compute(selection_round=make_round())


def csv_rows(selection_round: SelectionRound) -> list[dict[str, str]]:
    text = round_csv(selection_round)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def pdf_text(pdf: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed: report text not read")
    done = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_csv_has_a_header_and_a_row_per_region_with_a_bom_and_semicolons(
    computed_round,
) -> None:  # type: ignore[no-untyped-def]
    text = round_csv(computed_round)
    assert text.startswith("\ufeffkode_wilayah;nama;jenis;provinsi;kelompok_pulau;layak;")
    lines = text.splitlines()
    assert len(lines) == 509  # the 508 autonomous regions and the header
    header = lines[0].split(";")
    assert header[-3:] == ["kontribusi_kkd", "kontribusi_kinerja", "kontribusi_ikb"]
    assert all(line.count(";") == len(header) - 1 for line in lines[1:])


def test_the_csv_counts_the_selected_regions_in_rank_order_with_decimal_commas(
    computed_round,
) -> None:  # type: ignore[no-untyped-def]
    rows = csv_rows(computed_round)
    assert sum(r["terpilih_hitungan"] == "ya" for r in rows) == 50
    assert sum(r["terpilih_akhir"] == "ya" for r in rows) == 50
    ranks = [int(r["peringkat"]) for r in rows]
    assert ranks == sorted(ranks)
    first = rows[0]
    result = computed_round.results.get(region__code=first["kode_wilayah"])
    assert first["skor"] == f"{result.score:.4f}".replace(".", ",")
    assert first["peluang_terpilih"].count(",") == 1 and "." not in first["peluang_terpilih"]
    with translation.override("id"):
        assert first["alasan"] == reason_text("selected")
    bandung = next(r for r in rows if r["kode_wilayah"] == "32.73")
    assert bandung["jenis"] == "kota" and bandung["kelompok_pulau"] == "Jawa"


def test_an_override_shows_in_the_committee_columns_and_the_final_selection(
    computed_round,
) -> None:  # type: ignore[no-untyped-def]
    outside = computed_round.results.filter(selected=False, eligible=True).first()
    inside = computed_round.results.filter(selected=True).last()
    round_override(
        selection_round=computed_round,
        region=outside.region,
        action="add",
        reason="Komitmen kepala daerah sangat kuat",
        user=None,
    )
    round_override(
        selection_round=computed_round,
        region=inside.region,
        action="remove",
        reason="Masterplan sudah ada",
        user=None,
    )
    rows = {r["kode_wilayah"]: r for r in csv_rows(computed_round)}
    added, removed = rows[outside.region.code], rows[inside.region.code]
    assert (added["keputusan_komite"], added["terpilih_hitungan"], added["terpilih_akhir"]) == (
        "tambah",
        "tidak",
        "ya",
    )
    assert (removed["keputusan_komite"], removed["terpilih_akhir"]) == ("hapus", "tidak")
    assert (
        sum(r["keputusan_komite"] == "" for r in rows.values()) == 506
    )  # 508 autonomous, 2 changed by the committee

    decisions = load_workbook(io.BytesIO(round_xlsx(computed_round)))["keputusan_komite"]
    values = list(decisions.iter_rows(min_row=2, values_only=True))
    assert {(v[0], v[2], v[3]) for v in values} == {
        (outside.region.code, "tambah", "Komitmen kepala daerah sangat kuat"),
        (inside.region.code, "hapus", "Masterplan sudah ada"),
    }


def test_ineligible_regions_come_last_with_their_reason(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(selection_round=make_round(eligibility={"excluded": ["32.75"]}))
    last = csv_rows(selection_round)[-1]
    assert last["kode_wilayah"] == "32.75"
    with translation.override("id"):
        assert last["layak"] == "tidak"
        assert last["alasan_tidak_layak"] == ineligible_reason("excluded")
        assert last["alasan"] == reason_text("ineligible")


def test_the_excel_workbook_has_three_sheets_with_real_numbers(computed_round) -> None:  # type: ignore[no-untyped-def]
    book = load_workbook(io.BytesIO(round_xlsx(computed_round)))
    assert book.sheetnames == ["hasil", "parameter", "keputusan_komite"]
    results = book["hasil"]
    header = [cell.value for cell in results[1]]
    assert header[:3] == ["kode_wilayah", "nama", "jenis"]
    assert results.max_row == 509
    assert results["A1"].font.bold and results.freeze_panes == "A2"
    assert results.auto_filter.ref == results.dimensions
    first = dict(zip(header, results[2], strict=True))
    assert first["peringkat"].value == 1
    assert isinstance(first["skor"].value, float)
    for column in ("peringkat", "skor", "peluang_terpilih", "peringkat_p95", "kontribusi_kkd"):
        assert first[column].data_type == "n", column
    assert first["terpilih_hitungan"].value == "ya"
    parameters = {row[0]: row[1] for row in book["parameter"].iter_rows(values_only=True)}
    assert parameters["SHA-256 masukan"] == computed_round.input_hash
    assert parameters["Maksimum per provinsi"] == 4
    assert "Berisi data demo" not in parameters


def test_the_parameter_sheet_warns_when_demo_values_are_used(demo_round) -> None:  # type: ignore[no-untyped-def]
    parameters = load_workbook(io.BytesIO(round_xlsx(demo_round)))["parameter"]
    assert parameters["A1"].value == "Berisi data demo"


def add_demo_values(code: str) -> None:
    run = ImportRun.objects.create(file_name="demo", sha256="1" * 64, rows=0, is_demo=True)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            region=value.region,
            indicator=value.indicator,
            year=value.year,
            value=0.0,
            source="demo",
            import_run=run,
        )
        for value in IndicatorValue.objects.filter(indicator__code=code)
    )


def test_a_demo_value_beside_a_published_one_is_not_used(indicator_values) -> None:  # type: ignore[no-untyped-def]
    add_demo_values("kkd")
    assert not uses_demo_values(round_compute(selection_round=make_round()))
    IndicatorValue.objects.filter(indicator__code="kkd", source="uji").first().delete()
    assert uses_demo_values(round_compute(selection_round=make_round()))


def test_demo_values_replaced_after_the_computation_still_count(demo_round) -> None:  # type: ignore[no-untyped-def]
    later = ImportRun.objects.create(file_name="resmi", sha256="2" * 64, rows=0)
    demo = IndicatorValue.objects.filter(source="demo")
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            region_id=v.region_id,
            indicator_id=v.indicator_id,
            year=v.year,
            value=v.value,
            source="Kemenkeu",
            import_run=later,
        )
        for v in demo
    )
    demo.update(replaced_by=later)
    assert uses_demo_values(demo_round)
    assert not uses_demo_values(round_compute(selection_round=make_round()))


def test_the_pdf_report_names_the_round_its_regions_the_committee_and_the_hashes(
    computed_round,
) -> None:  # type: ignore[no-untyped-def]
    pdf = round_pdf(computed_round)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    region = min(
        (r.region for r in computed_round.results.filter(selected=True).select_related("region")),
        key=lambda region: len(region.name),
    )
    assert computed_round.name in text
    assert region.name in text
    assert "Ketua Komite" in text
    assert computed_round.input_hash in text
    assert "Halaman 1 dari" in text
    assert "DATA DEMO" not in text


def test_the_pdf_report_warns_when_demo_values_are_used(demo_round) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(round_pdf(demo_round))
    assert "DATA DEMO" in text
    assert "manage.py" not in text and "verify_rounds" not in text  # no command names


def test_the_csv_says_on_each_scored_row_whether_the_score_rests_on_demo_values(
    computed_round, demo_round
) -> None:  # type: ignore[no-untyped-def]
    scored = [r for r in csv_rows(demo_round) if r["skor"]]
    assert scored and all(r["skor_dari_data_demo"] == "ya" for r in scored)
    assert {r["skor_dari_data_demo"] for r in csv_rows(computed_round) if r["skor"]} == {"tidak"}


def test_a_historical_round_exports_its_announced_list() -> None:
    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    rows = csv_rows(cohort)
    assert len(rows) == 508  # every autonomous region
    assert sum(r["terpilih_akhir"] == "ya" for r in rows) == 25
    assert round_pdf(cohort).startswith(b"%PDF")
