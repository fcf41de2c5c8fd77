"""Indicator import: messy but valid files are taken; every problem is reported with its row
and column; one problem means nothing is written."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from selection.imports import ImportFailed, cell_number, indicators_import
from selection.models import ImportRun, IndicatorValue

pytestmark = pytest.mark.django_db

HEADER = "kode_wilayah,tahun,indikator,nilai,sumber\n"


def run(text: str | bytes, name: str = "data.csv", numbers: str = "en"):  # type: ignore[no-untyped-def]
    """Import ``text``; these files write 1.85, so the English notation unless said."""
    content = text.encode() if isinstance(text, str) else text
    return indicators_import(content=content, file_name=name, numbers=numbers)


def problems(text: str | bytes, name: str = "data.csv") -> list[tuple[int, str]]:
    with pytest.raises(ImportFailed) as failure:
        run(text, name)
    return [(p.row, p.column) for p in failure.value.problems]


def value(code: str, indicator: str, year: int) -> float:
    return (
        IndicatorValue.objects.current()
        .get(region__code=code, indicator__code=indicator, year=year)
        .value
    )


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("1234.56", "en", 1234.56),
        ("1,234.56", "en", 1234.56),
        ("1.234,56", "id", 1234.56),
        ("1,5", "id", 1.5),
        ("1.234.567", "id", 1234567.0),
        ("1.234", "id", 1234.0),
        ("1.234", "en", 1.234),
        (" 71,4 ", "id", 71.4),
        ("1\u00a0234,5", "id", 1234.5),
        (3.25, "id", 3.25),  # a number cell is taken as it is, whatever the notation
        (1234, "en", 1234.0),
        # Refused, never guessed: the other notation, malformed, empty.
        ("1234.56", "id", None),
        ("1,5", "en", None),
        ("1.234,56", "en", None),
        ("1,2,3", "id", None),
        ("tiga", "id", None),
        ("", "id", None),
        (True, "id", None),
    ],
)
def test_numbers_are_read_in_the_notation_the_file_is_said_to_use(
    raw: object, language: str, expected: float | None
) -> None:
    assert cell_number(raw, language) == expected


def test_a_plain_csv_is_imported_and_recorded() -> None:
    imported = run(HEADER + "32.73,2023,kkd,1.85,Kemenkeu\n32.73,2023,ikb,71.4,Bappenas\n")
    assert imported.rows == 2
    assert len(imported.sha256) == 64
    assert imported.years == [2023]
    assert imported.sources == ["Bappenas", "Kemenkeu"]
    assert value("32.73", "kkd", 2023) == 1.85


def test_an_indonesian_excel_csv_with_bom_semicolons_and_decimal_commas() -> None:
    text = (
        "\ufeffKode Wilayah ; Tahun ; Indikator ; Nilai ; Sumber\r\n"
        " 32.73 ; 2023 ; KKD ; 1,85 ; Kemenkeu 2023 \r\n"
        "3275;2023;ikh;1.234,5;PUPR\r\n"
    )
    with pytest.raises(ImportFailed) as failure:  # 1.234,5 is above the IKH scale
        run(text.encode("utf-8"), numbers="id")
    assert [(p.row, p.column) for p in failure.value.problems] == [(3, "nilai")]
    run(text.replace("1.234,5", "61,5").encode("utf-8"), numbers="id")
    assert value("32.73", "kkd", 2023) == 1.85
    assert value("32.75", "ikh", 2023) == 61.5
    assert IndicatorValue.objects.get(region__code="32.73").source == "Kemenkeu 2023"


def test_english_headers_are_accepted() -> None:
    run("region_code,year,indicator,value,source\n32.73,2022,kinerja,3.1,Kemendagri\n")
    assert value("32.73", "kinerja", 2022) == 3.1


def test_a_messy_excel_file_from_an_office() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Data Kapasitas Fiskal Daerah 2024"])  # a title above the table
    sheet.append([])
    sheet.append(["Kode Wilayah", "Tahun", "Indikator ", " NILAI", "Sumber"])
    sheet.append([3273, 2024, "kkd", 1.85, "Kemenkeu"])  # the code typed as a number
    sheet.append(["32.75 ", "2024", " KKD", "2,15", " Kemenkeu "])  # text cells, comma
    sheet.append([None, None, None, None, None])  # a formatted but empty row
    sheet.append(["11.01", 2024.0, "kinerja", 2.5, "Kemendagri"])
    buffer = io.BytesIO()
    book.save(buffer)
    imported = run(buffer.getvalue(), "KKD 2024 final (2).xlsx", numbers="id")
    assert imported.rows == 3
    assert value("32.73", "kkd", 2024) == 1.85
    assert value("32.75", "kkd", 2024) == 2.15
    assert value("11.01", "kinerja", 2024) == 2.5


def test_every_problem_is_reported_with_its_row_and_column_and_nothing_is_written() -> None:
    text = (
        HEADER
        + "\n".join(
            [
                "32.73,2023,kkd,1.5,Kemenkeu",  # row 2: fine
                "99.99,2023,kkd,1.5,Kemenkeu",  # row 3: unknown region
                "32.73,2023,apbd,1.5,Kemenkeu",  # row 4: unknown indicator
                "32.73,2023,kinerja,tinggi,Kemendagri",  # row 5: not a number
                "32.73,1999,ikh,50,PUPR",  # row 6: year out of range
                "32.73,2023,kkd,1.7,Kemenkeu",  # row 7: duplicate of row 2
                "32.04,2023,ikb,70,Bappenas",  # row 8: IKB does not apply to a kabupaten
                "32.73,2023,perbatasan,2,BNPP",  # row 9: a flag must be 0 or 1
                "32.73,2023,ikh,50,",  # row 10: no source
            ]
        )
        + "\n"
    )
    with pytest.raises(ImportFailed) as failure:
        run(text)
    found = [(p.row, p.column) for p in failure.value.problems]
    assert found == [
        (3, "kode_wilayah"),
        (4, "indikator"),
        (5, "nilai"),
        (6, "tahun"),
        (7, ""),
        (8, "indikator"),
        (9, "nilai"),
        (10, "sumber"),
    ]
    messages = " ".join(p.message for p in failure.value.problems)
    assert "99.99" in messages and "apbd" in messages and "baris 2" in messages
    assert not IndicatorValue.objects.exists()
    assert not ImportRun.objects.exists()


def test_an_administrative_region_gets_no_fiscal_capacity_or_performance_value() -> None:
    with pytest.raises(ImportFailed) as failure:
        run(HEADER + "31.75,2024,kkd,1.5,Kemenkeu\n31.75,2024,kinerja,3,Kemendagri\n")

    assert [(p.row, p.column) for p in failure.value.problems] == [
        (2, "indikator"),
        (3, "indikator"),
    ]
    assert failure.value.problems[0].message == (
        "Kota Administrasi Jakarta Timur bukan daerah otonom (bagian dari provinsinya, tanpa "
        "anggaran dan pemerintahan sendiri): tidak memiliki nilai kkd."
    )
    assert not IndicatorValue.objects.exists()
    run(HEADER + "31.75,2024,ikh,50,PUPR\n")  # other indicators are its own
    assert IndicatorValue.objects.count() == 1


def test_problems_are_in_english_when_english_is_chosen() -> None:
    from django.utils import translation

    with translation.override("en"), pytest.raises(ImportFailed) as failure:
        run(HEADER + "99.99,2023,kkd,1.5,Kemenkeu\n")
    assert failure.value.problems[0].message == 'Unknown region code "99.99".'


def test_a_missing_column_is_named() -> None:
    assert problems("kode_wilayah,tahun,indikator,nilai\n32.73,2023,kkd,1,x\n") == [(1, "sumber")]


def test_a_file_that_is_not_utf8_is_refused_with_its_line() -> None:
    content = (
        HEADER + "32.73,2023,kkd,1.5,Kemenkeu\n32.73,2023,ikh,50,Dinas Pekerjaan Umum\xe9\n"
    ).encode("latin-1")
    assert problems(content) == [(3, "")]


def test_an_empty_file_and_a_header_only_file_are_refused() -> None:
    assert problems("") == [(1, "")]
    assert problems(HEADER) == [(2, "")]


def test_reimporting_a_year_and_source_replaces_the_values_and_keeps_history() -> None:
    first = run(
        HEADER + "32.73,2023,kkd,1.5,Kemenkeu\n32.75,2023,kkd,2.0,Kemenkeu\n"
        "32.73,2022,kkd,1.4,Kemenkeu\n"
    )
    second = run(HEADER + "32.73,2023,kkd,1.6,Kemenkeu\n32.75,2023,kkd,2.1,Kemenkeu\n")
    assert second.replaced == 2
    assert value("32.73", "kkd", 2023) == 1.6
    assert value("32.73", "kkd", 2022) == 1.4  # another year is left alone
    old = IndicatorValue.objects.get(region__code="32.73", year=2023, import_run=first)
    assert (old.value, old.replaced_by) == (1.5, second)


def test_another_source_for_the_same_year_is_kept_beside() -> None:
    run(HEADER + "32.73,2023,kkd,1.5,Kemenkeu\n")
    run(HEADER + "32.73,2023,kkd,1.45,BPS\n")
    assert IndicatorValue.objects.current().filter(region__code="32.73").count() == 2


def test_the_command_lists_problems_and_exits_non_zero(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "kkd.csv"
    bad.write_text(HEADER + "99.99,2023,kkd,1.5,Kemenkeu\n", encoding="utf-8")
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("import_indicators", str(bad), numbers="en", verbosity=0)
    assert "baris 2, kolom kode_wilayah" in capsys.readouterr().err
    assert not IndicatorValue.objects.exists()


def test_the_command_imports_a_good_file(tmp_path: Path, capsys, owner) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "kkd.csv"
    good.write_text(HEADER.replace(",", ";") + "32.73;2023;kkd;1,5;Kemenkeu\n", encoding="utf-8")
    call_command("import_indicators", str(good), user="editor.bandung", verbosity=0)
    assert value("32.73", "kkd", 2023) == 1.5  # the default notation is Indonesian
    assert "1 nilai diimpor" in capsys.readouterr().out
    assert ImportRun.objects.get().imported_by == owner


def test_demo_and_registry_values_load_once(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("load_selection_data")
    first = IndicatorValue.objects.count()
    call_command("load_selection_data")
    assert IndicatorValue.objects.count() == first
    assert value("32.73", "pulau_terluar", 2025) == 0
    assert (
        IndicatorValue.objects.filter(
            source="demo", indicator__code="ikb", region__kind="kabupaten"
        ).count()
        == 0
    )
    assert ImportRun.objects.filter(is_demo=True).count() == 1


def test_residents_are_real_for_2025_and_demo_before() -> None:
    from regions.models import Region

    call_command("load_selection_data", verbosity=0)
    bandung = Region.objects.get(code="32.73")
    real = IndicatorValue.objects.get(region=bandung, indicator__code="penduduk", year=2025)
    assert real.value == bandung.population and real.source.startswith("Dukcapil 2025")
    earlier = IndicatorValue.objects.get(region=bandung, indicator__code="penduduk", year=2020)
    assert earlier.source == "demo"
    # Walked back at 0-3% a year: five years earlier, between 86% and 100% of 2025.
    assert 0.86 * bandung.population <= earlier.value <= bandung.population


def test_a_number_in_the_other_notation_is_refused_saying_which_notation_was_expected() -> None:
    with pytest.raises(ImportFailed) as failure:
        run(HEADER + "32.73,2023,kkd,1.85,Kemenkeu\n", numbers="id")
    (problem,) = failure.value.problems
    assert (problem.row, problem.column) == (2, "nilai")
    assert "1.85" in problem.message and "Indonesia" in problem.message
    assert not IndicatorValue.objects.exists()


def test_a_utf16_csv_as_excel_saves_unicode_text_is_read() -> None:
    text = HEADER.replace(",", "\t") + "32.73\t2023\tkkd\t1,85\tKemenkeu\n"
    run(text.encode("utf-16"), numbers="id")
    assert value("32.73", "kkd", 2023) == 1.85


def test_problems_past_the_listing_limit_are_counted_not_listed(settings) -> None:  # type: ignore[no-untyped-def]
    settings.KC_MAX_PROBLEMS_LISTED = 10
    text = HEADER + "".join(f"99.{n:02d},2023,kkd,1.5,Kemenkeu\n" for n in range(40))
    with pytest.raises(ImportFailed) as failure:
        run(text)
    assert len(failure.value.problems) == 10 and failure.value.total == 40


def test_a_file_past_the_row_limit_is_refused_before_any_row_is_checked(settings) -> None:  # type: ignore[no-untyped-def]
    settings.KC_MAX_ROWS = 50
    text = HEADER + "32.73,2023,kkd,1.5,Kemenkeu\n" * 60
    with pytest.raises(ImportFailed) as failure:
        run(text)
    (problem,) = failure.value.problems
    assert "50" in problem.message
