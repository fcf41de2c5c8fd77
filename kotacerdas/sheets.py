"""Reading spreadsheets people upload, within limits, before anything is held in memory.

An upload is checked in order, cheapest first: its size in bytes; for a workbook, the zip's
own directory (how many parts, how large they claim to unpack to, how hard they are
compressed: a zip bomb is refused without inflating it); then the sheets are read row by row
in openpyxl's streaming mode, blank rows skipped, and reading stops at the first row or cell
past the limit. CSV is decoded as UTF-8 (with or without BOM) or UTF-16 (with its BOM) and
read the same way. The limits come from settings and are shown on every upload page.

The problems found while reading a file are capped: the first ``errors`` are listed, then a
count of the rest (``Problems``). A table typed by hand often has a title, a date or blank rows
above its heading row: ``heading_row`` finds it, comparing headings as ``heading_key`` does.

Writing: every sheet people fill in or read has the same heading row (``heading``: bold on a
light fill, widths, panes frozen below it) and, where a column takes one of a few values, a
drop-down that Excel enforces (``choices``, ``whole_numbers``).
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation


@dataclass(frozen=True)
class Limits:
    bytes: int
    unpacked_bytes: int
    sheets: int
    rows: int
    cells: int
    errors: int = 200

    def describe(self) -> str:
        """The limits in words, for the upload page."""
        return _(
            "At most %(bytes)s, %(sheets)s sheets, %(rows)s filled rows per sheet and "
            "%(cells)s cells in all."
        ) % {
            "bytes": filesizeformat(self.bytes),
            "sheets": self.sheets,
            "rows": number_format(self.rows, force_grouping=True),
            "cells": number_format(self.cells, force_grouping=True),
        }


def limits() -> Limits:
    return Limits(
        bytes=settings.KC_MAX_UPLOAD_BYTES,
        unpacked_bytes=settings.KC_MAX_UNPACKED_BYTES,
        sheets=settings.KC_MAX_SHEETS,
        rows=settings.KC_MAX_ROWS,
        cells=settings.KC_MAX_CELLS,
        errors=settings.KC_MAX_PROBLEMS_LISTED,
    )


class TooLarge(Exception):
    """The file is past a limit; the message says which, in the reader's language."""


class Unreadable(Exception):
    """The file is not a workbook or CSV that can be read; the message says so, and ``line``
    where, when it is known."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def not_a_workbook() -> str:
    return _("The file is not an Excel workbook (.xlsx) that can be read.")


# A part of an xlsx is XML: it compresses well, but a ratio past this is a bomb, not a sheet.
MAX_COMPRESSION_RATIO = 200


def _size(file_obj: Any) -> int:
    size = getattr(file_obj, "size", None)
    if size is not None:
        return int(size)
    position = file_obj.tell()
    file_obj.seek(0, io.SEEK_END)
    end = file_obj.tell()
    file_obj.seek(position)
    return int(end)


def check_bytes(file_obj: Any, limit: Limits) -> None:
    size = _size(file_obj)
    if size > limit.bytes:
        raise TooLarge(
            _("The file is %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit.bytes)}
        )


def open_workbook(file_obj: Any, limit: Limits | None = None) -> Any:
    """The workbook in streaming (read-only) mode with the values Excel last computed, after
    checking the file's size and its zip directory. TooLarge or Unreadable otherwise."""
    from openpyxl import load_workbook

    limit = limit or limits()
    check_bytes(file_obj, limit)
    file_obj.seek(0)
    try:
        with zipfile.ZipFile(file_obj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Unreadable(
            _("The file is not an Excel workbook (.xlsx) that can be read.")
        ) from error
    unpacked = sum(m.file_size for m in members)
    if len(members) > 10 * limit.sheets + 50 or unpacked > limit.unpacked_bytes:
        raise TooLarge(
            _("The workbook unpacks to %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit.unpacked_bytes)}
        )
    if any(m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1) for m in members):
        raise TooLarge(_("The workbook is compressed beyond what a spreadsheet can be."))
    file_obj.seek(0)
    try:
        book = load_workbook(file_obj, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise Unreadable(
            _("The file is not an Excel workbook (.xlsx) that can be read.")
        ) from error
    if len(book.sheetnames) > limit.sheets:
        count = len(book.sheetnames)
        book.close()
        raise TooLarge(
            _("The workbook has %(count)s sheets; at most %(limit)s are accepted.")
            % {"count": count, "limit": limit.sheets}
        )
    return book


@dataclass
class Budget:
    """Rows and cells read so far from one file, against its limits."""

    limit: Limits
    cells: int = 0

    def take(self, sheet: str, row: int, values: tuple[Any, ...], filled_rows: int) -> None:
        self.cells += len(values)
        if filled_rows > self.limit.rows:
            raise TooLarge(
                _("Sheet %(sheet)s has more than %(limit)s filled rows.")
                % {"sheet": sheet, "limit": number_format(self.limit.rows, force_grouping=True)}
            )
        if self.cells > self.limit.cells:
            raise TooLarge(
                _("The file has more than %(limit)s cells (sheet %(sheet)s, row %(row)s).")
                % {
                    "limit": number_format(self.limit.cells, force_grouping=True),
                    "sheet": sheet,
                    "row": row,
                }
            )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def sheet_rows(
    sheet: Any, budget: Budget, *, max_col: int | None = None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of each row with something in it, within ``budget``."""
    filled = 0
    # A sheet formatted down to row 1,048,576 sends its empty styled rows too: they are
    # skipped, and counted as cells, so a sheet of nothing but formatting stops at the limit.
    for number, values in enumerate(sheet.iter_rows(values_only=True, max_col=max_col), start=1):
        if all(_blank(v) for v in values):
            budget.cells += len(values) or 1
            if budget.cells > budget.limit.cells:
                budget.take(sheet.title, number, (), filled)
            continue
        filled += 1
        budget.take(sheet.title, number, values, filled)
        yield number, tuple(values)


def decode_csv(content: bytes) -> str:
    """The text of a CSV file: UTF-8 with or without BOM, or UTF-16 with its BOM."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise Unreadable(
            _('Line %(line)s is not UTF-8 text. Save the file as "CSV UTF-8" and upload it again.')
            % {"line": line},
            line,
        ) from None


def csv_rows(
    file_obj: IO[bytes], limit: Limits | None = None, *, delimiter: str | None = None
) -> tuple[str, Iterator[tuple[int, tuple[Any, ...]]]]:
    """The delimiter and (row number, values) of each row with something in it."""
    limit = limit or limits()
    check_bytes(file_obj, limit)
    file_obj.seek(0)
    text = decode_csv(file_obj.read(limit.bytes + 1))
    first_line = text.split("\n", 1)[0]
    delimiter = delimiter or max([";", ",", "\t"], key=first_line.count)
    budget = Budget(limit)

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        filled = 0
        for number, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            if all(_blank(v) for v in values):
                continue
            filled += 1
            budget.take("CSV", number, tuple(values), filled)
            yield number, tuple(values)

    return delimiter, rows()


def csv_records(path: Path) -> list[dict[str, str]]:
    """The rows of one of the platform's own UTF-8 CSV data files (``data/``), by heading."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Problems:
    """Problems found in a file: the first ``limit`` kept to list, the rest counted."""

    limit: int = 200
    shown: list[Any] = field(default_factory=list)
    total: int = 0

    def add(self, problem: Any) -> None:
        self.total += 1
        if len(self.shown) < self.limit:
            self.shown.append(problem)

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    @property
    def hidden(self) -> int:
        return self.total - len(self.shown)


# Reading: the heading row

# How far down a heading row is looked for.
HEADING_SEARCH = 10


def heading_key(value: Any) -> str:
    """A column heading as compared: case, spaces, hyphens and underscores, a BOM, and a
    trailing colon or asterisk (a required column, marked by hand) make no difference."""
    text = "" if value is None else str(value)
    text = text.lstrip("\ufeff").strip().rstrip(":*").strip().casefold()
    return re.sub(r"[\s_\-]+", " ", text)


def heading_row(
    rows: Sequence[Sequence[Any]],
    is_heading: Callable[[list[str]], bool],
    *,
    search: int = HEADING_SEARCH,
) -> int | None:
    """The index of the first of the top ``search`` rows that ``is_heading`` accepts, given
    the row's headings as ``heading_key`` gives them; None when no row is."""
    for index, row in enumerate(rows[:search]):
        if is_heading([heading_key(value) for value in row]):
            return index
    return None


# Writing: headings and drop-downs

HEADING_FONT = Font(bold=True)
HEADING_FILL = PatternFill("solid", start_color="E8EEF6")
# Rows a drop-down covers below the heading: more than any table people fill in here.
VALIDATED_ROWS = 2000
# Excel keeps a list typed into the validation itself to 255 characters.
INLINE_LIST_LIMIT = 255
CHOICES_SHEET = "_pilihan"


def heading(sheet: Any, columns: Sequence[tuple[str, int]], *, freeze: str | None = "A2") -> None:
    """The heading row of a table (title, width) as every workbook of the platform has it,
    appended below what the sheet holds (row 1 of a new sheet)."""
    sheet.append([title for title, _width in columns])
    row = sheet.max_row
    for index, (_title, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=index)
        cell.font = HEADING_FONT
        cell.fill = HEADING_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    if freeze:
        sheet.freeze_panes = freeze


def _validate(sheet: Any, column: int, first_row: int, validation: DataValidation) -> None:
    letter = get_column_letter(column)
    validation.add(f"{letter}{first_row}:{letter}{first_row + VALIDATED_ROWS - 1}")
    sheet.add_data_validation(validation)


def choices(sheet: Any, column: int, values: Sequence[str], *, first_row: int = 2) -> None:
    """A drop-down of ``values`` on a column: Excel refuses anything else, with a message in
    Indonesian that lists them (a blank cell stays allowed). A list too long to write into the
    validation, or with a comma in a value, goes to a hidden sheet it points at."""
    inline = ",".join(values)
    if len(inline) + 2 <= INLINE_LIST_LIMIT and not any("," in v or '"' in v for v in values):
        formula = f'"{inline}"'
    else:
        book = sheet.parent
        if CHOICES_SHEET in book.sheetnames:
            store = book[CHOICES_SHEET]
        else:
            store = book.create_sheet(CHOICES_SHEET)
            store.sheet_state = "hidden"
        store_column = store.max_column + 1 if store.max_row > 1 or store["A1"].value else 1
        for offset, value in enumerate(values, start=1):
            store.cell(row=offset, column=store_column, value=value)
        letter = get_column_letter(store_column)
        formula = f"{quote_sheetname(CHOICES_SHEET)}!${letter}$1:${letter}${len(values)}"
    listed = ", ".join(values)
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nilai tidak ada di daftar",
        error=f"Pilih salah satu: {listed}"[:255],
    )
    _validate(sheet, column, first_row, validation)


def whole_numbers(sheet: Any, column: int, low: int, high: int, *, first_row: int = 2) -> None:
    """Excel refuses anything but a whole number from ``low`` to ``high`` in the column."""
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Angka di luar batas",
        error=f"Isi bilangan bulat dari {low} sampai {high}.",
    )
    _validate(sheet, column, first_row, validation)
