"""Attendance at one workshop in Excel: the fill-in sheet handed out per workshop, and the import
of that sheet (or of the cohort's whole attendance workbook) once the signed daftar hadir is
back. Every row is checked by the same rules as the form; nothing is written unless all are
right. A regional team's workbook may still hold the other regions' rows: those are skipped."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment

from kotacerdas import sheets
from kotacerdas.downloads import workbook_bytes
from kotacerdas.errors import DomainError
from masterplans import workbook_import
from mentoring.forms import AttendanceForm
from mentoring.models import Workshop, WorkshopAttendance
from mentoring.services import AttendanceRow, attendance_save, cohort_regions, recordable_regions
from regions.models import Region

SHEET = "kehadiran"
HEADER = ["Kode", "Wilayah", "Provinsi", "Hadir", "Peserta", "Nama dan OPD"]
# More rows than any cohort has regions: a sheet longer than this is not an attendance list.
MAX_ROWS = 1000
# The workbook's yes and no (masterplans.workbook_export), and how a sign-in sheet says them.
YES = workbook_import.YES | {"hadir", "present"}
NO = (workbook_import.NO - {""}) | {"tidak hadir", "absent", "-"}


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str

    @property
    def path(self) -> str:
        """Where, as ``row.column`` (``file`` for the workbook as a whole)."""
        parts = ["" if self.row is None else str(self.row), self.column]
        return ".".join(part for part in parts if part) or "file"

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            where = _("Row %(row)s, column %(column)s") % {"row": self.row, "column": self.column}
        else:
            where = _("Row %(row)s") % {"row": self.row}
        return f"{where}: {self.message}"


class AttendanceImportError(DomainError):
    """The workbook cannot be imported; ``problems`` says where and why. Nothing was written.
    A detail's field is ``row.column`` (``file`` for the workbook as a whole)."""

    code = "invalid_workbook"
    status = 422

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "; ".join(str(p) for p in problems[:5]),
            details=[{"field": p.path, "message": p.message} for p in problems],
        )
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    saved: int
    skipped_other_regions: int


def fill_in_xlsx(workshop: Workshop, regions: list[Region]) -> bytes:
    """One row per region the user records, with what is recorded so far, to fill in from the
    signed sheet and import again."""
    recorded = {
        row.region_id: row
        for row in WorkshopAttendance.objects.filter(workshop=workshop, region__in=regions)
    }
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = SHEET
    demo = ["demo"] if workshop.is_demo else []
    widths = (8, 30, 24, 8, 9, 60, 8)
    sheets.heading(sheet, list(zip(HEADER + (["Demo"] if demo else []), widths, strict=False)))
    # Excel offers ya/tidak in Hadir and refuses anything else as it is typed.
    sheets.choices(sheet, HEADER.index("Hadir") + 1, ["ya", "tidak"])
    for region in regions:
        row = recorded.get(region.pk)
        answer = ("ya" if row.present else "tidak") if row else ""
        sheet.append(
            [
                region.code,
                region.name,
                region.province.name,
                answer,
                row.attendees if row and row.present else None,
                row.names if row else "",
                *demo,
            ]
        )
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide = book.create_sheet("petunjuk")
    for line in (
        [f"Kehadiran {workshop.theme}: {workshop.cohort.name}"],
        ["Hadir: ya atau tidak. Baris dengan kolom Hadir kosong tidak diubah."],
        ["Peserta: jumlah orang; boleh kosong bila nama diisi (dihitung dari nama)."],
        ["Nama dan OPD: satu orang per baris dalam sel (Alt+Enter) atau dipisah titik koma."],
        ["Unggah kembali di halaman kehadiran bimtek; tidak ada yang disimpan bila ada kesalahan."],
    ):
        guide.append(line)
    guide.column_dimensions["A"].width = 100
    return workbook_bytes(book)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return re.sub(r"[ \t]+", " ", str(value)).strip()


def _code(value: Any) -> str:
    """A Kemendagri code as typed; one Excel turned into a number (11.1 for 11.10) regains its
    two digits after the dot."""
    if isinstance(value, float):
        return f"{value:.2f}"
    return _text(value)


def _columns(header: Sequence[Any], number: int) -> dict[str, int]:
    """Field → column index: the fill-in sheet's Hadir/Peserta/Nama, or the cohort workbook's
    "Bimtek N hadir/peserta/nama" columns of this workshop."""
    found: dict[str, int] = {}
    labels = {
        "code": ("kode", "code"),
        "present": ("hadir", f"bimtek {number} hadir", "present"),
        "attendees": ("peserta", f"bimtek {number} peserta", "attendees"),
        "names": ("nama dan opd", "nama", f"bimtek {number} nama", "names"),
    }
    for index, value in enumerate(header):
        text = sheets.heading_key(value)
        for field, accepted in labels.items():
            if text in accepted and field not in found:
                found[field] = index
    return found


def read_attendance(
    workshop: Workshop, user: Any, file_obj: BinaryIO | Any
) -> tuple[list[AttendanceRow], int]:
    """The rows to record and how many rows of regions ``user`` does not record were skipped;
    AttendanceImportError lists every problem by row and column."""
    try:
        book = sheets.open_workbook(file_obj)
    except (sheets.TooLarge, sheets.Unreadable) as refused:
        raise AttendanceImportError([Problem(None, "", str(refused))]) from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        lines = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    finally:
        book.close()
    if len(lines) > MAX_ROWS + 1:
        raise AttendanceImportError(
            [Problem(None, "", _("The sheet has more than %(n)s rows.") % {"n": MAX_ROWS})]
        )
    # A sheet typed by hand often has a title or a date above its heading row.
    head = sheets.heading_row(
        lines, lambda keys: {"code", "present"} <= _columns(keys, workshop.number).keys()
    )
    head = head or 0
    columns = _columns(lines[head] if lines else (), workshop.number)
    missing = [
        label for field, label in (("code", "Kode"), ("present", "Hadir")) if field not in columns
    ]
    if missing:
        raise AttendanceImportError(
            [
                Problem(
                    head + 1,
                    "",
                    _(
                        "The heading row needs the columns %(columns)s (as in the fill-in sheet "
                        "of this workshop)."
                    )
                    % {"columns": ", ".join(missing)},
                )
            ]
        )
    heading = {field: _text(lines[head][index]) for field, index in columns.items()}
    in_cohort = {region.code: region for region in cohort_regions(workshop.cohort)}
    allowed = {region.pk for region in recordable_regions(user, workshop.cohort)}

    def cell(line: tuple[Any, ...], field: str) -> Any:
        index = columns.get(field)
        return line[index] if index is not None and index < len(line) else None

    problems: list[Problem] = []
    rows: list[AttendanceRow] = []
    seen: dict[str, int] = {}
    skipped = 0
    for number, line in enumerate(lines[head + 1 :], start=head + 2):
        code = _code(cell(line, "code"))
        present = _text(cell(line, "present")).casefold()
        attendees = cell(line, "attendees")
        names = _text(cell(line, "names")).replace(";", "\n")
        if not code:
            if present or _text(attendees) or names:
                problems.append(Problem(number, heading["code"], _("The region code is empty.")))
            continue
        region = in_cohort.get(code)
        if region is None:
            problems.append(
                Problem(
                    number,
                    heading["code"],
                    _("%(code)s is not a region of this cohort.") % {"code": code},
                )
            )
            continue
        if code in seen:
            problems.append(
                Problem(
                    number,
                    heading["code"],
                    _("%(region)s is already on row %(row)s.")
                    % {"region": region.name, "row": seen[code]},
                )
            )
            continue
        seen[code] = number
        if region.pk not in allowed:
            skipped += 1
            continue
        if not present:
            if _text(attendees) or names:
                problems.append(
                    Problem(
                        number,
                        heading["present"],
                        _("Write ya or tidak for %(region)s.") % {"region": region.name},
                    )
                )
            continue
        if present not in YES | NO:
            problems.append(
                Problem(
                    number,
                    heading["present"],
                    _("“%(value)s” is neither ya nor tidak.") % {"value": present},
                )
            )
            continue
        form = AttendanceForm(
            {
                "present": "on" if present in YES else "",
                "attendees": _text(attendees),
                "names": "\n".join(part.strip() for part in names.splitlines() if part.strip()),
            },
            region=region,
        )
        if not form.is_valid():
            for field, errors in form.errors.items():
                for error in errors:
                    problems.append(Problem(number, heading.get(field, ""), str(error)))
            continue
        data = form.cleaned_data
        rows.append(AttendanceRow(region, data["present"], data["attendees"], data["names"]))
    if problems:
        raise AttendanceImportError(problems)
    if not rows:
        raise AttendanceImportError(
            [Problem(None, "", _("No row has Hadir filled in: nothing to record."))]
        )
    return rows, skipped


def import_attendance(workshop: Workshop, user: Any, file_obj: BinaryIO | Any) -> ImportResult:
    """Record the workbook's attendance at ``workshop``: all rows or none."""
    rows, skipped = read_attendance(workshop, user, file_obj)
    return ImportResult(attendance_save(workshop=workshop, user=user, rows=rows), skipped)
