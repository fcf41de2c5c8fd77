"""A masterplan as its book: the PDF the region signs and enacts, in Indonesian whatever the
language of the request, with the workbook's labels (``workbook_export``)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from kotacerdas.pdf import render_pdf
from masterplans.models import Dimension, FundingSource, Masterplan, Program
from masterplans.workbook_export import (
    PROGRAM_NAME,
    dimension_label,
    element_label,
    programs_for_documents,
    source_label,
    term_label,
)
from regions.models import Region

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


def masterplan_pdf(masterplan: Masterplan, typesetting: Callable[[], None] = lambda: None) -> bytes:
    """The masterplan book, in Indonesian, with the roadmap and budget charts;
    ``typesetting`` is called when its content is gathered and the pages are being set."""
    masterplan = Masterplan.objects.select_related("region__province", "cohort").get(
        pk=masterplan.pk
    )

    def context() -> dict[str, Any]:
        data = book_context(masterplan)
        typesetting()
        return data

    return render_pdf(BOOK_TEMPLATE, context)
