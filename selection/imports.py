"""Taking in indicator values from CSV or Excel files as Indonesian offices produce them.

Long format, one value per row: ``kode_wilayah, tahun, indikator, nilai, sumber`` (English
``region_code, year, indicator, value, source`` too). UTF-8 with or without BOM, or UTF-16;
comma, semicolon or tab delimited; stray spaces anywhere; codes with or without the dot
(``3273`` is ``32.73``). Numbers typed as text are read in the notation the importer says the
file uses, Indonesian (``1.234,56``) or English (``1,234.56``), never guessed
(``kotacerdas.numbers``); Excel's own number cells are taken as they are. The file is read
within the upload limits (``kotacerdas.sheets``). Every problem is reported at once with its
row and column (the first ones, and the count of the rest), and one problem means nothing is
written.
"""

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from kotacerdas import sheets
from kotacerdas.downloads import workbook_bytes
from kotacerdas.errors import DomainError
from kotacerdas.numbers import NumberError, language_of, parse_number
from regions.models import Region
from selection.models import AUTONOMOUS_ONLY, ImportRun, Indicator, IndicatorValue

Progress = Callable[[list[tuple[int, list[Any]]]], Iterable[tuple[int, list[Any]]]]
MIN_YEAR = 2000
COLUMNS = {  # accepted header (as kotacerdas.sheets.heading_key reads it) → canonical column
    "kode wilayah": "kode_wilayah",
    "region code": "kode_wilayah",
    "kode": "kode_wilayah",
    "tahun": "tahun",
    "year": "tahun",
    "indikator": "indikator",
    "indicator": "indikator",
    "nilai": "nilai",
    "value": "nilai",
    "sumber": "sumber",
    "source": "sumber",
}
REQUIRED = ["kode_wilayah", "tahun", "indikator", "nilai", "sumber"]
NOTATIONS = {
    "id": pgettext_lazy("number notation", "Indonesian"),
    "en": pgettext_lazy("number notation", "English"),
}
TEMPLATE_HEADER = REQUIRED


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    @property
    def path(self) -> str:
        """Where, as ``row.column`` (``file`` for the file as a whole, row 0)."""
        parts = [str(self.row) if self.row else "", self.column]
        return ".".join(part for part in parts if part) or "file"


class ImportFailed(DomainError):
    """Nothing was written; ``problems`` lists the first ones (one detail each), ``total``
    counts them all."""

    code = "invalid_file"
    status = 422

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        total = total if total is not None else len(problems)
        super().__init__(
            ngettext(
                "%(counter)s problem: nothing was saved",
                "%(counter)s problems: nothing was saved",
                total,
            )
            % {"counter": total},
            details=[{"field": p.path, "message": p.message} for p in problems],
        )
        self.problems = problems
        self.total = total


@dataclass(frozen=True)
class ValueRow:
    row: int
    region: Region
    indicator: Indicator
    year: int
    value: float
    source: str


def _clean(text: Any) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()) if text is not None else ""


def cell_number(raw: Any, language: str) -> float | None:
    """A number cell: Excel's own number as it is, text read in ``language``; None if neither."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    try:
        return float(parse_number(_clean(raw), language))
    except NumberError:
        return None


def _column(heading: Any) -> str | None:
    return COLUMNS.get(sheets.heading_key(heading))


def _find_header(
    rows: list[tuple[int, list[Any]]],
) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """The header is the first of the top rows naming at least three known columns: offices
    put titles, dates and blank rows above their tables."""
    index = sheets.heading_row(
        [cells for _number, cells in rows],
        lambda keys: len({COLUMNS.get(key) for key in keys} - {None}) >= 3,
    )
    if index is not None:
        return rows[index][1], rows[index + 1 :]
    first = next(
        ((i, cells) for i, (_n, cells) in enumerate(rows) if any(_clean(c) for c in cells)), None
    )
    if first is None:
        return [], []
    return first[1], rows[first[0] + 1 :]


Table = tuple[list[str], list[tuple[int, list[Any]]]]


def read_table(content: bytes, file_name: str) -> Table:
    """The header and the numbered data rows of the file's first sheet, within the limits."""
    limit = sheets.limits()
    try:
        if content[:2] == b"PK" or file_name.lower().endswith((".xlsx", ".xlsm")):
            book = sheets.open_workbook(io.BytesIO(content), limit)
            try:
                budget = sheets.Budget(limit)
                rows = [(n, list(v)) for n, v in sheets.sheet_rows(book.worksheets[0], budget)]
            finally:
                book.close()
        else:
            _delimiter, lines = sheets.csv_rows(io.BytesIO(content), limit)
            rows = [(n, list(v)) for n, v in lines]
    except (sheets.TooLarge, sheets.Unreadable) as error:
        raise ImportFailed([Problem(getattr(error, "line", 0), "", str(error))]) from error
    header, data = _find_header(rows)
    return [_clean(h) for h in header], data


def _region_code(raw: Any) -> str:
    text = _clean(raw).replace(" ", "")
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if re.fullmatch(r"\d{4}", text):
        return f"{text[:2]}.{text[2:]}"
    return text


def _year(raw: Any) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _clean(raw)
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _no_progress(rows: list[tuple[int, list[Any]]]) -> Iterable[tuple[int, list[Any]]]:
    return rows


def validate(
    header: list[str],
    rows: list[tuple[int, list[Any]]],
    language: str,
    progress: Progress = _no_progress,
) -> tuple[list[ValueRow], list[Problem]]:
    problems: list[Problem] = []
    names = [_column(h) or "" for h in header]
    missing = [column for column in REQUIRED if column not in names]
    if not header:
        return [], [Problem(1, "", _("The file is empty."))]
    if missing:
        return [], [
            Problem(1, column, _('Required column "%(column)s" is missing.') % {"column": column})
            for column in missing
        ]
    position = {name: names.index(name) for name in REQUIRED}
    regions = {r.code: r for r in Region.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.all()}
    this_year = date.today().year
    seen: dict[tuple[str, str, int, str], int] = {}
    parsed: list[ValueRow] = []

    for number, cells in progress(rows):

        def cell(name: str, cells: list[Any] = cells) -> Any:
            index = position[name]
            return cells[index] if index < len(cells) else None

        if not any(_clean(c) for c in cells):
            continue
        found: list[Problem] = []
        code = _region_code(cell("kode_wilayah"))
        region = regions.get(code)
        if region is None:
            found.append(
                Problem(
                    number,
                    "kode_wilayah",
                    _('Unknown region code "%(code)s".') % {"code": code or "—"},
                )
            )
        indicator_code = re.sub(r"\s+", "_", _clean(cell("indikator")).lower())
        indicator = indicators.get(indicator_code)
        if indicator is None:
            found.append(
                Problem(
                    number,
                    "indikator",
                    _('Unknown indicator "%(code)s".') % {"code": indicator_code or "—"},
                )
            )
        year = _year(cell("tahun"))
        if year is None or not MIN_YEAR <= year <= this_year:
            found.append(
                Problem(
                    number,
                    "tahun",
                    _('Year "%(year)s" is not a year from %(low)s to %(high)s.')
                    % {"year": _clean(cell("tahun")) or "—", "low": MIN_YEAR, "high": this_year},
                )
            )
        value = cell_number(cell("nilai"), language)
        if value is None:
            found.append(
                Problem(
                    number,
                    "nilai",
                    _('Value "%(value)s" is not a number in %(notation)s notation (%(example)s).')
                    % {
                        "value": _clean(cell("nilai"))[:40] or "—",
                        "notation": NOTATIONS[language],
                        "example": "1.234,5" if language == "id" else "1,234.5",
                    },
                )
            )
        elif indicator is not None:
            if indicator.is_flag and value not in (0, 1):
                found.append(
                    Problem(
                        number,
                        "nilai",
                        _("%(indicator)s is a yes/no flag: the value must be 0 or 1.")
                        % {"indicator": indicator.code},
                    )
                )
            elif (indicator.minimum is not None and value < indicator.minimum) or (
                indicator.maximum is not None and value > indicator.maximum
            ):
                found.append(
                    Problem(
                        number,
                        "nilai",
                        _("Value %(value)s is outside the scale of %(indicator)s (%(scale)s).")
                        % {
                            "value": _clean(cell("nilai")),
                            "indicator": indicator.code,
                            "scale": indicator.scale,
                        },
                    )
                )
        source = _clean(cell("sumber"))
        if not source:
            found.append(Problem(number, "sumber", _("The source is empty.")))
        if (
            region is not None
            and indicator is not None
            and not indicator.applies_to_kind(region.kind)
        ):
            found.append(
                Problem(
                    number,
                    "indikator",
                    _("%(indicator)s does not apply to a %(kind)s (%(region)s).")
                    % {
                        "indicator": indicator.code,
                        "kind": region.get_kind_display(),
                        "region": region.name,
                    },
                )
            )
        if (
            region is not None
            and indicator is not None
            and indicator.code in AUTONOMOUS_ONLY
            and not region.autonomous
        ):
            found.append(
                Problem(
                    number,
                    "indikator",
                    _(
                        "%(region)s is not autonomous (part of its province, with no budget or "
                        "government of its own): it has no %(indicator)s value."
                    )
                    % {"indicator": indicator.code, "region": region.name},
                )
            )
        if region is not None and indicator is not None and year is not None and source:
            key = (region.code, indicator.code, year, source.lower())
            if key in seen:
                found.append(
                    Problem(
                        number,
                        "",
                        _("Duplicate of row %(row)s (same region, indicator, year and source).")
                        % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = number
        if found:
            problems.extend(found)
        elif (
            region is not None and indicator is not None and year is not None and value is not None
        ):
            parsed.append(ValueRow(number, region, indicator, year, value, source))
    if not parsed and not problems:
        problems.append(Problem(2, "", _("The file has a header but no data rows.")))
    return parsed, problems


def indicators_import(
    *,
    content: bytes,
    file_name: str,
    numbers: str = "id",
    user: Any = None,
    is_demo: bool = False,
    progress: Progress = _no_progress,
) -> ImportRun:
    """Check the whole file, then write it in one transaction, or raise ImportFailed.

    ``numbers`` is the notation of numbers typed as text in the file: ``id`` (1.234,5) or
    ``en`` (1,234.5). Values of the same indicator, year and source as a row in the file are
    replaced: they stay in the database, marked ``replaced_by`` this import.
    """
    header, rows = read_table(content, file_name)
    parsed, problems = validate(header, rows, language_of(numbers), progress)
    if problems:
        shown = sheets.limits().errors
        raise ImportFailed(problems[:shown], len(problems))
    keys = {(r.indicator.pk, r.year, r.source) for r in parsed}
    with transaction.atomic():
        run = ImportRun.objects.create(
            file_name=file_name[:255],
            sha256=hashlib.sha256(content).hexdigest(),
            imported_by=user if user is not None and user.is_authenticated else None,
            rows=len(parsed),
            is_demo=is_demo,
            sources=sorted({r.source for r in parsed}),
            years=sorted({r.year for r in parsed}),
        )
        previous = Q()
        for indicator_id, year, source in keys:
            previous |= Q(indicator_id=indicator_id, year=year, source=source)
        run.replaced = IndicatorValue.objects.current().filter(previous).update(replaced_by=run)
        run.save(update_fields=["replaced"])
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    region=r.region,
                    indicator=r.indicator,
                    year=r.year,
                    value=r.value,
                    source=r.source,
                    import_run=run,
                )
                for r in parsed
            ],
            batch_size=2000,
        )
    return run


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "nilai"
    sheets.heading(sheet, list(zip(TEMPLATE_HEADER, (14, 8, 20, 10, 24), strict=True)))
    sheet.append(["32.73", 2024, "kkd", 1.85, "Kemenkeu 2024"])
    sheet.append(["32.73", 2024, "ikb", 71.4, "Bappenas 2024"])
    sheets.whole_numbers(sheet, 2, MIN_YEAR, date.today().year)  # as validate() reads it
    sheets.choices(sheet, 3, list(Indicator.objects.values_list("code", flat=True)))
    codes = book.create_sheet("indikator")
    codes.append(["kode", "nama", "satuan", "berlaku untuk", "skala"])
    for indicator in Indicator.objects.all():
        codes.append(
            [
                indicator.code,
                indicator.name_id,
                indicator.unit,
                indicator.get_applies_to_display(),
                indicator.scale,
            ]
        )
    return workbook_bytes(book)


def template_csv() -> str:
    example = [
        ["32.73", "2024", "kkd", "1,85", "Kemenkeu 2024"],
        ["32.73", "2024", "ikb", "71,4", "Bappenas 2024"],
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    writer.writerows(example)
    return "\ufeff" + buffer.getvalue()
