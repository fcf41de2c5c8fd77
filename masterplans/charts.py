"""The masterplan's roadmap and budget as server-side SVG, and the budget table behind them.

Plain SVG strings, no script and no chart library, so the same markup serves the page and the
PDF book (Typst draws SVG itself). Every chart carries a <title> and a <desc> that says in
words what the picture shows; the budget table is the full text alternative of the budget chart.
Colours come from the Okabe-Ito palette: distinct for colour-blind readers and in grey print.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kotacerdas.xmltext import xml_text
from masterplans.models import BudgetLine, Dimension, FundingSource, Masterplan, Program
from portal.templatetags.kc_format import rupiah

DIMENSION_COLOURS: dict[str, str] = {
    Dimension.GOVERNANCE: "#0072B2",
    Dimension.BRANDING: "#CC79A7",
    Dimension.ECONOMY: "#E69F00",
    Dimension.LIVING: "#D55E00",
    Dimension.SOCIETY: "#56B4E9",
    Dimension.ENVIRONMENT: "#009E73",
}
SOURCE_COLOURS: dict[str, str] = {
    FundingSource.APBD: "#0B4A8B",
    FundingSource.APBN: "#E69F00",
    FundingSource.DAK: "#009E73",
    FundingSource.KPBU: "#CC79A7",
    FundingSource.CSR: "#D55E00",
    FundingSource.PRIVATE: "#56B4E9",
    FundingSource.OTHER: "#8C8C8C",
}
TEXT = "#1b1f24"
MUTED = "#5b6570"
GRID = "#cfd6df"
FONT = "DejaVu Sans, Verdana, sans-serif"
DASH = "\u2013"


# The budget table


@dataclass(frozen=True)
class BudgetRow:
    key: str  # the year (as text) or the dimension code
    label: str
    amounts: list[int]  # one per column
    total: int


@dataclass(frozen=True)
class BudgetTable:
    """Rows (years or dimensions) × columns (funding sources or years), with totals."""

    columns: list[tuple[str, str]]  # (code, label)
    rows: list[BudgetRow]
    column_totals: list[int]
    total: int

    @property
    def labelled_rows(self) -> list[tuple[BudgetRow, list[tuple[str, int]]]]:
        """Each row with its amounts beside their column's label (a phone shows a row as a
        card, each amount under its label)."""
        labels = [label for _code, label in self.columns]
        return [(row, list(zip(labels, row.amounts, strict=True))) for row in self.rows]

    @property
    def labelled_totals(self) -> list[tuple[str, int]]:
        return list(zip([label for _code, label in self.columns], self.column_totals, strict=True))


def _table(
    cells: dict[tuple[str, str], int],
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
) -> BudgetTable:
    body = []
    for key, label in rows:
        amounts = [cells.get((key, column), 0) for column, _label in columns]
        body.append(BudgetRow(key, label, amounts, sum(amounts)))
    column_totals = [sum(row.amounts[i] for row in body) for i in range(len(columns))]
    return BudgetTable(columns, body, column_totals, sum(column_totals))


def _years(masterplan: Masterplan, found: set[int]) -> list[int]:
    """The masterplan's years, plus any year a budget line strays into (so totals still add up)."""
    return sorted(set(masterplan.years) | found)


def budget_table(masterplan: Masterplan) -> BudgetTable:
    """Year × funding source, in Rupiah: one aggregate query."""
    sums = (
        BudgetLine.objects.filter(program__masterplan=masterplan)
        .values_list("year", "source")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    cells: dict[tuple[str, str], int] = {}
    years: set[int] = set()
    sources: set[str] = set()
    for year, source, amount in sums:
        cells[(str(year), source)] = int(amount or 0)
        years.add(year)
        sources.add(source)
    columns = [(code, str(label)) for code, label in FundingSource.choices if code in sources]
    columns += [(code, code) for code in sorted(sources - set(FundingSource.values))]
    rows = [(str(year), str(year)) for year in _years(masterplan, years)]
    return _table(cells, rows, columns)


def dimension_budget_table(masterplan: Masterplan) -> BudgetTable:
    """Dimension × year, in Rupiah: one aggregate query."""
    sums = (
        BudgetLine.objects.filter(program__masterplan=masterplan)
        .values_list("program__dimension", "year")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    cells: dict[tuple[str, str], int] = {}
    years: set[int] = set()
    for dimension, year, amount in sums:
        cells[(dimension, str(year))] = int(amount or 0)
        years.add(year)
    columns = [(str(year), str(year)) for year in _years(masterplan, years)]
    rows = [(code, str(label)) for code, label in Dimension.choices]
    return _table(cells, rows, columns)


# SVG helpers


def _escape(value: Any) -> str:
    """Escaped for SVG, without the control characters XML cannot hold (a chart with one is
    refused by the PDF book's typesetter)."""
    return escape(xml_text(str(value)))


def _attrs(values: dict[str, Any]) -> str:
    return " ".join(f'{name.replace("_", "-")}="{_escape(v)}"' for name, v in values.items())


def _svg_open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kc-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="10" fill="{TEXT}">',
        f'<title id="{chart_id}-title">{_escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{_escape(desc)}</desc>',
    ]


def _text(x: float, y: float, content: str, **attrs: Any) -> str:
    extra = (" " + _attrs(attrs)) if attrs else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{_escape(content)}</text>'


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _diamond(cx: float, cy: float, r: float, colour: str) -> str:
    points = (
        f"{cx:.1f},{cy - r:.1f} {cx + r:.1f},{cy:.1f} {cx:.1f},{cy + r:.1f} {cx - r:.1f},{cy:.1f}"
    )
    return f'<polygon points="{points}" fill="{colour}" stroke="{TEXT}" stroke-width="0.8"/>'


def _legend(
    items: list[tuple[str, str]], y: float, width: int, left: float, quick_win: bool = False
) -> tuple[list[str], float]:
    """Swatches in rows that wrap at ``width``; the markup and the height it takes."""
    parts, x, row_y = [], left, y
    entries: list[tuple[str, str | None]] = [(label, colour) for label, colour in items]
    if quick_win:
        entries.append(("quick win", None))
    for label, colour in entries:
        span = 22 + 6.2 * len(label)
        if x + span > width and x > left:
            x, row_y = left, row_y + 16
        if colour is None:
            parts.append(_diamond(x + 5, row_y - 3.5, 5, "#ffffff"))
        else:
            parts.append(
                f'<rect x="{x:.1f}" y="{row_y - 9:.1f}" width="11" height="11" fill="{colour}" '
                f'stroke="{TEXT}" stroke-width="0.4"/>'
            )
        parts.append(_text(x + 15, row_y, label))
        x += span + 10
    return parts, row_y - y + 16


# The roadmap


def roadmap_programs(masterplan: Masterplan, dimension: str | None = None) -> list[Program]:
    """Programs in dimension order, then by position: one query."""
    programs = masterplan.programs.only(
        "masterplan",
        "code",
        "title",
        "dimension",
        "start_year",
        "end_year",
        "is_quick_win",
        "position",
    )
    if dimension:
        programs = programs.filter(dimension=dimension)
    order = {code: i for i, code in enumerate(Dimension.values)}
    return sorted(programs, key=lambda p: (order.get(p.dimension, 99), p.position, p.code))


def _period(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}{DASH}{end}"


def roadmap_svg(
    masterplan: Masterplan,
    *,
    dimension: str | None = None,
    programs: list[Program] | None = None,
    width: int = 760,
) -> SafeString:
    """A Gantt-like chart over the masterplan's years: a bar per program, grouped by dimension.

    ``dimension`` keeps one dimension (the book prints one chart per dimension so that each fits
    a page); ``programs`` skips the query when the caller has them already.
    """
    if programs is None:
        programs = roadmap_programs(masterplan, dimension)
    elif dimension:
        programs = [p for p in programs if p.dimension == dimension]
    years = list(masterplan.years)
    label_width, top, row, group_gap = 250, 26, 16, 22
    year_width = (width - label_width - 8) / len(years)
    groups: dict[str, list[Program]] = defaultdict(list)
    for program in programs:
        groups[program.dimension].append(program)
    labels = dict(Dimension.choices)
    chart_id = f"roadmap-{masterplan.pk}-{dimension or 'all'}"
    period = _period(years[0], years[-1])
    title = (
        _("Roadmap of %(dimension)s, %(masterplan)s, %(period)s")
        % {"dimension": labels[dimension], "masterplan": masterplan.title, "period": period}
        if dimension in labels
        else _("Roadmap of %(masterplan)s, %(period)s")
        % {"masterplan": masterplan.title, "period": period}
    )
    quick = [p for p in programs if p.is_quick_win]
    desc_parts = [
        _(
            "%(programs)s programs in %(dimensions)s dimensions, %(quick)s of them quick wins. "
            "Each bar runs from the program's start year to its end year."
        )
        % {"programs": len(programs), "dimensions": len(groups), "quick": len(quick)}
    ]
    for code, group in groups.items():
        items = "; ".join(
            f"{p.code} {p.title} ({_period(p.start_year, p.end_year)}"
            + (", quick win" if p.is_quick_win else "")
            + ")"
            for p in group
        )
        desc_parts.append(f"{labels.get(code, code)}: {items}.")
    body_height = sum(group_gap + row * len(g) for g in groups.values()) or row * 2
    legend_items = [
        (str(labels.get(code, code)), DIMENSION_COLOURS.get(code, MUTED)) for code in groups
    ]
    legend, legend_height = _legend(legend_items, 0, width, 0, quick_win=bool(quick))
    height = int(top + body_height + 14 + legend_height)
    parts = _svg_open(chart_id, width, height, title, " ".join(desc_parts))

    plot_bottom = top + body_height
    for index, year in enumerate(years):
        x = label_width + index * year_width
        if index % 2 == 0:
            parts.append(
                f'<rect x="{x:.1f}" y="{top - 4}" width="{year_width:.1f}" '
                f'height="{body_height + 4}" fill="#f1f4f8"/>'
            )
        parts.append(
            _text(x + year_width / 2, top - 10, str(year), text_anchor="middle", font_weight="bold")
        )
    parts.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{width - 8}" y2="{top - 4}" '
        f'stroke="{MUTED}" stroke-width="0.8"/>'
    )
    if not programs:
        parts.append(_text(label_width + 8, top + 18, _("No program yet."), fill=MUTED))

    y = float(top)
    first, last = years[0], years[-1]
    for code, group in groups.items():
        colour = DIMENSION_COLOURS.get(code, MUTED)
        y += group_gap
        parts.append(
            _text(
                0,
                y - 6,
                str(labels.get(code, code)),
                font_weight="bold",
                font_size="11",
                fill=colour,
            )
        )
        parts.append(
            f'<line x1="0" y1="{y - 2:.1f}" x2="{width - 8}" y2="{y - 2:.1f}" '
            f'stroke="{colour}" stroke-width="1"/>'
        )
        for program in group:
            label = f"{program.code}  {_shorten(program.title, 34)}"
            parts.append(_text(4, y + 11, label, font_size="9"))
            start = min(max(program.start_year, first), last)
            end = max(min(program.end_year, last), start)
            x = label_width + (start - first) * year_width + 2
            bar = (end - start + 1) * year_width - 4
            tip = f"{program.code} {program.title}: {_period(program.start_year, program.end_year)}"
            if program.is_quick_win:
                tip += ", quick win"
            parts.append(
                f'<g class="bar"><title>{_escape(tip)}</title>'
                f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="{bar:.1f}" height="{row - 6}" '
                f'rx="2" fill="{colour}"'
                + (f' stroke="{TEXT}" stroke-width="1.2"' if program.is_quick_win else "")
                + "/>"
                + (
                    _diamond(x + bar + 0.5, y + row / 2, 5, "#ffffff")
                    if program.is_quick_win
                    else ""
                )
                + "</g>"
            )
            y += row
    parts.append(f'<g transform="translate(0 {plot_bottom + 22:.1f})">')
    parts += legend
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through _escape()


# Budget by year


def _nice_step(top: float, ticks: int = 5) -> int:
    """A round axis step (1, 2, 2.5 or 5 × 10^n) giving at most ``ticks`` steps up to ``top``."""
    if top <= 0:
        return 1
    rough = Decimal(top) / ticks
    power = Decimal(10) ** (len(str(int(rough))) - 1)
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if power * factor >= rough:
            return int(power * factor)
    return int(power * 10)


def budget_svg(
    masterplan: Masterplan, *, table: BudgetTable | None = None, width: int = 760
) -> SafeString:
    """Planned budget per year as bars stacked by funding source, with the yearly envelope."""
    if table is None:
        table = budget_table(masterplan)
    left, top, plot_height, right = 96, 24, 210, 8
    envelope = masterplan.budget_envelope
    highest = max([row.total for row in table.rows] + [envelope or 0, 0])
    step = _nice_step(highest)
    axis_top = step * max(1, -(-highest // step))
    column = (width - left - right) / max(1, len(table.rows))
    bar = min(44.0, column * 0.62)
    chart_id = f"budget-{masterplan.pk}"
    years = [row.label for row in table.rows]
    title = _("Budget per year by funding source, %(masterplan)s") % {
        "masterplan": masterplan.title
    }
    desc = (
        _("Total %(amount)s in %(period)s. ")
        % {"amount": rupiah(table.total), "period": f"{years[0]}{DASH}{years[-1]}"}
        if years
        else _("No budget yet. ")
    ) + " ".join(
        f"{row.label}: {rupiah(row.total)}"
        + (
            " ("
            + ", ".join(
                f"{label} {rupiah(amount)}"
                for (_code, label), amount in zip(table.columns, row.amounts, strict=True)
                if amount
            )
            + ")"
            if row.total
            else ""
        )
        + "."
        for row in table.rows
    )
    if envelope is not None:
        desc += " " + _("Yearly budget envelope %(amount)s.") % {"amount": rupiah(envelope)}
    legend_items = [(label, SOURCE_COLOURS.get(code, MUTED)) for code, label in table.columns]
    legend, legend_height = _legend(legend_items, 0, width, left)
    height = int(top + plot_height + 40 + legend_height)
    parts = _svg_open(chart_id, width, height, title, desc)
    bottom = top + plot_height

    def y_of(amount: float) -> float:
        return bottom - plot_height * amount / axis_top

    for tick in range(0, axis_top + 1, step):
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="{1 if tick == 0 else 0.5}"/>'
        )
        parts.append(
            _text(
                left - 6,
                y + 3.5,
                rupiah(tick) if tick else "0",
                text_anchor="end",
                font_size="9",
                fill=MUTED,
            )
        )
    for index, row in enumerate(table.rows):
        centre = left + column * (index + 0.5)
        x = centre - bar / 2
        base = 0
        for (code, label), amount in zip(table.columns, row.amounts, strict=True):
            if not amount:
                continue
            y_top, y_base = y_of(base + amount), y_of(base)
            parts.append(
                f'<rect x="{x:.1f}" y="{y_top:.1f}" width="{bar:.1f}" '
                f'height="{y_base - y_top:.2f}" '
                f'fill="{SOURCE_COLOURS.get(code, MUTED)}" stroke="#ffffff" stroke-width="0.5">'
                f"<title>{_escape(f'{row.label} · {label}: {rupiah(amount)}')}</title></rect>"
            )
            base += amount
        if row.total:
            parts.append(
                _text(
                    centre,
                    y_of(row.total) - 4,
                    _short_rupiah(row.total),
                    text_anchor="middle",
                    font_size="8",
                )
            )
        parts.append(_text(centre, bottom + 14, row.label, text_anchor="middle"))
    if envelope is not None:
        y = y_of(envelope)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{TEXT}" '
            f'stroke-width="1" stroke-dasharray="5 3"/>'
        )
        parts.append(
            _text(
                width - right,
                y - 4,
                _("yearly envelope %(amount)s") % {"amount": rupiah(envelope)},
                text_anchor="end",
                font_size="8",
            )
        )
    if not table.total:
        parts.append(_text(left + 10, top + plot_height / 2, _("No budget yet."), fill=MUTED))
    parts.append(f'<g transform="translate(0 {bottom + 36:.1f})">')
    parts += legend
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through _escape()


def _short_rupiah(amount: int) -> str:
    """``Rp 1,2 miliar`` without the currency, to sit on top of a narrow bar."""
    return rupiah(amount).removeprefix("Rp ")
