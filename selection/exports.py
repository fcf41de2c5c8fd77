"""A selection round as files: CSV and Excel for analysts, a PDF decision report to sign.

The three are the program's record of a round, so they are written in Indonesian whatever the
language of the request that asks for them: column names are fixed Indonesian identifiers and
the running text goes through the Indonesian catalogue.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from kotacerdas import sheets
from kotacerdas.downloads import csv_text, workbook_bytes
from kotacerdas.pdf import render_pdf
from regions.models import IslandGroup, Region
from selection.models import (
    DEMO_SOURCE,
    Indicator,
    IndicatorValue,
    RoundOverride,
    RoundResult,
    SelectionRound,
)
from selection.rounds import final_selection
from selection.templatetags.selection_tags import ineligible_reason

PROGRAM_NAME = "Gerakan Menuju 100 Smart City"
REPORT_TEMPLATE = "selection/report.html"
DEMO_NOTE = "Berisi data demo"
OVERRIDE_WORDS = {"add": "tambah", "remove": "hapus"}
DASH = "\u2013"


def reason_text(reason: str, limit: int | None = None) -> str:
    """The engine's reason code for a region being in or out, in words."""
    texts = {
        "selected": _("selected"),
        "selected_by_minimum": _("selected by the island group minimum"),
        "selected_after_caps": _("selected after province/group caps displaced other regions"),
        "province_cap": _("displaced by the province cap (max %(n)s)"),
        "group_cap": _("displaced by the island group cap (max %(n)s)"),
        "minimums_elsewhere": _("seat taken by another island group's minimum"),
        "below_cutoff": _("below the cut-off"),
        "ineligible": _("not eligible"),
        "historical": _("historical list"),
    }
    return texts.get(reason, reason) % {"n": limit}


@dataclass(frozen=True)
class ExportRow:
    """One region's line: its result (none where a round lists only some regions), the
    committee's decision about it, and whether it is in the final selection."""

    region: Region
    result: RoundResult | None
    override: RoundOverride | None
    final: bool

    @property
    def eligible(self) -> bool:
        return self.result.eligible if self.result else True


def export_rows(selection_round: SelectionRound) -> list[ExportRow]:
    """Every autonomous kota/kabupaten (and any other a round computed before kept), by rank;
    ineligible regions at the end; ties by code."""
    results = {r.region_id: r for r in selection_round.results.all()}
    overrides = {o.region_id: o for o in selection_round.overrides.all()}
    final = set(final_selection(selection_round))
    regions = Region.objects.filter(Q(autonomous=True) | Q(pk__in=list(results)))
    rows = [
        ExportRow(region, results.get(region.pk), overrides.get(region.pk), region.code in final)
        for region in regions.select_related("province").order_by("code")
    ]

    def order(row: ExportRow) -> tuple[bool, bool, int, str]:
        rank = row.result.rank if row.result else None
        return (not row.eligible, rank is None, rank or 0, row.region.code)

    return sorted(rows, key=order)


def round_criteria(selection_round: SelectionRound) -> list[Indicator]:
    """The indicators the round scored on, in the order of its recorded inputs."""
    snapshot = selection_round.input_snapshot or {}
    codes = list(snapshot.get("criteria", []))
    if not codes and selection_round.method != "historical":
        codes = [c for c, w in (selection_round.weights or {}).items() if float(w) > 0]
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    if not snapshot.get("criteria"):
        return sorted(found.values(), key=lambda i: (i.position, i.code))
    return [found[c] for c in codes if c in found]


def autonomous_only(selection_round: SelectionRound) -> bool:
    """A computed round whose candidates were the autonomous regions only (every round
    computed since the rule; one computed before may have had DKI Jakarta's administrative
    regions among them)."""
    regions = (selection_round.input_snapshot or {}).get("regions")
    if selection_round.method == "historical" or not regions:
        return False
    administrative = Region.objects.filter(autonomous=False).values_list("code", flat=True)
    return not set(regions) & set(administrative)


def scored_on_demo(selection_round: SelectionRound) -> bool:
    """A computed round whose scores rest on a demo value (an announced list has none)."""
    return (
        selection_round.method != "historical"
        and selection_round.status != "draft"  # a draft's inputs are from before its edit
        and bool(selection_round.input_snapshot)
        and uses_demo_values(selection_round)
    )


def uses_demo_values(selection_round: SelectionRound) -> bool:
    """Whether a demo value fed the round: a demo value of its indicator year, for an indicator
    it scores on or judges eligibility by, with no published value beside it.

    A round computed since the inputs record it (``value_demo``) answers from them; for an older
    one this looks at the values that were current when it was computed: a later import that
    replaces the demo values changes nothing.
    """
    snapshot = selection_round.input_snapshot or {}
    if "value_demo" in snapshot:  # recorded when it was computed
        return any(snapshot["value_demo"].values())
    codes = {i.code for i in round_criteria(selection_round)}
    codes |= {
        rule.get("indicator") for rule in (selection_round.eligibility or {}).get("thresholds", [])
    }
    if not codes:
        return False
    moment = selection_round.computed_at or timezone.now()
    then = IndicatorValue.objects.filter(
        Q(replaced_by__isnull=True) | Q(replaced_by__imported_at__gt=moment),
        import_run__imported_at__lte=moment,
        year=selection_round.indicator_year,
    )
    published_beside = then.exclude(source=DEMO_SOURCE).filter(
        region=OuterRef("region"), indicator=OuterRef("indicator")
    )
    return (
        then.filter(indicator__code__in=codes, source=DEMO_SOURCE)
        .filter(~Exists(published_beside))
        .exists()
    )


# Columns of the result table, shared by the CSV and the "hasil" sheet.

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[ExportRow], Cell]
    decimals: int | None = None  # a number with this many decimals; None: text or integer
    excel_format: str | None = None
    width: int = 12


def _yes_no(value: bool) -> str:
    return "ya" if value else "tidak"


def _result(field: str) -> Callable[[ExportRow], Cell]:
    return lambda row: getattr(row.result, field) if row.result else None


def _reason(row: ExportRow) -> str:
    if row.result is None:
        return ""
    return reason_text(row.result.reason, row.result.reason_limit)


def _contribution(code: str) -> Callable[[ExportRow], Cell]:
    return lambda row: row.result.contributions.get(code) if row.result else None


def result_columns(criteria: list[Indicator], *, demo: bool = False) -> list[Column]:
    """The columns of a round's result; ``demo``: its scores rest on demo values, said on each
    scored row."""
    columns = [
        Column("kode_wilayah", lambda r: r.region.code, width=12),
        Column("nama", lambda r: r.region.name, width=34),
        Column("jenis", lambda r: r.region.kind, width=11),
        Column("provinsi", lambda r: r.region.province.name, width=26),
        Column("kelompok_pulau", lambda r: r.region.province.get_island_group_display(), width=18),
        Column("layak", lambda r: _yes_no(r.eligible), width=8),
        Column(
            "alasan_tidak_layak",
            lambda r: ineligible_reason(r.result.ineligible_reason) if r.result else "",
            width=28,
        ),
        Column("peringkat", _result("rank"), excel_format="0", width=10),
        Column("skor", _result("score"), 4, "0.0000", width=10),
        Column(
            "skor_dari_data_demo",
            lambda r: _yes_no(demo) if r.result and r.result.score is not None else "",
            width=10,
        ),
        Column(
            "terpilih_hitungan", lambda r: _yes_no(bool(r.result and r.result.selected)), width=10
        ),
        Column(
            "keputusan_komite",
            lambda r: OVERRIDE_WORDS[r.override.action] if r.override else "",
            width=12,
        ),
        Column("terpilih_akhir", lambda r: _yes_no(r.final), width=10),
        Column("alasan", _reason, width=44),
        Column("peluang_terpilih", _result("probability"), 4, "0.0%", width=10),
        Column("peringkat_p5", _result("rank_low"), 1, "0.0", width=10),
        Column("peringkat_p95", _result("rank_high"), 1, "0.0", width=10),
    ]
    columns += [
        Column(f"kontribusi_{i.code}", _contribution(i.code), 4, "0.0000", width=14)
        for i in criteria
    ]
    return columns


def _decimal(value: float, decimals: int) -> str:
    """Indonesian spreadsheet notation: a decimal comma, no thousands separator."""
    return f"{value:.{decimals}f}".replace(".", ",")


def _csv_cell(column: Column, value: Cell) -> str:
    if value is None:
        return ""
    if column.decimals is not None and isinstance(value, int | float):
        return _decimal(float(value), column.decimals)
    return str(csv_text(value))


def round_csv(selection_round: SelectionRound) -> str:
    """The result for every region, for Indonesian Excel: a BOM, semicolons, decimal commas.

    The text starts with the BOM itself: encode it as plain UTF-8 (not ``utf-8-sig``).
    """
    with translation.override("id"):
        columns = result_columns(
            round_criteria(selection_round), demo=scored_on_demo(selection_round)
        )
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([c.header for c in columns])
        for row in export_rows(selection_round):
            writer.writerow([_csv_cell(c, c.value(row)) for c in columns])
        return out.getvalue()


# Excel

BOLD = Font(bold=True)
DEMO_FILL = PatternFill("solid", start_color="FFF2CC")


def _local(moment: datetime | None) -> datetime | None:
    """Excel keeps no time zone: the program's local time (WIB), without one."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _header(sheet: Worksheet, headers: list[str], widths: list[int], **kwargs: Any) -> None:
    sheets.heading(sheet, list(zip(headers, widths, strict=True)), **kwargs)


def _table_sheet(sheet: Worksheet, headers: list[str], widths: list[int]) -> None:
    _header(sheet, headers, widths, freeze="A2")


def _result_sheet(sheet: Worksheet, selection_round: SelectionRound) -> None:
    columns = result_columns(round_criteria(selection_round), demo=scored_on_demo(selection_round))
    _table_sheet(sheet, [c.header for c in columns], [c.width for c in columns])
    for row in export_rows(selection_round):
        sheet.append([c.value(row) for c in columns])
    for index, column in enumerate(columns, start=1):
        if column.excel_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.excel_format
    sheet.auto_filter.ref = sheet.dimensions


def _parameter_rows(selection_round: SelectionRound) -> list[tuple[str, Any]]:
    quotas = selection_round.quotas or {}
    rows: list[tuple[str, Any]] = [
        ("Nama", selection_round.name),
        ("Tahun", selection_round.year),
        ("Jumlah wilayah dipilih", selection_round.total),
        ("Metode", selection_round.get_method_display()),
        ("Normalisasi", selection_round.get_normalization_display()),
        ("Tahun indikator", selection_round.indicator_year),
        ("Nilai kosong", selection_round.get_imputation_display()),
    ]
    weights = selection_round.weights or {}
    for indicator in round_criteria(selection_round):
        rows.append(
            (f"Bobot {indicator.code}: {indicator.name}", float(weights.get(indicator.code, 0)))
        )
    for group in IslandGroup:
        rows.append(
            (f"Minimum {group.label}", int(quotas.get("group_min", {}).get(group.value, 0)))
        )
        most = quotas.get("group_max", {}).get(group.value)
        rows.append((f"Maksimum {group.label}", "tanpa batas" if most is None else int(most)))
    most = quotas.get("province_max")
    rows.append(("Maksimum per provinsi", int(most) if most else "tanpa batas"))
    rows += [("Syarat kelayakan", text) for text in eligibility_texts(selection_round)]
    rows += [
        ("Undian sensitivitas", selection_round.sensitivity_draws),
        ("SHA-256 masukan", selection_round.input_hash),
        ("SHA-256 hasil", selection_round.result_hash),
        ("Status", selection_round.get_status_display()),
        ("Dihitung", _local(selection_round.computed_at)),
        ("Diterbitkan", _local(selection_round.published_at)),
    ]
    return rows


def _parameter_sheet(sheet: Worksheet, selection_round: SelectionRound) -> None:
    if uses_demo_values(selection_round):
        sheet.append(
            [
                DEMO_NOTE,
                "Sebagian nilai indikator putaran ini adalah data demo buatan, bukan data resmi.",
            ]
        )
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="9C0006")
            cell.fill = DEMO_FILL
        sheet.append([])
    _header(sheet, ["parameter", "nilai"], [44, 70], freeze=None)
    for label, value in _parameter_rows(selection_round):
        sheet.append([label, value])
        cell = sheet.cell(row=sheet.max_row, column=2)
        cell.alignment = Alignment(horizontal="left")
        if isinstance(value, datetime):
            cell.number_format = "d mmm yyyy hh:mm"


def _override_sheet(sheet: Worksheet, selection_round: SelectionRound) -> None:
    headers = ["kode_wilayah", "wilayah", "keputusan", "alasan", "oleh", "waktu"]
    _table_sheet(sheet, headers, [12, 34, 11, 70, 20, 18])
    overrides = selection_round.overrides.select_related("region", "decided_by")
    for override in overrides.order_by("decided_at", "region__code"):
        by = override.decided_by
        sheet.append(
            [
                override.region.code,
                override.region.name,
                OVERRIDE_WORDS[override.action],
                override.reason,
                (by.get_full_name() or by.get_username()) if by else "",
                _local(override.decided_at),
            ]
        )
        sheet.cell(row=sheet.max_row, column=4).alignment = Alignment(wrap_text=True)
        sheet.cell(row=sheet.max_row, column=6).number_format = "d mmm yyyy hh:mm"
    sheet.auto_filter.ref = sheet.dimensions


def round_xlsx(selection_round: SelectionRound) -> bytes:
    """Sheets "hasil" (as the CSV, with real numbers), "parameter" and "keputusan_komite"."""
    with translation.override("id"):
        book = Workbook()
        results = book.worksheets[0]
        results.title = "hasil"
        _result_sheet(results, selection_round)
        _parameter_sheet(book.create_sheet("parameter"), selection_round)
        _override_sheet(book.create_sheet("keputusan_komite"), selection_round)
        return workbook_bytes(book)


# The PDF report

METHOD_TEXTS = {
    "saw": (
        "Setiap indikator dinormalisasi ke skala yang sama, dikalikan bobotnya lalu dijumlahkan. "
        "Skor tertinggi mendapat peringkat 1."
    ),
    "topsis": (
        "Skor adalah kedekatan relatif setiap wilayah dengan wilayah ideal (nilai terbaik pada "
        "setiap indikator) dibandingkan dengan wilayah terburuk. Skor tertinggi mendapat "
        "peringkat 1."
    ),
    "historical": "Daftar wilayah yang diumumkan pada tahap ini, dicatat apa adanya.",
}
NORMALIZATION_TEXTS = {
    "minmax": "min-max: nilai terendah menjadi 0 dan nilai tertinggi menjadi 1",
    "zscore": "z-score: selisih dari rata-rata dibagi simpangan baku",
    "vector": "vektor: setiap nilai dibagi panjang vektor seluruh nilai indikator",
    "rank": "peringkat: nilai diganti urutannya, dari terburuk (0) ke terbaik (1)",
}
IMPUTATION_TEXTS = {
    "none": "Tidak ada nilai yang boleh kosong: putaran hanya dihitung bila semua nilai ada.",
    "median": "Nilai yang kosong diisi median indikator tersebut.",
    "worst": "Nilai yang kosong diisi nilai terburuk indikator tersebut.",
}
NOT_APPLICABLE_TEXT = (
    "Indikator yang tidak berlaku (mis. IKB untuk kabupaten) tidak dihitung; bobot dibagi "
    "ulang di antara indikator yang berlaku."
)


def eligibility_texts(selection_round: SelectionRound) -> list[str]:
    eligibility = selection_round.eligibility or {}
    administrative = Region.objects.filter(autonomous=False).order_by("code")
    texts = []
    if autonomous_only(selection_round):
        texts.append(
            "Hanya daerah otonom yang menjadi kandidat: "
            + ", ".join(r.name for r in administrative)
            + " adalah bagian dari Provinsi DKI Jakarta, tanpa DPRD dan APBD sendiri (UU 29/2007)"
        )
    names = dict(Indicator.objects.values_list("code", "name_id"))
    for rule in eligibility.get("thresholds", []):
        value = _decimal(float(rule["value"]), 2).rstrip("0").rstrip(",")
        name = names.get(rule["indicator"], rule["indicator"])
        texts.append(f"{name} {rule['op']} {value}")
    if eligibility.get("exclude_previous"):
        texts.append("Tidak ikut: wilayah yang terpilih pada tahap sebelumnya yang diterbitkan")
    excluded = eligibility.get("excluded", [])
    if excluded:
        regions = Region.objects.filter(code__in=excluded).order_by("name")
        texts.append("Dikecualikan oleh komite: " + ", ".join(r.name for r in regions))
    return texts


def _percent(value: float | None) -> str:
    return DASH if value is None else _decimal(100 * value, 0) + "%"


def _spread(selection_round: SelectionRound, chosen: list[ExportRow]) -> list[dict[str, Any]]:
    """Finally selected regions per island group against the quotas, with bar geometry."""
    quotas = selection_round.quotas or {}
    counts = {g.value: 0 for g in IslandGroup}
    for chosen_row in chosen:
        counts[chosen_row.region.province.island_group] += 1
    spread: list[dict[str, Any]] = []
    for group in IslandGroup:
        least = int(quotas.get("group_min", {}).get(group.value, 0))
        most = quotas.get("group_max", {}).get(group.value)
        spread.append(
            {
                "label": group.label,
                "count": counts[group.value],
                "min": least,
                "max": None if most is None else int(most),
                "within": counts[group.value] >= least
                and (most is None or counts[group.value] <= int(most)),
            }
        )
    scale = max([1] + [max(r["count"], r["max"] or 0, r["min"]) for r in spread])
    bar = 300  # px of the longest bar in the chart
    for index, row in enumerate(spread):
        row["y"] = 4 + 22 * index
        row["width"] = round(bar * row["count"] / scale, 1)
        row["min_x"] = round(bar * row["min"] / scale, 1)
        row["max_x"] = None if row["max"] is None else round(bar * row["max"] / scale, 1)
        row["band"] = (row["max_x"] if row["max_x"] is not None else bar) - row["min_x"]
    return spread


def report_context(selection_round: SelectionRound) -> dict[str, Any]:
    """What the decision report shows; call under the Indonesian language."""
    rows = export_rows(selection_round)
    criteria = round_criteria(selection_round)
    weights = selection_round.weights or {}
    weight_sum = sum(float(weights.get(i.code, 0)) for i in criteria) or 1.0
    chosen = [r for r in rows if r.final]
    results = [r for r in rows if r.result]
    quotas = selection_round.quotas or {}
    overrides = selection_round.overrides.select_related("region__province", "decided_by")
    spread = _spread(selection_round, chosen)
    if selection_round.published_at:
        date_label, moment = "Diterbitkan", selection_round.published_at
    elif selection_round.computed_at:
        date_label, moment = "Dihitung", selection_round.computed_at
    else:
        date_label, moment = "Tanggal", timezone.now()
    return {
        "round": selection_round,
        "program_name": PROGRAM_NAME,
        "date": moment,
        "date_label": date_label,
        "printed_at": timezone.now(),
        "demo": uses_demo_values(selection_round),
        "historical": selection_round.method == "historical",
        "method_text": METHOD_TEXTS.get(selection_round.method, ""),
        "normalization_text": NORMALIZATION_TEXTS.get(selection_round.normalization, ""),
        "imputation_text": IMPUTATION_TEXTS.get(selection_round.imputation, ""),
        "not_applicable_text": NOT_APPLICABLE_TEXT,
        "weights": [
            {
                "code": i.code,
                "name": i.name_id,
                "weight": _decimal(float(weights.get(i.code, 0)), 2),
                "share": _percent(float(weights.get(i.code, 0)) / weight_sum),
                "direction": "makin rendah makin baik"
                if i.direction == "cost"
                else "makin tinggi makin baik",
                "applies": {"kota": "hanya kota", "kabupaten": "hanya kabupaten"}.get(
                    i.applies_to, "kota dan kabupaten"
                ),
            }
            for i in criteria
        ],
        "province_max": quotas.get("province_max"),
        "eligibility": eligibility_texts(selection_round),
        "eligible_count": sum(1 for r in results if r.eligible),
        "ineligible_count": sum(1 for r in results if not r.eligible),
        "computed_count": sum(1 for r in results if r.result and r.result.selected),
        "chosen": [
            {
                "rank": r.result.rank if r.result and r.result.rank else DASH,
                "name": r.region.name,
                "province": r.region.province.name,
                "group": r.region.province.get_island_group_display(),
                "score": DASH
                if r.result is None or r.result.score is None
                else _decimal(r.result.score, 4),
                "probability": _percent(r.result.probability if r.result else None),
                "added": bool(r.override and r.override.action == "add"),
            }
            for r in chosen
        ],
        "spread": spread,
        "chart_height": 8 + 22 * len(spread),
        "overrides": [
            {
                "region": o.region,
                "action": "Ditambahkan" if o.action == "add" else "Dihapus",
                "reason": o.reason,
                "by": (o.decided_by.get_full_name() or o.decided_by.get_username())
                if o.decided_by
                else DASH,
                "at": o.decided_at,
            }
            for o in overrides.order_by("decided_at", "region__code")
        ],
    }


def round_pdf(selection_round: SelectionRound) -> bytes:
    """The decision report a committee signs: method, result, spread, decisions, hashes."""
    return render_pdf(REPORT_TEMPLATE, lambda: report_context(selection_round))


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str
    build: Callable[[SelectionRound], str | bytes]


EXPORT_FORMATS = {
    "csv": ExportFormat("csv", "text/csv; charset=utf-8", round_csv),
    "xlsx": ExportFormat(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        round_xlsx,
    ),
    "pdf": ExportFormat("pdf", "application/pdf", round_pdf),
}


def export_filename(selection_round: SelectionRound, extension: str) -> str:
    """``seleksi-2025-12.csv``: the year and the round's id, safe in any header."""
    return f"seleksi-{selection_round.year}-{selection_round.pk}.{extension}"
