"""Attendance at a bimtek from Excel: the fill-in sheet comes back filled in, every row is checked
by the form's rules and named by row and column, and nothing is written unless all are right."""

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from mentoring.attendance_import import AttendanceImportError, import_attendance
from mentoring.models import Workshop, WorkshopAttendance
from mentoring.services import attendance_xlsx
from selection.models import SelectionRound

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(rows: list[list[Any]], header: list[str] | None = None) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = "kehadiran"
    sheet.append(header or ["Kode", "Wilayah", "Provinsi", "Hadir", "Peserta", "Nama dan OPD"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("kehadiran.xlsx", content, content_type=XLSX)


def test_the_filled_in_sheet_records_every_region_it_names(
    cohort: SelectionRound, workshop: Workshop, login, officer
) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    blank = client.get(f"/masterplan/bimtek/{cohort.pk}/1/kehadiran.xlsx")
    assert blank.status_code == 200 and blank["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(blank.content))
    sheet = book["kehadiran"]
    assert [c.value for c in sheet[1]] == [
        "Kode",
        "Wilayah",
        "Provinsi",
        "Hadir",
        "Peserta",
        "Nama dan OPD",
    ]
    assert sheet.max_row == 26  # the 25 regions of the 2017 cohort
    (present,) = sheet.data_validations.dataValidation  # Hadir offers ya/tidak, nothing else
    assert (str(present.sqref), present.formula1) == ("D2:D2001", '"ya,tidak"')
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, 27)}
    sheet.cell(row=rows["32.73"], column=4, value="Ya")
    sheet.cell(row=rows["32.73"], column=6, value="Budi (Diskominfo); Sari (Bappeda)")
    sheet.cell(row=rows["32.75"], column=4, value="hadir")
    sheet.cell(row=rows["32.75"], column=5, value=4)
    sheet.cell(row=rows["32.71"], column=4, value="tidak")
    out = io.BytesIO()
    book.save(out)

    response = client.post(
        f"/masterplan/bimtek/{cohort.pk}/1/hadir/unggah/", {"file": _upload(out.getvalue())}
    )
    assert response.status_code == 302
    recorded = {
        row.region.code: (row.present, row.attendees, row.names)
        for row in WorkshopAttendance.objects.filter(workshop=workshop).select_related("region")
    }
    assert recorded == {
        "32.73": (True, 2, "Budi (Diskominfo)\nSari (Bappeda)"),
        "32.75": (True, 4, ""),
        "32.71": (False, 0, ""),
    }
    # Downloaded again, the sheet carries what is recorded: a second import changes nothing.
    again = client.get(f"/masterplan/bimtek/{cohort.pk}/1/kehadiran.xlsx").content
    assert (
        client.post(
            f"/masterplan/bimtek/{cohort.pk}/1/hadir/unggah/", {"file": _upload(again)}
        ).status_code
        == 302
    )
    assert WorkshopAttendance.objects.filter(workshop=workshop).count() == 3
    assert WorkshopAttendance.objects.get(workshop=workshop, region__code="32.73").attendees == 2


def test_every_bad_row_is_named_by_row_and_column_and_nothing_is_saved(
    cohort: SelectionRound, workshop: Workshop, login, officer
) -> None:  # type: ignore[no-untyped-def]
    content = _sheet(
        [
            ["32.73", "Kota Bandung", "", "ya", 3, ""],
            ["99.99", "Kota Entah", "", "ya", 2, ""],
            ["32.75", "Kota Bekasi", "", "mungkin", 2, ""],
            ["32.71", "Kota Bogor", "", "tidak", 4, ""],
            ["32.73", "Kota Bandung", "", "ya", 1, ""],
            ["", "", "", "ya", 2, ""],
            ["33.74", "Kota Semarang", "", "ya", "tiga", ""],
            ["36.74", "Kota Tangerang Selatan", "", "ya", 1, "A\nB"],
        ]
    ).getvalue()
    response = login(officer).post(
        f"/masterplan/bimtek/{cohort.pk}/1/hadir/unggah/", {"file": _upload(content)}
    )
    assert response.status_code == 200
    problems = [str(p) for p in response.context["problems"]]
    assert problems == [
        "Baris 3, kolom Kode: 99.99 bukan wilayah angkatan ini.",
        "Baris 4, kolom Hadir: “mungkin” bukan ya atau tidak.",
        "Baris 5, kolom Hadir: Kota Bogor ditandai tidak hadir tetapi "
        "memiliki peserta: centang hadir atau kosongkan pesertanya.",
        "Baris 6, kolom Kode: Kota Bandung sudah ada di baris 2.",
        "Baris 7, kolom Kode: Kode wilayah kosong.",
        "Baris 8, kolom Peserta: Kota Semarang: jumlah peserta: “tiga”: bukan angka. "
        "Tulis misalnya 3.",
        "Baris 9, kolom Peserta: Kota Tangerang Selatan: tercantum 2 nama tetapi jumlah peserta 1.",
    ]
    assert "Tidak ada yang diimpor: 7 masalah." in response.content.decode()
    assert not WorkshopAttendance.objects.filter(workshop=workshop).exists()


def test_a_demo_workshops_sheet_says_demo_on_every_row(
    cohort: SelectionRound, workshop: Workshop, login, officer
) -> None:  # type: ignore[no-untyped-def]
    Workshop.objects.filter(pk=workshop.pk).update(is_demo=True)
    content = login(officer).get(f"/masterplan/bimtek/{cohort.pk}/1/kehadiran.xlsx").content
    rows = list(load_workbook(io.BytesIO(content))["kehadiran"].iter_rows(values_only=True))
    assert rows[0][-1] == "Demo" and {row[-1] for row in rows[1:]} == {"demo"}


def test_the_cohort_workbook_is_read_by_this_workshops_columns(
    cohort: SelectionRound, workshop: Workshop, officer
) -> None:  # type: ignore[no-untyped-def]
    Workshop.objects.create(
        cohort=cohort, number=2, start_date=date(2017, 7, 18), end_date=date(2017, 7, 20), place="B"
    )
    book = load_workbook(io.BytesIO(attendance_xlsx(cohort, with_names=True)))
    sheet = book["kehadiran"]
    header = [c.value for c in sheet[1]]
    assert "Bimtek 2 hadir" in header
    bandung = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "32.73")
    sheet.cell(bandung, header.index("Bimtek 2 hadir") + 1, "ya")
    sheet.cell(bandung, header.index("Bimtek 2 peserta") + 1, 5)
    sheet.cell(bandung, header.index("Bimtek 1 hadir") + 1, "ya")  # not this workshop's column
    out = io.BytesIO()
    book.save(out)
    second = Workshop.objects.get(cohort=cohort, number=2)
    result = import_attendance(second, officer, io.BytesIO(out.getvalue()))
    assert result.saved == 1
    row = WorkshopAttendance.objects.get()
    assert (row.workshop, row.region.code, row.attendees) == (second, "32.73", 5)


def test_a_regional_team_records_its_own_row_and_the_others_are_skipped(
    cohort: SelectionRound, workshop: Workshop, owner
) -> None:  # type: ignore[no-untyped-def]
    content = _sheet(
        [["32.73", "Kota Bandung", "", "ya", 3, ""], ["32.75", "Kota Bekasi", "", "ya", 9, ""]]
    )
    result = import_attendance(workshop, owner, content)
    assert (result.saved, result.skipped_other_regions) == (1, 1)
    assert [(r.region.code, r.attendees) for r in WorkshopAttendance.objects.all()] == [
        ("32.73", 3)
    ]


def test_a_file_that_is_not_the_sheet_says_so(
    cohort: SelectionRound, workshop: Workshop, officer
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AttendanceImportError) as not_excel:
        import_attendance(workshop, officer, io.BytesIO(b"Kode;Hadir\n32.73;ya\n"))
    assert [str(p) for p in not_excel.value.problems] == [
        "Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca."
    ]
    with pytest.raises(AttendanceImportError) as no_columns:
        import_attendance(workshop, officer, _sheet([["32.73", "ya"]], header=["Kode", "Status"]))
    assert "Baris 1: Baris judul memerlukan kolom Hadir" in str(no_columns.value.problems[0])
    with pytest.raises(AttendanceImportError) as empty:
        import_attendance(workshop, officer, _sheet([["32.73", "Kota Bandung", "", "", "", ""]]))
    assert "tidak ada yang dicatat" in str(empty.value.problems[0])


def test_people_outside_the_program_cannot_import_or_download_the_sheet(
    cohort: SelectionRound, workshop: Workshop, client: Client, login, viewer
) -> None:  # type: ignore[no-untyped-def]
    url = f"/masterplan/bimtek/{cohort.pk}/1/hadir/unggah/"
    content = _sheet([["32.73", "Kota Bandung", "", "ya", 3, ""]]).getvalue()
    assert client.post(url, {"file": _upload(content)}).status_code == 302  # to sign in
    assert login(viewer).post(url, {"file": _upload(content)}).status_code == 403
    assert login(viewer).get(f"/masterplan/bimtek/{cohort.pk}/1/kehadiran.xlsx").status_code == 403
    assert not WorkshopAttendance.objects.exists()


def test_a_sheet_typed_by_hand_with_a_title_numbers_for_codes_and_blank_rows_is_read(
    cohort: SelectionRound, workshop: Workshop, officer
) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR HADIR BIMTEK I GERAKAN MENUJU 100 SMART CITY"])
    sheet.append(["Jakarta, 13-15 Juni 2017"])
    sheet.append([])
    sheet.append(["No", "Kode", "Kabupaten/Kota", "HADIR", "Peserta", "Nama"])
    sheet.append([1, 35.1, "Kab. Banyuwangi", " Ya ", None, "Andi (Bappeda); Rina (Diskominfo) "])
    sheet.append([])
    sheet.append([2, "32.73", "Kota Bandung", "TIDAK", None, None])
    sheet.append([3, 32.75, "Kota Bekasi", "ya", 4.0, None])
    out = io.BytesIO()
    book.save(out)

    result = import_attendance(workshop, officer, io.BytesIO(out.getvalue()))

    assert result.saved == 3
    recorded = {
        row.region.code: (row.present, row.attendees, row.names)
        for row in WorkshopAttendance.objects.select_related("region")
    }
    assert recorded == {
        "35.10": (True, 2, "Andi (Bappeda)\nRina (Diskominfo)"),
        "32.73": (False, 0, ""),
        "32.75": (True, 4, ""),
    }
