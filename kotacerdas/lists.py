"""Lists people can sort by their columns and take away as they see them.

A view describes its list's columns once (``Column``) and calls ``listing``: ``?urut=name``
(``-name`` for descending) sorts by a column, ``?unduh=csv`` or ``?unduh=xlsx`` returns every
row the filters keep (not only the page shown), in the order shown, with the same headings.
Templates draw the headings with ``templates/_sort_headers.html`` and the download links
with ``templates/_export_links.html``.
"""

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from openpyxl import Workbook

from kotacerdas.downloads import attachment, csv_text, text_row, workbook_bytes
from kotacerdas.paging import page_of

SORT = "urut"
EXPORT = "unduh"
# A download holds at most this many rows: more than the platform has of any list today
# (514 regions, a few thousand programs), and a bound on what one request may build.
EXPORT_LIMIT = 20_000


@dataclass(frozen=True)
class Column:
    """One column: its heading, the fields it sorts by (none: not sortable), what a download
    writes for a row, a right-aligned number or not, and whether the page shows it as a
    column of its own (else only the download has it: the page writes it inside another)."""

    key: str
    label: Any
    order: tuple[str, ...] = ()
    value: Callable[[Any], Any] | None = None
    num: bool = False
    shown: bool = True
    abbr: str = ""  # a short heading for a narrow column (the label stays its title)


@dataclass(frozen=True)
class Heading:
    column: Column
    url: str  # "" for a column that does not sort
    sort: str  # "ascending", "descending" or "" (aria-sort)


@dataclass
class Listing:
    page: Page
    headings: list[Heading]
    query: str  # the filters and the sort, without the page: what page links carry
    export_query: str  # the filters and the sort, for the download links


def _ordering(column: Column, descending: bool) -> list[Any]:
    return [
        (F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True))
        for name in column.order
    ]


def _query(request: HttpRequest, **changes: str) -> str:
    params = request.GET.copy()
    for name in ("page", EXPORT, *changes):
        params.pop(name, None)
    for name, value in changes.items():
        if value:
            params[name] = value
    return params.urlencode()


def listing(
    request: HttpRequest,
    rows: QuerySet[Any] | list[Any],
    columns: Sequence[Column],
    *,
    per_page: int,
    filename: str,
    tiebreak: Sequence[str] = ("pk",),
) -> Listing | HttpResponse:
    """The page of ``rows`` (a QuerySet, sorted by the database; or rows worked out in Python,
    sorted by what each column shows) the request asks for, sorted as it asks; or, with
    ``?unduh=``, the download of every row. A sort that names no sortable column keeps the
    rows' own order."""
    by_key = {c.key: c for c in columns if c.order}
    asked = request.GET.get(SORT, "")
    descending = asked.startswith("-")
    column = by_key.get(asked.removeprefix("-"))
    if column is not None and isinstance(rows, QuerySet):
        rows = rows.order_by(*_ordering(column, descending), *tiebreak)
    elif column is not None:  # rows worked out in Python: sorted by what the column shows
        rows = _sorted(list(rows), column, descending)
    fmt = request.GET.get(EXPORT, "")
    if fmt in ("csv", "xlsx"):
        return _download(rows[:EXPORT_LIMIT], columns, fmt, filename)
    headings = []
    for c in columns:
        if not c.order:
            headings.append(Heading(c, "", ""))
            continue
        current = column is not None and column.key == c.key
        sort = ("descending" if descending else "ascending") if current else ""
        next_sort = f"-{c.key}" if current and not descending else c.key
        headings.append(Heading(c, "?" + _query(request, **{SORT: next_sort}), sort))
    return Listing(
        page=page_of(request, rows, per_page),
        headings=headings,
        query=_query(request),
        export_query=_query(request),
    )


def _sorted(rows: list[Any], column: Column, descending: bool) -> list[Any]:
    """``rows`` by ``column`` (stable: ties keep their order), rows without a value last."""
    valued = [row for row in rows if _cell(column, row) != ""]
    empty = [row for row in rows if _cell(column, row) == ""]
    return sorted(valued, key=lambda row: _cell(column, row), reverse=descending) + empty


def _cell(column: Column, row: Any) -> Any:
    value = column.value(row) if column.value else getattr(row, column.key, "")
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):  # local time, to the minute, as a spreadsheet sorts it
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _download(rows: Any, columns: Sequence[Column], fmt: str, filename: str) -> HttpResponse:
    headings = [capfirst(str(c.label)) for c in columns]
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(headings)
        for row in rows:
            writer.writerow([csv_text(_cell(c, row)) for c in columns])
        # The byte-order mark tells Excel the file is UTF-8 (names with é, ñ...).
        return attachment("\ufeff" + out.getvalue(), f"{filename}-{stamp}.csv")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(filename[:31])
    sheet.append(headings)
    for row in rows:
        sheet.append(text_row(sheet, [_cell(c, row) for c in columns]))
    return attachment(workbook_bytes(book), f"{filename}-{stamp}.xlsx")
