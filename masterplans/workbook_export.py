"""A masterplan as an Excel workbook to edit programs offline (read back by
``workbook_import``).

An Indonesian document whatever the language of the request, like the selection exports: fixed
Indonesian column names, Indonesian labels (dimension, element, term, funding source, progress
mode) that the import also accepts as codes. The workbook carries, on a hidden sheet, the
masterplan and each program's version it was exported at, so that an import knows what changed
online since. The labels here are the book's too (``book``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from kotacerdas import sheets
from kotacerdas.downloads import workbook_bytes
from masterplans.models import (
    ELEMENT_CHOICES,
    Dimension,
    FundingSource,
    Kpi,
    Masterplan,
    Program,
    Term,
)

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


def _header(sheet: Worksheet, columns: list[Column], masterplan: Masterplan) -> None:
    sheets.heading(sheet, [(c.header, c.width) for c in columns], freeze="B2")
    _drop_downs(sheet, columns, masterplan)


def _column(columns: list[Column], header: str) -> int:
    return next(i for i, c in enumerate(columns, start=1) if c.header == header)


def _drop_downs(sheet: Worksheet, columns: list[Column], masterplan: Masterplan) -> None:
    """What a column takes, enforced by Excel as the team types: the labels the import reads,
    ya/tidak, years within the masterplan's period."""
    lists = {
        "dimensi": [dimension_label(code) for code in Dimension.values],
        "elemen": [element_label(code) for code, _label in ELEMENT_CHOICES],
        "jangka": [term_label(code) for code in Term.values],
        "sumber_dana": [source_label(code) for code in FundingSource.values],
        "quick_win": [_yes_no(True), _yes_no(False)],
        "kemajuan_dari": [progress_mode_label(code) for code, _label in PROGRESS_MODES],
    }
    headers = {c.header for c in columns}
    for header, values in lists.items():
        if header in headers:
            sheets.choices(sheet, _column(columns, header), values)
    for header in ("tahun_mulai", "tahun_selesai", "tahun"):
        if header in headers:
            sheets.whole_numbers(
                sheet, _column(columns, header), masterplan.start_year, masterplan.end_year
            )


def _finish(sheet: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        if column.wrap:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def _program_sheet(sheet: Worksheet, masterplan: Masterplan, programs: list[Program]) -> None:
    _header(sheet, PROGRAM_COLUMNS, masterplan)
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


def _budget_sheet(sheet: Worksheet, masterplan: Masterplan, programs: list[Program]) -> None:
    _header(sheet, BUDGET_COLUMNS, masterplan)
    for p in programs:
        for line in p.budget_lines.all():
            sheet.append([p.code, line.year, source_label(line.source), line.amount])
            sheet.cell(row=sheet.max_row, column=4).number_format = "#,##0"
    _finish(sheet, BUDGET_COLUMNS)


def _kpi_columns(masterplan: Masterplan) -> list[Column]:
    return KPI_COLUMNS + [Column(str(year), YEAR_HELP, 9) for year in masterplan.years]


def _kpi_sheet(sheet: Worksheet, masterplan: Masterplan, programs: list[Program]) -> None:
    columns = _kpi_columns(masterplan)
    _header(sheet, columns, masterplan)
    for p in programs:
        for kpi in p.kpis.all():
            targets = {t.year: t.value for t in kpi.targets.all()}
            sheet.append(
                [p.code, kpi.name, kpi.unit, kpi.baseline]
                + [targets.get(year) for year in masterplan.years]
            )
    _finish(sheet, columns)


def _step_sheet(sheet: Worksheet, masterplan: Masterplan, programs: list[Program]) -> None:
    _header(sheet, STEP_COLUMNS, masterplan)
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
    tables = [
        (SHEET_PROGRAMS, PROGRAM_COLUMNS),
        (SHEET_BUDGET, BUDGET_COLUMNS),
        (SHEET_KPIS, [*KPI_COLUMNS, Column(f"{masterplan.start_year} … ", YEAR_HELP)]),
        (SHEET_STEPS, STEP_COLUMNS),
    ]
    for name, columns in tables:
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
        _program_sheet(book.create_sheet(SHEET_PROGRAMS), masterplan, programs)
        _budget_sheet(book.create_sheet(SHEET_BUDGET), masterplan, programs)
        _kpi_sheet(book.create_sheet(SHEET_KPIS), masterplan, programs)
        _step_sheet(book.create_sheet(SHEET_STEPS), masterplan, programs)
        _stamp_sheet(book.create_sheet(STAMP_SHEET), masterplan, programs)
        book.properties.title = masterplan.title
        book.properties.creator = PROGRAM_NAME
        return workbook_bytes(book)
