"""An edited masterplan workbook read back: each program by its code, nothing typed lost.

The workbook (``workbook_export.masterplan_xlsx``) carries, on a hidden sheet, the masterplan it
was exported from and each program's version at that moment. Reading it back:

- every cell is checked first, within the upload limits (``kotacerdas.sheets``); one problem
  and nothing is written, the problems listed by sheet, row and column;
- a program is found by its code and updated in place, so its comments, progress reports,
  evidence, KPI actuals and history stay with it; a new code is a new program;
- a program whose content is what the workbook says is left alone (importing the same
  workbook twice changes nothing the second time);
- a program changed online since the workbook was exported is not overwritten unless the
  person chooses to, program by program, after seeing what changed (``ChoicesNeeded``);
- a program that is online but not in the workbook is listed, kept unless the person chooses
  to remove it.

Text in number cells is read the Indonesian way, as the workbook says: ``1.500.000.000``,
``Rp 1,5 miliar``, ``12,5`` (kotacerdas.numbers); cells Excel holds as numbers are taken as
they are.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.access import AnyUser
from audit.models import Action
from audit.tracking import record
from audit.versioning import FieldChange, changes_since
from kotacerdas import sheets
from kotacerdas.errors import DomainError
from kotacerdas.numbers import NumberError, parse_number
from masterplans.editing import (
    KpiContent,
    ProgramContent,
    apply_content,
    new_program,
    plain_fields,
    program_content,
)
from masterplans.models import (
    ANSWERABLE_KINDS,
    ELEMENT_CHOICES,
    ELEMENT_DIMENSION,
    Dimension,
    FundingSource,
    Masterplan,
    Term,
)
from masterplans.workbook_export import (
    BUDGET_COLUMNS,
    KPI_COLUMNS,
    PROGRAM_COLUMNS,
    PROGRESS_MODE_FIELD,
    PROGRESS_MODES,
    SHEET_BUDGET,
    SHEET_KPIS,
    SHEET_PROGRAMS,
    SHEET_STEPS,
    STAMP_SHEET,
    STEP_COLUMNS,
    Column,
    dimension_label,
    progress_mode_label,
    source_label,
)
from masterplans.workflow import NotEditable, require_editable

# Optional columns of the Program sheet and the program field each one holds.
OPTIONAL_COLUMNS = {
    "deskripsi": "description",
    "menjawab": "answers",
    "teknologi": "technology",
    "opd": "opd",
    "mitra": "partners",
    "program_rpjmd": "rpjmd_program",
    "quick_win": "is_quick_win",
    "kemajuan_dari": "progress_mode",
}
YES = {"ya", "y", "yes", "true", "1", "benar", "x", "v", "✓"}
NO = {"tidak", "t", "no", "n", "false", "0", "salah", ""}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str

    @property
    def path(self) -> str:
        """Where, as ``sheet.row.column`` (``file`` for the workbook as a whole)."""
        parts = [self.sheet, "" if self.row is None else str(self.row), self.column]
        return ".".join(part for part in parts if part) or "file"

    def __str__(self) -> str:
        where = [f"lembar {self.sheet}"] if self.sheet else []
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        return (", ".join(where) + ": " if where else "") + self.message


class ProgramImportError(DomainError):
    """The workbook cannot be imported; ``problems`` says where and why (the first ones, and
    how many in all), one detail each. Nothing was written."""

    code = "invalid_workbook"
    status = 422

    def __init__(self, problems: sheets.Problems) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems.shown[:5])
        more = f" (dan {problems.total - 5} lagi)" if problems.total > 5 else ""
        super().__init__(
            f"{problems.total} kesalahan: {shown}{more}",
            details=[{"field": p.path, "message": p.message} for p in problems.shown],
        )

    @classmethod
    def single(cls, message: str) -> "ProgramImportError":
        problems = sheets.Problems()
        problems.add(Problem("", None, "", message))
        return cls(problems)


@dataclass(frozen=True)
class Stamp:
    """What the workbook says of where it came from: its masterplan, and each program's
    version when it was exported."""

    masterplan: int
    programs: dict[str, int]


@dataclass(frozen=True)
class Conflict:
    """A program changed online since the workbook was exported (or, for a workbook without
    a stamp, one whose content differs from the workbook's)."""

    code: str
    title: str
    changes: list[FieldChange]
    by: list[str]


@dataclass
class ImportPlan:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (code, title) online only


class ChoicesNeeded(DomainError):
    """The import needs the person's choice for these programs; nothing was written. A detail
    names each one, ``conflict.CODE`` (with what changed online) or ``missing.CODE``."""

    code = "choices_needed"

    def __init__(self, plan: ImportPlan, undecided: set[str]) -> None:
        conflicts = [
            {
                "field": f"conflict.{c.code}",
                "message": "; ".join(f"{ch.label}: {ch.new}" for ch in c.changes)
                or _("Its content here differs from the workbook's."),
            }
            for c in plan.conflicts
            if c.code in undecided
        ]
        missing = [
            {"field": f"missing.{code}", "message": title}
            for code, title in plan.missing
            if code in undecided
        ]
        super().__init__(
            _("Choose for each program listed: take, keep or remove."),
            details=conflicts + missing,
        )
        self.plan = plan
        self.undecided = undecided


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    kept: int
    removed: int


# Reading the cells


def _norm(value: Any) -> str:
    """Lower case, single spaces: how labels and codes are matched."""
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def _lookup(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Every accepted spelling of a choice (code, Indonesian and English label) → its code."""
    accepted: dict[str, str] = {}
    choices = list(choices)
    for language in ("en", "id"):
        with translation.override(language):
            for code, label in choices:
                accepted[_norm(label)] = code
    for code, _label in choices:
        accepted[_norm(code)] = code
    return accepted


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in Indonesian."""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


NUMBER_FORMS = "mis. 1.500.000.000, Rp 1,5 miliar atau 350 juta"


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError("bukan angka")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return parse_number(str(value), "id")
    except NumberError as error:
        raise CellError(
            f"“{str(value).strip()[:40]}” tidak dapat dibaca sebagai angka: di buku kerja ini "
            f"titik memisahkan ribuan dan koma menandai desimal ({NUMBER_FORMS})"
        ) from error


def parse_rupiah(value: Any) -> int:
    """A whole Rupiah amount: a number, or text like 1.500.000 / Rp 1,5 miliar / 350 juta."""
    number = _number(value)
    if number != number.to_integral_value():
        raise CellError(f"{value} bukan jumlah Rupiah bulat")
    if number < 0:
        raise CellError(f"jumlah tidak boleh negatif ({value})")
    return int(number)


def parse_value(value: Any) -> float:
    """A KPI value: a number, or text with a decimal comma (12,5) and dots for thousands."""
    return float(_number(value))


def parse_year(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("bukan tahun")
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    raise CellError(f"“{value}” bukan tahun (mis. 2027)")


def parse_order(value: Any) -> int:
    """A step's order: a whole number from 0 to 32767."""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 32767:
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{1,5}", text) and int(text) <= 32767:
        return int(text)
    raise CellError(f"“{value}” bukan nomor urut (1, 2, 3, ...)")


@dataclass
class Row:
    """One data row of a sheet, by column header, with where it came from."""

    sheet: str
    number: int
    values: dict[str, Any]

    def text(self, column: str) -> str:
        value = self.values.get(column)
        if _is_blank(value):
            return ""
        if isinstance(value, float) and value == int(value):
            value = int(value)
        return str(value).strip()


@dataclass
class Reader:
    """Reads the sheets of the workbook and collects every problem before anything is written."""

    masterplan: Masterplan
    budget: sheets.Budget
    problems: sheets.Problems = field(default_factory=sheets.Problems)
    unreadable: set[str] = field(default_factory=set)

    def problem(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.problems.add(Problem(sheet, row, column, message))

    def rows(self, book: Any, name: str, columns: list[Column]) -> list[Row]:
        if name not in book.sheetnames:
            self.problem(name, None, "", f"lembar “{name}” tidak ada di buku kerja")
            self.unreadable.add(name)
            return []
        lines = sheets.sheet_rows(book[name], self.budget)
        first = next(lines, None)
        header = first[1] if first else ()
        header_row = first[0] if first else 1
        positions: dict[str, int] = {}
        for index, title in enumerate(header):
            if not _is_blank(title):
                key = _norm(title).replace(" ", "_")
                if key in positions:
                    self.problem(name, header_row, str(title), "judul kolom ini muncul dua kali")
                positions.setdefault(key, index)
        missing = [c.header for c in columns if c.required and c.header not in positions]
        for header_name in missing:
            self.problem(name, header_row, header_name, "kolom wajib ini tidak ada di baris judul")
        if missing:
            self.unreadable.add(name)
            return []
        return [
            Row(
                name,
                number,
                {
                    key: values[index] if index < len(values) else None
                    for key, index in positions.items()
                },
            )
            for number, values in lines
        ]

    def required(self, row: Row, column: str) -> str:
        text = row.text(column)
        if not text:
            self.problem(row.sheet, row.number, column, "wajib diisi")
        return text

    def limited(self, row: Row, column: str, limit: int, required: bool = False) -> str:
        text = self.required(row, column) if required else row.text(column)
        if len(text) > limit:
            self.problem(
                row.sheet, row.number, column, f"paling banyak {limit} karakter ({len(text)})"
            )
        return text[:limit]

    def choice(
        self, row: Row, column: str, accepted: dict[str, str], what: str, required: bool = True
    ) -> str | None:
        text = self.required(row, column) if required else row.text(column)
        if not text:
            return None
        code = accepted.get(_norm(text))
        if code is None:
            self.problem(row.sheet, row.number, column, f"{what} “{text[:60]}” tidak dikenal")
        return code

    def convert(
        self, row: Row, column: str, parse: Callable[[Any], Any], required: bool = True
    ) -> Any:
        value = row.values.get(column)
        if _is_blank(value):
            if required:
                self.problem(row.sheet, row.number, column, "wajib diisi")
            return None
        try:
            return parse(value)
        except CellError as error:
            self.problem(row.sheet, row.number, column, str(error))
            return None

    def year_in_period(self, row: Row, column: str, required: bool = True) -> int | None:
        year = self.convert(row, column, parse_year, required)
        if year is not None and year not in self.masterplan.years:
            self.problem(
                row.sheet,
                row.number,
                column,
                f"tahun {year} di luar periode masterplan "
                f"{self.masterplan.start_year}\u2013{self.masterplan.end_year}",
            )
            return None
        return None if year is None else int(year)


@dataclass
class Draft:
    """One program as the workbook has it."""

    row: int
    content: ProgramContent
    steps: list[tuple[int, int, str, int | None]] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.content.fields["code"])


def _read_programs(reader: Reader, rows: list[Row]) -> dict[str, Draft]:
    masterplan = reader.masterplan
    dimensions = _lookup(Dimension.choices)
    elements = _lookup(ELEMENT_CHOICES)
    terms = _lookup(Term.choices)
    sources = _lookup(FundingSource.choices)
    progress_modes = _lookup(PROGRESS_MODES)
    answerable: dict[str, Any] = {}
    for item in masterplan.analysis.filter(kind__in=ANSWERABLE_KINDS).order_by("pk"):
        answerable.setdefault(_norm(item.text), item)
    drafts: dict[str, Draft] = {}
    for row in rows:
        sheet, number = row.sheet, row.number
        code = reader.limited(row, "kode", 20, required=True)
        if code in drafts:
            reader.problem(
                sheet, number, "kode", f"kode {code} sudah dipakai di baris {drafts[code].row}"
            )
        dimension = reader.choice(row, "dimensi", dimensions, "dimensi")
        element = reader.choice(row, "elemen", elements, "elemen")
        if dimension and element and ELEMENT_DIMENSION[element] != dimension:
            reader.problem(
                sheet,
                number,
                "elemen",
                f"elemen “{row.text('elemen')}” bukan bagian dari dimensi "
                f"{dimension_label(dimension)}",
            )
        start = reader.year_in_period(row, "tahun_mulai")
        end = reader.year_in_period(row, "tahun_selesai")
        if start is not None and end is not None and end < start:
            reader.problem(
                sheet, number, "tahun_selesai", f"tahun selesai {end} sebelum tahun mulai {start}"
            )
        answers = None
        answer_text = row.text("menjawab")
        if answer_text:
            answers = answerable.get(_norm(answer_text))
            if answers is None:
                reader.problem(
                    sheet,
                    number,
                    "menjawab",
                    f"tidak ada tantangan atau peluang “{answer_text[:60]}” di analisis masterplan",
                )
        quick_win = _norm(row.text("quick_win"))
        if quick_win not in YES | NO:
            reader.problem(
                sheet, number, "quick_win", f"isi ya atau tidak, bukan “{quick_win[:40]}”"
            )
        # Workbooks exported before the column existed leave it out: the default applies.
        progress = row.text("kemajuan_dari")
        progress_mode = progress_modes.get(_norm(progress)) if progress else None
        if progress and progress_mode is None:
            reader.problem(
                sheet,
                number,
                "kemajuan_dari",
                "isi "
                + " atau ".join(f"“{progress_mode_label(code)}”" for code, _label in PROGRESS_MODES)
                + f", bukan “{progress[:40]}”",
            )
        fields = {
            "code": code,
            "dimension": dimension or "",
            "element": element or "",
            "title": reader.limited(row, "judul", 200, required=True),
            "description": row.text("deskripsi"),
            "answers": answers,
            "technology": reader.limited(row, "teknologi", 300),
            "opd": reader.limited(row, "opd", 200),
            "partners": reader.limited(row, "mitra", 300),
            "term": reader.choice(row, "jangka", terms, "jangka") or Term.SHORT,
            "start_year": start or 0,
            "end_year": end or 0,
            "funding_source": reader.choice(row, "sumber_dana", sources, "sumber dana")
            or FundingSource.APBD,
            "rpjmd_program": reader.limited(row, "program_rpjmd", 300),
            "is_quick_win": quick_win in YES,
            "progress_mode": progress_mode or PROGRESS_MODE_FIELD.get_default(),
        }
        # A column the workbook does not have (one exported before it existed) changes
        # nothing: an existing program keeps its value, a new one gets the default.
        for column, name in OPTIONAL_COLUMNS.items():
            if column not in row.values:
                del fields[name]
        if code and code not in drafts:
            drafts[code] = Draft(number, ProgramContent(fields))
    return drafts


def _owner(reader: Reader, row: Row, drafts: dict[str, Draft]) -> Draft | None:
    code = reader.required(row, "kode")
    # Without a readable Program sheet every code would be unknown: that is said once already.
    if code and code not in drafts and SHEET_PROGRAMS not in reader.unreadable:
        reader.problem(
            row.sheet, row.number, "kode", f"program {code} tidak ada di lembar {SHEET_PROGRAMS}"
        )
    return drafts.get(code)


def _read_budget(reader: Reader, rows: list[Row], drafts: dict[str, Draft]) -> None:
    sources = _lookup(FundingSource.choices)
    seen: dict[tuple[str, int, str], int] = {}
    for row in rows:
        draft = _owner(reader, row, drafts)
        year = reader.year_in_period(row, "tahun")
        source = reader.choice(row, "sumber_dana", sources, "sumber dana")
        amount = reader.convert(row, "jumlah_rp", parse_rupiah)
        if draft is None or year is None or source is None or amount is None:
            continue
        key = (draft.code, year, source)
        if key in seen:
            reader.problem(
                row.sheet,
                row.number,
                "sumber_dana",
                f"{key[0]} sudah punya anggaran {year} dari {source_label(source)} "
                f"di baris {seen[key]}: jumlahkan dalam satu baris",
            )
            continue
        seen[key] = row.number
        draft.content.budget[(year, source)] = amount


def _read_kpis(reader: Reader, rows: list[Row], drafts: dict[str, Draft]) -> None:
    masterplan = reader.masterplan
    if rows:
        for column in rows[0].values:
            if re.fullmatch(r"\d{4}", column) and int(column) not in masterplan.years:
                reader.problem(
                    SHEET_KPIS,
                    1,
                    column,
                    f"tahun {column} di luar periode masterplan "
                    f"{masterplan.start_year}\u2013{masterplan.end_year}",
                )
    for row in rows:
        draft = _owner(reader, row, drafts)
        name = reader.limited(row, "nama_kpi", 200, required=True)
        unit = reader.limited(row, "satuan", 40, required=True)
        baseline = reader.convert(row, "baseline", parse_value, required=False)
        targets = {}
        for year in masterplan.years:
            value = reader.convert(row, str(year), parse_value, required=False)
            if value is not None:
                targets[year] = value
        if draft is not None:
            draft.content.kpis.append(KpiContent(None, name, unit, baseline, targets))


def _read_steps(reader: Reader, rows: list[Row], drafts: dict[str, Draft]) -> None:
    for row in rows:
        draft = _owner(reader, row, drafts)
        order = reader.convert(row, "urutan", parse_order, required=False)
        year = reader.year_in_period(row, "tahun", required=False)
        text = reader.limited(row, "langkah", 300, required=True)
        if draft is not None:
            position = order if order is not None else len(draft.steps) + 1
            draft.steps.append((position, row.number, text, year))
    for draft in drafts.values():
        draft.content.steps = [(text, year) for _p, _n, text, year in sorted(draft.steps)]


def _read_stamp(reader: Reader, book: Any) -> Stamp | None:
    """The hidden sheet of an exported workbook; None for a workbook made another way."""
    if STAMP_SHEET not in book.sheetnames:
        return None
    masterplan: int | None = None
    programs: dict[str, int] = {}
    for _number, values in sheets.sheet_rows(book[STAMP_SHEET], reader.budget, max_col=3):
        key, value = (*values, None, None)[:2]
        if key == "masterplan" and isinstance(value, int | float):
            masterplan = int(value)
        elif key == "program" and len(values) >= 3 and isinstance(values[2], int | float):
            programs[str(value)] = int(values[2])
    return Stamp(masterplan, programs) if masterplan is not None else None


@dataclass(frozen=True)
class Workbook:
    drafts: list[Draft]
    stamp: Stamp | None


def read_workbook(masterplan: Masterplan, file_obj: BinaryIO | Any) -> Workbook:
    """Every program of the workbook as content, and its stamp; ProgramImportError listing
    every problem (the first ones, and the count)."""
    limit = sheets.limits()
    try:
        with translation.override("id"):  # an Indonesian document, its problems too
            book = sheets.open_workbook(file_obj, limit)
    except (sheets.TooLarge, sheets.Unreadable) as error:
        raise ProgramImportError.single(str(error)) from error
    try:
        with translation.override("id"):
            reader = Reader(masterplan, sheets.Budget(limit), sheets.Problems(limit.errors))
            stamp = _read_stamp(reader, book)
            if stamp is not None and stamp.masterplan != masterplan.pk:
                other = Masterplan.objects.filter(pk=stamp.masterplan).first()
                raise ProgramImportError.single(
                    "buku kerja ini diunduh dari masterplan lain"
                    + (f" ({other.title}, {other.region.name})" if other else "")
                    + ": unduh buku kerja masterplan ini, lalu salin programnya ke sana"
                )
            program_rows = reader.rows(book, SHEET_PROGRAMS, PROGRAM_COLUMNS)
            budget_rows = reader.rows(book, SHEET_BUDGET, BUDGET_COLUMNS)
            kpi_rows = reader.rows(book, SHEET_KPIS, KPI_COLUMNS)
            step_rows = reader.rows(book, SHEET_STEPS, STEP_COLUMNS)
            drafts = _read_programs(reader, program_rows)
            _read_budget(reader, budget_rows, drafts)
            _read_kpis(reader, kpi_rows, drafts)
            _read_steps(reader, step_rows, drafts)
    except sheets.TooLarge as error:
        raise ProgramImportError.single(str(error)) from error
    finally:
        book.close()
    if reader.problems:
        raise ProgramImportError(reader.problems)
    return Workbook(list(drafts.values()), stamp)


# Comparing and writing


def _with_kpi_ids(existing: ProgramContent, incoming: ProgramContent) -> ProgramContent:
    """``incoming`` with each KPI given the id of the existing one it is (by name, else by
    place), so that a KPI keeps its actual values across an import."""
    by_name = {kpi.name: kpi.id for kpi in existing.kpis}
    taken: set[int | None] = set()
    kpis = []
    for index, kpi in enumerate(incoming.kpis):
        kpi_id = by_name.get(kpi.name)
        if kpi_id is None and index < len(existing.kpis):
            candidate = existing.kpis[index].id
            if candidate not in by_name.values() or existing.kpis[index].name not in {
                k.name for k in incoming.kpis
            }:
                kpi_id = candidate
        if kpi_id in taken:
            kpi_id = None
        taken.add(kpi_id)
        kpis.append(KpiContent(kpi_id, kpi.name, kpi.unit, kpi.baseline, kpi.targets))
    return ProgramContent(incoming.fields, incoming.budget, kpis, incoming.steps)


def _same(existing: ProgramContent, incoming: ProgramContent) -> bool:
    fields = plain_fields(incoming.fields)
    return (
        {name: existing.fields.get(name) for name in fields} == fields
        and existing.budget == incoming.budget
        and existing.kpis == incoming.kpis
        and existing.steps == incoming.steps
    )


def plan_import(masterplan: Masterplan, workbook: Workbook) -> tuple[ImportPlan, dict[str, Any]]:
    """What importing ``workbook`` would do, and the content to write per code."""
    plan = ImportPlan()
    online = {
        p.code: p
        for p in masterplan.programs.prefetch_related("budget_lines", "steps", "kpis__targets")
    }
    writes: dict[str, Any] = {}
    stamp = workbook.stamp
    for draft in workbook.drafts:
        program = online.get(draft.code)
        if program is None:
            plan.created.append(draft.code)
            writes[draft.code] = draft.content
            continue
        existing = program_content(program)
        content = _with_kpi_ids(existing, draft.content)
        writes[draft.code] = (program, content, existing)
        if _same(existing, content):
            plan.unchanged.append(draft.code)
            continue
        exported = stamp.programs.get(draft.code) if stamp else None
        if exported is not None and exported == program.version:
            plan.updated.append(draft.code)
            continue
        changes, by = changes_since(program, exported) if exported else ([], [])
        plan.conflicts.append(Conflict(draft.code, program.title, changes, by))
    codes = {draft.code for draft in workbook.drafts}
    plan.missing = [(code, p.title) for code, p in online.items() if code not in codes]
    return plan, writes


def import_workbook(
    masterplan: Masterplan,
    file_obj: BinaryIO | Any,
    user: AnyUser,
    *,
    take: Iterable[str] = (),
    keep: Iterable[str] = (),
    remove: Iterable[str] = (),
) -> ImportResult:
    """Import an edited workbook: new programs added, programs unchanged online since the
    export updated in place, the others as chosen (``take`` from the workbook or ``keep``
    online); programs online but not in the workbook kept, or removed if in ``remove``.

    PermissionDenied or NotEditable when ``user`` may not change the masterplan now;
    ProgramImportError when the workbook has problems; ChoicesNeeded (nothing written) while
    a conflict or a program left out of the workbook has no choice.
    """
    require_editable(masterplan, user)
    workbook = read_workbook(masterplan, file_obj)
    take, keep, remove = set(take), set(keep), set(remove)
    with transaction.atomic():
        current = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
        if not current.is_editable:
            raise NotEditable(
                f"Masterplan yang berstatus {current.get_status_display()} tidak dapat diubah."
            )
        plan, writes = plan_import(current, workbook)
        undecided = {c.code for c in plan.conflicts} - take - keep
        undecided |= {code for code, _title in plan.missing} - keep - remove
        if undecided:
            raise ChoicesNeeded(plan, undecided)
        created = [writes[code] for code in plan.created]
        position = current.programs.count()
        for offset, content in enumerate(created, start=1):
            new_program(current, content, position=position + offset)
        written = [*plan.updated, *(c.code for c in plan.conflicts if c.code in take)]
        for code in written:
            program, content, before = writes[code]
            apply_content(program, content, before)
        removed = [code for code, _title in plan.missing if code in remove]
        current.programs.filter(code__in=removed).delete()
        kept = [c.code for c in plan.conflicts if c.code not in take]
        result = ImportResult(
            len(created), len(written), len(plan.unchanged), len(kept), len(removed)
        )
        record(
            Action.IMPORT,
            obj=current,
            label=f"{current} (program dari Excel)",
            changes={
                "created": plan.created,
                "updated": written,
                "unchanged": len(plan.unchanged),
                "kept_online": kept,
                "removed": removed,
            },
        )
    return result
