"""A masterplan as its book: the PDF the region signs and enacts, in Indonesian whatever the
language of the request, with the workbook's labels (``workbook_export``).

The book is typeset by Typst (``book.typ`` beside this module; decision 0004): this module
gathers what the book shows as plain text and numbers already written as Indonesians read them,
and the template only places them."""

from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils import formats, timezone
from django.utils.text import capfirst

from kotacerdas.pdf import render_typst
from masterplans.models import Dimension, FundingSource, Masterplan, Program
from masterplans.workbook_export import (
    PROGRAM_NAME,
    dimension_label,
    element_label,
    programs_for_documents,
    source_label,
    term_label,
)
from portal.templatetags.kc_format import rupiah
from regions.models import Region

if TYPE_CHECKING:
    from masterplans.charts import BudgetTable

# The book (PDF)

BOOK_TEMPLATE = Path(__file__).with_name("book.typ")
DASH = "\u2013"
KIND_ORDER = ("strength", "weakness", "opportunity", "threat", "challenge")
KIND_LABELS = {
    "strength": "Kekuatan",
    "weakness": "Kelemahan",
    "opportunity": "Peluang",
    "threat": "Ancaman",
    "challenge": "Tantangan",
}
SECTIONS = [
    "1. Kesiapan dan analisis",
    "2. Visi, misi, sasaran dan strategi",
    "3. Program per dimensi",
    "4. Peta jalan",
    "5. Quick win",
    "6. Anggaran",
    "7. Indikator kinerja (KPI)",
    "8. Konsultasi publik",
]
# A program card or a dimension's analysis of more lines than this (``_lines``, an over-
# estimate) may break across pages; a shorter one is kept on one page. A page holds about 60
# lines of the book's small print: a block that may not break loses what does not fit.
LONG_LINES = 35
# Programs in one roadmap chart: 50 bars and their labels fill most of a page.
ROADMAP_ROWS = 50
# The boxes on the cover: (border, background, text) colours.
DRAFT_COLOURS = ("#9a6b00", "#fff7e0", "#4d3500")
DEMO_COLOURS = ("#b00020", "#fdecee", "#6b0012")


def number_text(value: float | Decimal | None) -> str:
    """12.5 → ``12,5``; 1500.0 → ``1.500``; 12.999 → ``13``; to two decimals, halves up;
    None → a dash."""
    if value is None:
        return DASH
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # not "-0"
    whole, _dot, fraction = f"{rounded:,}".partition(".")
    fraction = fraction.rstrip("0")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")


def amount_text(value: int) -> str:
    """A budget cell in a narrow table, in Rp juta, halves up: ``1.250``; ``<1`` under
    Rp 500.000; a dash for none."""
    if not value:
        return DASH
    if value < 500_000:
        return "<1"
    millions = (Decimal(value) / 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{millions:,}".replace(",", ".")


def billions_text(value: int) -> str:
    """A cell of a table in Rp miliar: ``12,3``; ``<0,1`` for a small amount; a dash for none."""
    if not value:
        return DASH
    if value < 50_000_000:
        return "<0,1"
    return f"{value / 1e9:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def short_source_label(code: str) -> str:
    """``KPBU`` rather than ``KPBU (kerja sama pemerintah dan badan usaha)`` in narrow tables."""
    return source_label(code).split(" (")[0]


def paragraphs(text: str) -> list[str]:
    """Text as typed, in paragraphs at its blank lines; single line breaks stay in them."""
    return [part.strip("\n") for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def _years(start: int, end: int) -> str:
    return f"{start}{DASH}{end}"


def _program_grid(program: Program) -> dict[str, Any]:
    """KPI targets and budget of one program in one table, a column per year of either."""
    kpis = list(program.kpis.all())
    lines = list(program.budget_lines.all())
    years = sorted({t.year for kpi in kpis for t in kpi.targets.all()} | {b.year for b in lines})
    sources = [code for code in FundingSource.values if any(b.source == code for b in lines)]
    cells: dict[tuple[str, int], int] = defaultdict(int)
    for line in lines:
        cells[(line.source, line.year)] += line.amount
    kpi_rows = []
    for kpi in kpis:
        by_year = {t.year: t.value for t in kpi.targets.all()}
        kpi_rows.append(
            {
                "label": f"{kpi.name} ({kpi.unit}), awal {number_text(kpi.baseline)}",
                "figures": [number_text(by_year.get(year)) for year in years],
            }
        )
    total = sum(line.amount for line in lines)
    return {
        "years": [str(year) for year in years],
        "kpis": kpi_rows,
        "budget_title": f"Anggaran (Rp juta), jumlah {rupiah(total)}",
        "budget": [
            {
                "label": short_source_label(source),
                "figures": [amount_text(cells[(source, year)]) for year in years],
            }
            for source in sources
        ],
        "totals": [amount_text(sum(cells[(s, year)] for s in sources)) for year in years]
        if len(sources) > 1
        else None,
    }


def _readiness(region: Region) -> dict[str, Any] | None:
    """The profile per part of the region's latest readiness assessment, if it has one."""
    from readiness.profile import latest_assessment, readiness_profile

    assessment = latest_assessment(region)
    if assessment is None:
        return None
    intro = (
        f"Asesmen kesiapan {assessment.questionnaire.cohort.name}: penilaian mandiri daerah "
        f"dengan bukti, diverifikasi asesor (skala 0{DASH}4)."
    )
    rows = []
    for part in readiness_profile(assessment):
        assessor = "terverifikasi" if part.assessed else "sebagian" if part.scored else DASH
        rows.append(
            [
                capfirst(part.label),
                DASH if part.score is None else formats.localize(part.score),
                DASH if part.percent is None else f"{part.percent}%",
                f"{part.scored} dari {part.items}",
                assessor,
            ]
        )
    return {"intro": intro + (" Data demo." if assessment.is_demo else ""), "rows": rows}


def _analysis_by_dimension(masterplan: Masterplan) -> list[dict[str, Any]]:
    from masterplans.templatetags.masterplan_tags import with_readiness_labels

    items: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for item in with_readiness_labels(masterplan.analysis.all()):
        items[item.dimension][item.kind].append(item)
    return [
        {
            "label": dimension_label(code),
            "long": _lines(*(i.text for kind in items[code].values() for i in kind)) > LONG_LINES,
            "kinds": [
                {
                    "label": KIND_LABELS[kind],
                    "items": [
                        {
                            "text": item.text,
                            "ref": f"kesiapan: {item.readiness_label}"
                            if item.readiness_label
                            else "",
                        }
                        for item in items[code][kind]
                    ],
                }
                for kind in KIND_ORDER
                if items[code].get(kind)
            ],
        }
        for code in Dimension.values
        if code in items
    ]


def _lines(*texts: str | list[str]) -> int:
    """About how many lines of small print ``texts`` take, generously: 80 letters a line where
    the page holds about 110."""
    flat = [t for text in texts for t in ([text] if isinstance(text, str) else text)]
    return sum(1 + len(text) // 80 for text in flat)


def _steps(program: Program) -> list[str]:
    """The action plan as numbered lines."""
    return [
        f"{number}. " + (f"{step.year} \u00b7 " if step.year else "") + step.text
        for number, step in enumerate(program.steps.all(), start=1)
    ]


def _program(program: Program) -> dict[str, Any]:
    meta = [
        ("Elemen", capfirst(element_label(program.element))),
        ("OPD", program.opd or DASH),
        ("Jangka", f"{term_label(program.term)}, {_years(program.start_year, program.end_year)}"),
        ("Sumber dana", source_label(program.funding_source)),
        ("Teknologi", program.technology),
        ("Mitra", program.partners),
        ("Program RPJMD", program.rpjmd_program),
    ]
    answers = program.answers
    description = paragraphs(program.description)
    steps = _steps(program)
    grid = _program_grid(program)
    lines = _lines(
        [f"{label} {value}" for label, value in meta if value], *description, *steps
    ) + 2 * (len(grid["kpis"]) + len(grid["budget"]) + 4)
    return {
        "code": program.code,
        "title": program.title,
        "quick_win": program.is_quick_win,
        "meta": [[label, value] for label, value in meta if value],
        "answers": f"Menjawab {answers.get_kind_display()}: {answers.text}" if answers else "",
        "description": description,
        "steps": steps,
        "grid": grid,
        "long": lines > LONG_LINES,
    }


def _kpi_summary(programs: list[Program], years: list[int]) -> dict[str, Any]:
    """Every KPI of ``programs`` with its baseline and its targets in ``years``."""
    rows = []
    for program in programs:
        for kpi in program.kpis.all():
            by_year = {t.year: t.value for t in kpi.targets.all()}
            rows.append(
                [
                    program.code,
                    f"{kpi.name} ({kpi.unit})",
                    number_text(kpi.baseline),
                    *(number_text(by_year.get(year)) for year in years),
                ]
            )
    return {"header": ["Awal", *(str(year) for year in years)], "rows": rows}


def _rupiah_or_dash(value: int) -> str:
    return rupiah(value) if value else DASH


def book_data(masterplan: Masterplan) -> dict[str, Any]:
    """What the book shows, as text; call under the Indonesian language. A constant number of
    queries."""
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
    n = ROADMAP_ROWS
    for number, code in enumerate(Dimension.values, start=1):
        members = [p for p in programs if p.dimension == code]
        dimensions.append(
            {
                "label": f"3.{number} {dimension_label(code)}",
                "colour": DIMENSION_COLOURS[code],
                # at most ROADMAP_ROWS programs a chart: a chart is an image, which keeps to
                # one page
                "roadmaps": [
                    str(roadmap_svg(masterplan, dimension=code, programs=members[i : i + n]))
                    for i in range(0, len(members), n)
                ],
                "programs": [_program(p) for p in members],
                "kpis": _kpi_summary(members, kpi_years),
            }
        )
    by_source = budget_table(masterplan)
    by_dimension = dimension_budget_table(masterplan)
    region = masterplan.region
    draft = not masterplan.is_public
    marks = [word for word, on in (("DRAF", draft), ("DEMO", masterplan.is_demo)) if on]
    status = str(masterplan.get_status_display())
    period = _years(masterplan.start_year, masterplan.end_year)
    quick_wins = [p for p in programs if p.is_quick_win]
    facts = [
        ("Wilayah", f"{region.name} ({region.code})"),
        ("Periode", f"{period} ({masterplan.period_years} tahun)"),
        ("Edisi", f"{masterplan.edition}, versi {masterplan.version}"),
        ("Status", capfirst(status)),
    ]
    if masterplan.status == "enacted":
        kind = "Perwali" if region.kind == "kota" else "Perbup"
        date = masterplan.regulation_date
        facts.append(
            (
                "Penetapan",
                f"{kind} {masterplan.regulation_number}"
                + (f", {formats.date_format(date)}" if date else ""),
            )
        )
    if masterplan.cohort:
        facts.append(("Angkatan", masterplan.cohort.name))
    printed = formats.date_format(timezone.localtime(), "DATETIME_FORMAT")
    facts += [
        ("Program", f"{len(programs)} program, {len(quick_wins)} quick win"),
        ("Dicetak", f"{printed} WIB"),
    ]
    notices = []
    if draft:
        notices.append(
            _notice(
                "DRAF",
                f"Masterplan ini berstatus {status} dan belum disetujui; "
                "isinya masih dapat berubah.",
                DRAFT_COLOURS,
            )
        )
    if masterplan.is_demo:
        notices.append(
            _notice(
                "DATA DEMO",
                "Masterplan ini adalah contoh demo buatan, bukan dokumen resmi daerah. "
                "Jangan dikutip sebagai rencana sebenarnya.",
                DEMO_COLOURS,
            )
        )
    envelope = masterplan.budget_envelope
    source_headers = [label.split(" (")[0] for _code, label in by_source.columns]
    return {
        "title": masterplan.title,
        "region": region.name,
        "province": region.province.name,
        "program_name": PROGRAM_NAME,
        "subtitle": f"Masterplan Smart City {period}",
        "marks": " \u00b7 ".join(marks),
        "facts": facts,
        "notices": notices,
        "sections": SECTIONS,
        "readiness": _readiness(region),
        "analysis_intro": (
            "Analisis strategis masterplan per dimensi: kekuatan, kelemahan, peluang dan "
            "ancaman (SWOT) serta tantangan daerah. Butir yang berasal dari asesmen kesiapan "
            "(struktur, infrastruktur, suprastruktur) mencantumkan rujukannya."
        ),
        "analysis": _analysis_by_dimension(masterplan),
        "vision": masterplan.vision,
        "missions": [m.text for m in masterplan.missions.all()],
        "targets": [
            {"text": t.text, "dimension": dimension_label(t.dimension) if t.dimension else ""}
            for t in masterplan.targets.all()
        ],
        "strategy": paragraphs(masterplan.strategy),
        "envelope": rupiah(envelope) if envelope is not None else "",
        "programs_intro": (
            f"{len(programs)} program dalam enam dimensi. Setiap program mencantumkan OPD "
            "penanggung jawab, rencana aksi, indikator kinerja dengan target tahunan dan "
            "anggarannya."
        ),
        "program_count": len(programs),
        "dimensions": dimensions,
        "quick_wins": [
            [
                p.code,
                p.title,
                dimension_label(p.dimension),
                p.opd or DASH,
                _years(p.start_year, p.end_year),
                rupiah(sum(line.amount for line in p.budget_lines.all())),
            ]
            for p in quick_wins
        ],
        "budget_intro": f"Perkiraan anggaran seluruh program: {rupiah(by_source.total)}"
        + (f", dengan pagu tahunan {rupiah(envelope)}." if envelope is not None else "."),
        "budget_chart": str(budget_svg(masterplan, table=by_source)),
        "by_source": _written(by_source, "Tahun", source_headers, _rupiah_or_dash, rupiah),
        "by_dimension": _written(
            by_dimension,
            "Rp miliar",
            [label for _code, label in by_dimension.columns],
            billions_text,
            billions_text,
        ),
        "consultation": paragraphs(masterplan.consultation_summary),
    }


def _written(
    table: "BudgetTable",
    corner: str,
    headers: list[str],
    amount: Callable[[int], str],
    total: Callable[[int], str],
) -> dict[str, list[Any]]:
    """A budget table as the book prints it: a heading row, a row per year or dimension with
    its ``amount`` cells and ``total``, and a row of totals."""
    return {
        "header": [corner, *headers, "Jumlah"],
        "rows": [
            [row.label, *(amount(a) for a in row.amounts), total(row.total)] for row in table.rows
        ],
        "footer": ["Jumlah", *(total(a) for a in table.column_totals), total(table.total)],
    }


def _notice(title: str, text: str, colours: tuple[str, str, str]) -> dict[str, str]:
    border, fill, ink = colours
    return {"title": title, "text": text, "border": border, "fill": fill, "ink": ink}


def masterplan_pdf(masterplan: Masterplan, typesetting: Callable[[], None] = lambda: None) -> bytes:
    """The masterplan book, in Indonesian, with the roadmap and budget charts;
    ``typesetting`` is called when its content is gathered and the pages are being set."""
    masterplan = Masterplan.objects.select_related("region__province", "cohort").get(
        pk=masterplan.pk
    )

    def data() -> dict[str, Any]:
        gathered = book_data(masterplan)
        typesetting()
        return gathered

    return render_typst(BOOK_TEMPLATE, "book", data)
