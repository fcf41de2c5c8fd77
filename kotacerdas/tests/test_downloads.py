"""Downloads: the attachment header, and workbooks that never carry a formula someone typed."""

import io

from openpyxl import Workbook, load_workbook

from kotacerdas.downloads import attachment, csv_text, text_row, workbook_bytes


def test_an_attachment_takes_its_media_type_from_the_extension() -> None:
    response = attachment(b"a;b\n", "hasil.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hasil.csv"'
    assert attachment(b"%PDF", "x.bin", "application/pdf")["Content-Type"] == "application/pdf"


def test_text_that_looks_like_a_formula_stays_text() -> None:
    book = Workbook()
    book.active.append(['=HYPERLINK("http://contoh.invalid","klik")', "+62 812", 42])
    cells = load_workbook(io.BytesIO(workbook_bytes(book))).active[1]
    assert [cell.data_type for cell in cells] == ["s", "s", "n"]
    assert cells[0].value == '=HYPERLINK("http://contoh.invalid","klik")'


def test_a_write_only_sheet_keeps_formula_like_text_as_text() -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(text_row(sheet, ["=1+1", "Kota Bandung", 7]))
    cells = load_workbook(io.BytesIO(workbook_bytes(book))).active[1]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"),
        ("Kota Bandung", "s"),
        (7, "n"),
    ]


def test_csv_text_that_a_spreadsheet_would_run_gets_an_apostrophe() -> None:
    typed = ["=1+1", "+62 812", "-2+3", "@SUM(A1)", "\tx", "Kota Bandung", -2.5, 7, None]
    assert [csv_text(value) for value in typed] == [
        "'=1+1",
        "'+62 812",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "Kota Bandung",
        -2.5,
        7,
        None,
    ]


def test_a_write_only_sheet_drops_the_control_characters_xml_cannot_hold() -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("komentar")
    sheet.append(text_row(sheet, ["Baris\x0bbaru\x0c dari Word\x01", "=\x0bSUM(A1)", 3]))

    cells = [c.value for c in load_workbook(io.BytesIO(workbook_bytes(book))).active[1]]

    assert cells == ["Barisbaru dari Word", "=SUM(A1)", 3]
