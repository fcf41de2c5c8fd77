"""The spreadsheet kit: finding a table's heading row, and the heading row and drop-downs every
workbook people fill in has. (Reading within limits is exercised by each import's tests.)"""

import io

from openpyxl import Workbook, load_workbook

from kotacerdas import sheets


def test_headings_compare_without_case_spacing_hyphens_bom_or_a_required_mark() -> None:
    for typed in (
        "Kode Wilayah",
        "kode_wilayah",
        "\ufeffKODE-WILAYAH",
        " kode  wilayah*",
        "Kode wilayah:",
    ):
        assert sheets.heading_key(typed) == "kode wilayah", typed
    assert sheets.heading_key(None) == ""
    assert sheets.heading_key(2024) == "2024"
    assert sheets.heading_key("kode wilayah 2") != "kode wilayah"


def test_the_heading_row_is_found_under_a_title_a_date_and_blank_rows() -> None:
    rows = [
        ["Data indikator Kota Bandung", None],
        ["Dicetak 28 Nov 2026"],
        [],
        ["Kode", "Tahun", "Nilai"],
        ["32.73", 2024, "1,5"],
    ]

    def names_code_and_year(keys: list[str]) -> bool:
        return {"kode", "tahun"} <= set(keys)

    assert sheets.heading_row(rows, names_code_and_year) == 3
    assert sheets.heading_row(rows, names_code_and_year, search=3) is None
    assert sheets.heading_row(rows, lambda keys: "sumber" in keys) is None


def test_a_heading_row_is_bold_with_widths_and_frozen_panes() -> None:
    sheet = Workbook().active
    sheets.heading(sheet, [("kode", 10), ("judul", 40)], freeze="B2")
    assert [c.value for c in sheet[1]] == ["kode", "judul"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.column_dimensions["B"].width == 40 and sheet.freeze_panes == "B2"


def reopened(book: Workbook) -> Workbook:
    out = io.BytesIO()
    book.save(out)
    return load_workbook(io.BytesIO(out.getvalue()))


def test_a_short_list_is_written_into_the_validation_and_a_long_one_to_a_hidden_sheet() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheets.choices(sheet, 1, ["ya", "tidak"])
    long_values = [f"pilihan nomor {n}, panjang" for n in range(40)]
    sheets.choices(sheet, 2, long_values, first_row=3)
    sheets.choices(sheet, 3, ["a, b", "c"])
    saved = reopened(book)
    validations = {str(v.sqref): v for v in saved["data"].data_validations.dataValidation}
    short = validations["A2:A2001"]
    assert (short.type, short.formula1, short.allow_blank) == ("list", '"ya,tidak"', True)
    assert short.showErrorMessage and short.error == "Pilih salah satu: ya, tidak"
    assert validations["B3:B2002"].formula1 == "'_pilihan'!$A$1:$A$40"
    assert validations["C2:C2001"].formula1 == "'_pilihan'!$B$1:$B$2"  # a comma in a value
    store = saved[sheets.CHOICES_SHEET]
    assert store.sheet_state == "hidden"
    assert [c.value for (c,) in store.iter_rows(max_col=1)] == long_values
    assert [store["B1"].value, store["B2"].value] == ["a, b", "c"]


def test_a_year_column_takes_whole_numbers_within_the_period() -> None:
    sheet = Workbook().active
    sheets.whole_numbers(sheet, 2, 2027, 2036)
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.operator) == ("whole", "between")
    assert (validation.formula1, validation.formula2, str(validation.sqref)) == (
        "2027", "2036", "B2:B2001"
    )  # fmt: skip
    assert validation.error == "Isi bilangan bulat dari 2027 sampai 2036."


def test_a_heading_row_goes_below_a_title_and_a_blank_row() -> None:
    sheet = Workbook().active
    sheet.append(["Data demo"])
    sheet.append([])
    sheets.heading(sheet, [("parameter", 44)], freeze=None)
    sheet.append(["bobot", "0,5"])
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3, 4)] == [
        "Data demo", None, "parameter", "bobot"
    ]  # fmt: skip
    assert sheet["A3"].font.bold and sheet.freeze_panes is None
