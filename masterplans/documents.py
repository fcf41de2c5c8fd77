"""A masterplan as files: an Excel workbook to edit programs offline (read back by
``workbook_import``), and the book.

Both are Indonesian documents whatever the language of the request, like the selection exports:
fixed Indonesian column names, Indonesian labels (dimension, element, term, funding source,
progress mode) that the import also accepts as codes. The workbook carries, on a hidden sheet,
the masterplan and each program's version it was exported at, so that an import knows what
changed online since.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kotacerdas.downloads import workbook_bytes
from kotacerdas.pdf import render_pdf
from masterplans.models import (
    ELEMENT_CHOICES,
    Dimension,
    FundingSource,
    Kpi,
    Masterplan,
    Program,
    Term,
)
from regions.models import Region

PROGRAM_NAME = "Gerakan Menuju 100 Smart City"
DEMO_NOTE = "Berisi data demo"
BOLD = Font(bold=True)
DEMO_FILL = PatternFill("solid", start_color="FFF2CC")
HEADER_FILL = PatternFill("solid", start_color="E8EEF6")

SHEET_GUIDE = "Petunjuk"
SHEET_PROGRAMS = "Program"
SHEET_BUDGET = "Anggaran"
SHEET_KPIS = "KPI"
SHEET_STEPS = "Rencana aksi"
# Hidden: where the workbook came from (masterplan id, each program's version at export).
STAMP_SHEET = "_kotacerdas"


# Columns


@dataclass(frozen=True)
class Column:
    header: str
    help: str
    width: int = 14
    required: bool = False
    wrap: bool = False


PROGRAM_COLUMNS = [
    Column("kode", "Kode program, unik dalam masterplan (mis. GOV-01). Wajib.", 10, True),
    Column("dimensi", "Dimensi smart city. Wajib.", 18, True),
    Column("elemen", "Elemen dalam dimensi tersebut. Wajib.", 24, True),
    Column("judul", "Nama program. Wajib.", 36, True, True),
    Column("deskripsi", "Uraian program.", 50, wrap=True),
    Column(
        "menjawab",
        "Teks tantangan atau peluang dari analisis masterplan yang dijawab program ini, "
        "persis seperti di analisis; kosongkan bila tidak ada.",
        36,
        wrap=True,
    ),
    Column("teknologi", "Teknologi yang digunakan.", 28, wrap=True),
    Column("opd", "OPD penanggung jawab (mis. Diskominfo).", 20),
    Column("mitra", "Mitra pelaksana.", 24, wrap=True),
    Column("jangka", "Jangka program. Wajib.", 16, True),
    Column("tahun_mulai", "Tahun mulai, di dalam periode masterplan. Wajib.", 12, True),
    Column(
        "tahun_selesai",
        "Tahun selesai, tidak sebelum tahun mulai, di dalam periode masterplan. Wajib.",
        12,
        True,
    ),
    Column("sumber_dana", "Sumber pendanaan utama. Wajib.", 16, True),
    Column("program_rpjmd", "Program RPJMD yang didukung.", 30, wrap=True),
    Column("quick_win", "ya atau tidak (kosong berarti tidak).", 10),
    Column(
        "kemajuan_dari",
        "Cara persen kemajuan program dihitung dalam laporan pemantauan: diisi tim pada setiap "
        "laporan, atau mengikuti tonggak yang selesai. Kosong berarti diisi tim.",
        20,
    ),
]
BUDGET_COLUMNS = [
    Column("kode", "Kode program, harus ada di lembar Program. Wajib.", 10, True),
    Column("tahun", "Tahun anggaran, di dalam periode masterplan. Wajib.", 10, True),
    Column("sumber_dana", "Sumber dana baris ini. Wajib.", 18, True),
    Column(
        "jumlah_rp",
        "Jumlah dalam Rupiah bulat: angka (1500000000), dengan titik ribuan (1.500.000.000) "
        "atau dengan kata (Rp 1,5 miliar; 350 juta). Tidak boleh negatif. Satu baris per kode, "
        "tahun dan sumber dana.",
        18,
        True,
    ),
]
KPI_COLUMNS = [
    Column("kode", "Kode program, harus ada di lembar Program. Wajib.", 10, True),
    Column("nama_kpi", "Nama indikator kinerja. Wajib.", 36, True, True),
    Column("satuan", "Satuan (mis. layanan, %, unit). Wajib.", 12, True),
    Column("baseline", "Nilai awal; kosongkan bila belum diketahui.", 10),
]
STEP_COLUMNS = [
    Column("kode", "Kode program, harus ada di lembar Program. Wajib.", 10, True),
    Column("urutan", "Urutan langkah (1, 2, 3, ...); kosong berarti urutan baris.", 8),
    Column("tahun", "Tahun pelaksanaan, di dalam periode masterplan; boleh kosong.", 8),
    Column("langkah", "Langkah rencana aksi. Wajib.", 60, True, True),
]
YEAR_HELP = "Target KPI tahun tersebut (satu kolom per tahun masterplan); boleh kosong."
# Entered in each monitoring report or following the milestones (monitoring.progress).
PROGRESS_MODE_FIELD = Program._meta.get_field("progress_mode")
PROGRESS_MODES: list[tuple[str, Any]] = list(PROGRESS_MODE_FIELD.choices or [])


def _plain_label(value: Any) -> str:
    return str(value)


def dimension_label(code: str) -> str:
    return _plain_label(dict(Dimension.choices).get(code, code))


def element_label(code: str) -> str:
    return _plain_label(dict(ELEMENT_CHOICES).get(code, code))


def term_label(code: str) -> str:
    return _plain_label(dict(Term.choices).get(code, code))


def source_label(code: str) -> str:
    return _plain_label(dict(FundingSource.choices).get(code, code))


def progress_mode_label(code: str) -> str:
    return _plain_label(dict(PROGRESS_MODES).get(code, code))


def _yes_no(value: bool) -> str:
    return "ya" if value else "tidak"


# Export


def programs_for_documents(masterplan: Masterplan) -> list[Program]:
    """Every program with what the workbook and the book show of it, in a constant 5 queries."""
    return list(
        masterplan.programs.select_related("answers")
        .prefetch_related(
            "budget_lines",
            "steps",
            Prefetch("kpis", queryset=Kpi.objects.prefetch_related("targets")),
        )
        .order_by("position", "code", "pk")
    )


def _header(sheet: Worksheet, columns: list[Column]) -> None:
    sheet.append([c.header for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "B2"


def _finish(sheet: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        if column.wrap:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def _program_sheet(sheet: Worksheet, programs: list[Program]) -> None:
    _header(sheet, PROGRAM_COLUMNS)
    for p in programs:
        sheet.append(
            [
                p.code,
                dimension_label(p.dimension),
                element_label(p.element),
                p.title,
                p.description,
                p.answers.text if p.answers else "",
                p.technology,
                p.opd,
                p.partners,
                term_label(p.term),
                p.start_year,
                p.end_year,
                source_label(p.funding_source),
                p.rpjmd_program,
                _yes_no(p.is_quick_win),
                progress_mode_label(p.progress_mode),
            ]
        )
    _finish(sheet, PROGRAM_COLUMNS)


def _budget_sheet(sheet: Worksheet, programs: list[Program]) -> None:
    _header(sheet, BUDGET_COLUMNS)
    for p in programs:
        for line in p.budget_lines.all():
            sheet.append([p.code, line.year, source_label(line.source), line.amount])
            sheet.cell(row=sheet.max_row, column=4).number_format = "#,##0"
    _finish(sheet, BUDGET_COLUMNS)


def _kpi_columns(masterplan: Masterplan) -> list[Column]:
    return KPI_COLUMNS + [Column(str(year), YEAR_HELP, 9) for year in masterplan.years]


def _kpi_sheet(sheet: Worksheet, masterplan: Masterplan, programs: list[Program]) -> None:
    columns = _kpi_columns(masterplan)
    _header(sheet, columns)
    for p in programs:
        for kpi in p.kpis.all():
            targets = {t.year: t.value for t in kpi.targets.all()}
            sheet.append(
                [p.code, kpi.name, kpi.unit, kpi.baseline]
                + [targets.get(year) for year in masterplan.years]
            )
    _finish(sheet, columns)


def _step_sheet(sheet: Worksheet, programs: list[Program]) -> None:
    _header(sheet, STEP_COLUMNS)
    for p in programs:
        for step in p.steps.all():
            sheet.append([p.code, step.position, step.year, step.text])
    _finish(sheet, STEP_COLUMNS)


def _stamp_sheet(sheet: Worksheet, masterplan: Masterplan, programs: list[Program]) -> None:
    """Where the workbook came from, for the import to see what changed online since."""
    sheet.sheet_state = "hidden"
    sheet.append(["masterplan", masterplan.pk])
    sheet.append(["version", masterplan.version])
    for p in programs:
        sheet.append(["program", p.code, p.version])


def _choices_text(choices: Iterable[tuple[str, Any]]) -> str:
    return "; ".join(f"{label} ({code})" for code, label in choices)


def _guide_sheet(sheet: Worksheet, masterplan: Masterplan) -> None:
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 18
    sheet.column_dimensions["C"].width = 100
    if masterplan.is_demo:
        sheet.append([DEMO_NOTE, "", "Masterplan ini adalah contoh demo, bukan dokumen resmi."])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True, color="9C0006")
            cell.fill = DEMO_FILL
        sheet.append([])
    sheet.append([masterplan.title])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)
    facts = [
        ("Wilayah", f"{masterplan.region.name} ({masterplan.region.code})"),
        ("Periode", f"{masterplan.start_year}\u2013{masterplan.end_year}"),
        ("Status", str(masterplan.get_status_display())),
        ("Versi", str(masterplan.version)),
        ("Diunduh", timezone.localtime().strftime("%d-%m-%Y %H:%M") + " WIB"),
    ]
    for label, value in facts:
        sheet.append([label, value])
    sheet.append([])
    for line in (
        "Buku kerja ini berisi seluruh program masterplan. Lembar Program, Anggaran, KPI dan "
        "Rencana aksi dapat diubah lalu diunggah kembali.",
        "Saat diunggah, setiap program dicari menurut kodenya: program yang diubah di buku kerja "
        "diperbarui (komentar, laporan kemajuan dan riwayatnya tetap), kode baru menjadi program "
        "baru. Program yang diubah orang lain di aplikasi sejak buku kerja ini diunduh tidak "
        "ditimpa tanpa pilihan Anda; program yang tidak ada di buku kerja dihapus hanya bila "
        "Anda memilihnya. Bila ada satu kesalahan, tidak ada yang diubah: daftar kesalahan "
        "menyebut lembar, baris dan kolomnya.",
        "Angka yang diketik sebagai teks dibaca cara Indonesia: titik memisahkan ribuan, koma "
        "menandai desimal (1.500.000.000; 12,5).",
        "Judul kolom pada baris 1 jangan diubah. Urutan kolom boleh berbeda; baris kosong "
        "dilewati. Lembar ini (Petunjuk) tidak dibaca saat unggah.",
    ):
        sheet.append([line])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=3
        )
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=True)
        sheet.row_dimensions[sheet.max_row].height = 30
    allowed = {
        "dimensi": _choices_text(Dimension.choices),
        "elemen": "; ".join(
            f"{dimension_label(dim)}: " + ", ".join(f"{label} ({code})" for code, label in elements)
            for dim, elements in _elements_by_dimension().items()
        ),
        "jangka": _choices_text(Term.choices),
        "sumber_dana": _choices_text(FundingSource.choices),
        "kemajuan_dari": _choices_text(PROGRESS_MODES),
    }
    sheets = [
        (SHEET_PROGRAMS, PROGRAM_COLUMNS),
        (SHEET_BUDGET, BUDGET_COLUMNS),
        (SHEET_KPIS, [*KPI_COLUMNS, Column(f"{masterplan.start_year} … ", YEAR_HELP)]),
        (SHEET_STEPS, STEP_COLUMNS),
    ]
    for name, columns in sheets:
        sheet.append([])
        sheet.append(["Lembar", "Kolom", "Isi"])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
            cell.fill = HEADER_FILL
        for column in columns:
            text = column.help
            if column.header in allowed:
                text += " Nilai: " + allowed[column.header] + " (nama atau kode)."
            sheet.append([name, column.header, text])
            sheet.cell(row=sheet.max_row, column=3).alignment = Alignment(wrap_text=True)


def _elements_by_dimension() -> dict[str, list[tuple[str, Any]]]:
    from masterplans.models import ELEMENTS

    return {str(dim): elements for dim, elements in ELEMENTS.items()}


def masterplan_xlsx(masterplan: Masterplan) -> bytes:
    """Sheets Petunjuk, Program, Anggaran, KPI and Rencana aksi; read back by the import."""
    with translation.override("id"):
        programs = programs_for_documents(masterplan)
        book = Workbook(write_only=False)
        _guide_sheet(book.worksheets[0], masterplan)
        book.worksheets[0].title = SHEET_GUIDE
        _program_sheet(book.create_sheet(SHEET_PROGRAMS), programs)
        _budget_sheet(book.create_sheet(SHEET_BUDGET), programs)
        _kpi_sheet(book.create_sheet(SHEET_KPIS), masterplan, programs)
        _step_sheet(book.create_sheet(SHEET_STEPS), programs)
        _stamp_sheet(book.create_sheet(STAMP_SHEET), masterplan, programs)
        book.properties.title = masterplan.title
        book.properties.creator = PROGRAM_NAME
        return workbook_bytes(book)


# The book (PDF)

BOOK_TEMPLATE = "masterplans/book.html"
KIND_ORDER = ("strength", "weakness", "opportunity", "threat", "challenge")
KIND_LABELS = {
    "strength": "Kekuatan",
    "weakness": "Kelemahan",
    "opportunity": "Peluang",
    "threat": "Ancaman",
    "challenge": "Tantangan",
}
SECTIONS = [
    ("analisis", "1. Kesiapan dan analisis"),
    ("visi", "2. Visi, misi, sasaran dan strategi"),
    ("program", "3. Program per dimensi"),
    ("peta-jalan", "4. Peta jalan"),
    ("quick-win", "5. Quick win"),
    ("anggaran", "6. Anggaran"),
    ("kpi", "7. Indikator kinerja (KPI)"),
    ("konsultasi", "8. Konsultasi publik"),
]


def number_text(value: float | None) -> str:
    """12.5 → ``12,5``; 1500.0 → ``1.500``; None → a dash."""
    if value is None:
        return "\u2013"
    if float(value) == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _dot, fraction = f"{value:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + "," + fraction


def amount_text(value: int) -> str:
    """A budget cell in a narrow table, in Rp juta: ``1.250``; ``<1``; a dash for none."""
    if not value:
        return "\u2013"
    if value < 500_000:
        return "<1"
    return f"{round(value / 1_000_000):,}".replace(",", ".")


# Wide enough for "100,5" or "1.250" and two spaces, so that most programs' tables line up.
MIN_FIGURE_COLUMN = 7


@dataclass(frozen=True)
class Figures:
    """Columns of figures set as text: a header line and one line per row, right-aligned.

    The book prints its yearly figures in a monospaced font, one table cell per row holding every
    year, rather than a cell per figure: WeasyPrint lays each cell out and draws it as a box of
    its own, and a cell per figure was most of the time the book of a large masterplan took.
    ``width`` is the width of the line in characters (CSS ``ch`` in that font).
    """

    header: str
    rows: list[str]
    width: int


def figures(header: list[str], rows: list[list[str]]) -> Figures:
    longest = max((len(text) for text in [*header, *(t for row in rows for t in row)]), default=0)
    column = max(longest + 2, MIN_FIGURE_COLUMN)
    return Figures(
        header="".join(text.rjust(column) for text in header),
        rows=["".join(text.rjust(column) for text in row) for row in rows],
        width=column * len(header),
    )


def _program_grid(program: Program) -> dict[str, Any]:
    """KPI targets and budget of one program in one table, a column per year of either."""
    kpis = list(program.kpis.all())
    lines = list(program.budget_lines.all())
    years = sorted({t.year for kpi in kpis for t in kpi.targets.all()} | {b.year for b in lines})
    sources = [code for code in FundingSource.values if any(b.source == code for b in lines)]
    cells: dict[tuple[str, int], int] = defaultdict(int)
    for line in lines:
        cells[(line.source, line.year)] += line.amount
    targets = []
    for kpi in kpis:
        by_year = {t.year: t.value for t in kpi.targets.all()}
        targets.append([number_text(by_year.get(year)) for year in years])
    amounts = [[amount_text(cells[(source, year)]) for year in years] for source in sources]
    totals = [amount_text(sum(cells[(s, year)] for s in sources)) for year in years]
    grid = figures([str(year) for year in years], [*targets, *amounts, totals])
    kpi_rows, budget_rows = grid.rows[: len(kpis)], grid.rows[len(kpis) : -1]
    return {
        "years": years,
        "header": grid.header,
        "width": grid.width,
        "kpis": [
            {"name": k.name, "unit": k.unit, "baseline": number_text(k.baseline), "figures": row}
            for k, row in zip(kpis, kpi_rows, strict=True)
        ],
        "budget": [
            {"label": short_source_label(source), "figures": row}
            for source, row in zip(sources, budget_rows, strict=True)
        ],
        "totals": grid.rows[-1],
        "total": sum(line.amount for line in lines),
    }


def billions_text(value: int) -> str:
    """A cell of a table in Rp miliar: ``12,3``; ``<0,1`` for a small amount; a dash for none."""
    if not value:
        return "\u2013"
    if value < 50_000_000:
        return "<0,1"
    return f"{value / 1e9:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def short_source_label(code: str) -> str:
    """``KPBU`` rather than ``KPBU (kerja sama pemerintah dan badan usaha)`` in narrow tables."""
    return source_label(code).split(" (")[0]


def _readiness(region: Region) -> dict[str, Any] | None:
    """The profile per part of the region's latest readiness assessment, if it has one."""
    from readiness.profile import latest_assessment, readiness_profile

    assessment = latest_assessment(region)
    if assessment is None:
        return None
    return {
        "assessment": assessment,
        "cohort": assessment.questionnaire.cohort,
        "parts": readiness_profile(assessment),
    }


def _analysis_by_dimension(masterplan: Masterplan) -> list[dict[str, Any]]:
    from masterplans.templatetags.masterplan_tags import with_readiness_labels

    items: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for item in with_readiness_labels(masterplan.analysis.all()):
        items[item.dimension][item.kind].append(item)
    return [
        {
            "label": dimension_label(code),
            "kinds": [
                {"label": KIND_LABELS[kind], "items": items[code][kind]}
                for kind in KIND_ORDER
                if items[code].get(kind)
            ],
        }
        for code in Dimension.values
        if code in items
    ]


def _steps_text(program: Program) -> str:
    """The action plan as numbered lines of one paragraph (a list item per step costs more)."""
    return "\n".join(
        f"{number}. " + (f"{step.year} \u00b7 " if step.year else "") + step.text
        for number, step in enumerate(program.steps.all(), start=1)
    )


def _kpi_summary(programs: list[Program], years: list[int]) -> dict[str, Any]:
    """Every KPI of ``programs`` with its baseline and its targets in ``years``."""
    kpis = [(p, kpi) for p in programs for kpi in p.kpis.all()]
    values = []
    for _program, kpi in kpis:
        by_year = {t.year: t.value for t in kpi.targets.all()}
        values.append([number_text(kpi.baseline)] + [number_text(by_year.get(y)) for y in years])
    table = figures(["Awal", *(str(year) for year in years)], values)
    return {
        "header": table.header,
        "width": table.width,
        "rows": [
            {"code": p.code, "name": kpi.name, "unit": kpi.unit, "figures": row}
            for (p, kpi), row in zip(kpis, table.rows, strict=True)
        ],
    }


def book_context(masterplan: Masterplan) -> dict[str, Any]:
    """What the book shows; call under the Indonesian language. A constant number of queries."""
    from masterplans.charts import (
        DIMENSION_COLOURS,
        budget_svg,
        budget_table,
        dimension_budget_table,
        roadmap_svg,
    )

    programs = programs_for_documents(masterplan)
    years = list(masterplan.years)
    # The KPI summary shows the first, middle and last year; the program pages show every year.
    kpi_years = sorted({years[0], years[len(years) // 2], years[-1]})
    dimensions = []
    for code in Dimension.values:
        members = [p for p in programs if p.dimension == code]
        dimensions.append(
            {
                "code": code,
                "label": dimension_label(code),
                "colour": DIMENSION_COLOURS[code],
                "roadmap": roadmap_svg(masterplan, dimension=code, programs=members)
                if members
                else "",
                "programs": [
                    {
                        "program": p,
                        "element": element_label(p.element),
                        "term": term_label(p.term),
                        "source": source_label(p.funding_source),
                        "steps": _steps_text(p),
                        "grid": _program_grid(p),
                    }
                    for p in members
                ],
                "kpis": _kpi_summary(members, kpi_years),
            }
        )
    by_source = budget_table(masterplan)
    by_dimension = dimension_budget_table(masterplan)
    region = masterplan.region
    draft = not masterplan.is_public
    marks = [word for word, on in (("DRAF", draft), ("DEMO", masterplan.is_demo)) if on]
    return {
        "masterplan": masterplan,
        "region": region,
        "program_name": PROGRAM_NAME,
        "regulation_kind": "Perwali" if region.kind == "kota" else "Perbup",
        "enacted": masterplan.status == "enacted",
        "draft": draft,
        "marks": " \u00b7 ".join(marks),
        "printed_at": timezone.now(),
        "sections": SECTIONS,
        "analysis": _analysis_by_dimension(masterplan),
        "readiness": _readiness(region),
        "missions": list(masterplan.missions.all()),
        "targets": [
            {"text": t.text, "dimension": dimension_label(t.dimension) if t.dimension else ""}
            for t in masterplan.targets.all()
        ],
        "dimensions": dimensions,
        "program_count": len(programs),
        "quick_wins": [
            {
                "program": p,
                "dimension": dimension_label(p.dimension),
                "budget": sum(line.amount for line in p.budget_lines.all()),
            }
            for p in programs
            if p.is_quick_win
        ],
        "by_source": by_source,
        "source_headers": [label.split(" (")[0] for _code, label in by_source.columns],
        "by_dimension": {
            "columns": by_dimension.columns,
            "rows": [
                {
                    "label": row.label,
                    "amounts": [billions_text(a) for a in row.amounts],
                    "total": billions_text(row.total),
                }
                for row in by_dimension.rows
            ],
            "totals": [billions_text(a) for a in by_dimension.column_totals],
            "total": billions_text(by_dimension.total),
        },
        "budget_chart": budget_svg(masterplan, table=by_source),
    }


def masterplan_pdf(masterplan: Masterplan) -> bytes:
    """The masterplan book, in Indonesian, with the roadmap and budget charts."""
    masterplan = Masterplan.objects.select_related("region__province", "cohort").get(
        pk=masterplan.pk
    )
    return render_pdf(BOOK_TEMPLATE, lambda: book_context(masterplan))
