import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masterplans.charts import (
    budget_svg,
    budget_table,
    dimension_budget_table,
    roadmap_svg,
)
from masterplans.models import BudgetLine, Masterplan, Program
from masterplans.tests.factories import make_masterplan, make_program

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def bigger_masterplan() -> Masterplan:
    masterplan = make_masterplan()
    make_program(masterplan, "economy", 2, start_year=2029, end_year=2034, is_quick_win=False)
    program = make_program(masterplan, "living", 2, end_year=2036, is_quick_win=False)
    BudgetLine.objects.create(program=program, year=2030, amount=2_000_000_000, source="kpbu")
    BudgetLine.objects.create(program=program, year=2031, amount=750_000_000, source="csr")
    return masterplan


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own markup


def test_the_roadmap_has_one_bar_per_program_grouped_by_dimension() -> None:
    masterplan = bigger_masterplan()
    root = parse(roadmap_svg(masterplan))
    bars = root.findall(f".//{SVG}g[@class='bar']")
    assert len(bars) == Program.objects.filter(masterplan=masterplan).count() == 8
    tips = [bar.find(f"{SVG}title").text for bar in bars]
    assert tips[0].startswith("GOV-01 ") and "quick win" in tips[0]
    assert any(t.startswith("ECO-02 ") and t.endswith(": 2029–2034") for t in tips)
    # ECO-01 and ECO-02 sit together, after the governance program.
    order = [t.split()[0] for t in tips]
    assert order == ["GOV-01", "BRA-01", "ECO-01", "ECO-02", "LIV-01", "LIV-02", "SOC-01", "ENV-01"]


def test_the_roadmap_bar_spans_the_programs_years() -> None:
    masterplan = bigger_masterplan()
    root = parse(roadmap_svg(masterplan))
    widths = {
        bar.find(f"{SVG}title").text.split()[0]: float(bar.find(f"{SVG}rect").get("width"))
        for bar in root.findall(f".//{SVG}g[@class='bar']")
    }
    # two years, six years, ten years
    assert widths["ECO-02"] == pytest.approx((widths["GOV-01"] + 4) * 3 - 4, abs=0.2)
    assert widths["LIV-02"] == pytest.approx((widths["GOV-01"] + 4) * 5 - 4, abs=0.2)


def test_the_roadmap_is_accessible_and_marks_quick_wins() -> None:
    masterplan = bigger_masterplan()
    svg = roadmap_svg(masterplan)
    root = parse(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "8 program dalam 6 dimensi, 6 di antaranya quick win" in desc.text
    assert "ECO-02 Program economy 2 (2029–2034)" in desc.text
    quick_win_markers = root.findall(f".//{SVG}g[@class='bar']/{SVG}polygon")
    assert len(quick_win_markers) == 6
    assert "<script" not in svg


def test_one_dimension_of_the_roadmap() -> None:
    masterplan = bigger_masterplan()
    root = parse(roadmap_svg(masterplan, dimension="economy"))
    assert len(root.findall(f".//{SVG}g[@class='bar']")) == 2
    assert "Smart Economy" in root.find(f"{SVG}title").text


def test_text_in_the_charts_is_escaped() -> None:
    masterplan = make_masterplan(title='Masterplan <b>"Kota"</b> & co')
    make_program(masterplan, "economy", 2, title="<script>alert(1)</script>")
    for svg in (roadmap_svg(masterplan), budget_svg(masterplan)):
        assert "<script>" not in svg and "<b>" not in svg
        parse(svg)


def test_the_budget_table_sums_equal_the_direct_sums() -> None:
    masterplan = bigger_masterplan()
    lines = list(BudgetLine.objects.filter(program__masterplan=masterplan))
    table = budget_table(masterplan)
    assert [code for code, _label in table.columns] == ["apbd", "kpbu", "csr"]
    assert [row.label for row in table.rows] == [str(y) for y in range(2027, 2037)]
    assert table.total == sum(line.amount for line in lines)
    for row in table.rows:
        assert row.total == sum(line.amount for line in lines if str(line.year) == row.key)
        for (code, _label), amount in zip(table.columns, row.amounts, strict=True):
            assert amount == sum(
                line.amount for line in lines if str(line.year) == row.key and line.source == code
            )
    for index, (code, _label) in enumerate(table.columns):
        assert table.column_totals[index] == sum(
            line.amount for line in lines if line.source == code
        )

    by_dimension = dimension_budget_table(masterplan)
    assert by_dimension.total == table.total
    living = next(row for row in by_dimension.rows if row.key == "living")
    assert living.total == sum(line.amount for line in lines if line.program.dimension == "living")


def test_a_budget_line_outside_the_period_still_counts() -> None:
    masterplan = make_masterplan()
    program = masterplan.programs.first()
    BudgetLine.objects.create(program=program, year=2040, amount=7, source="apbd")
    table = budget_table(masterplan)
    assert table.rows[-1].label == "2040" and table.rows[-1].total == 7


def test_the_budget_chart_stacks_a_segment_per_year_and_source() -> None:
    masterplan = bigger_masterplan()
    root = parse(budget_svg(masterplan))
    segments = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    table = budget_table(masterplan)
    assert len(segments) == sum(1 for row in table.rows for amount in row.amounts if amount)
    tips = {rect.find(f"{SVG}title").text for rect in segments}
    assert "2030 · KPBU: Rp 2 miliar" in tips
    desc = root.find(f"{SVG}desc").text
    assert "Pagu tahunan Rp 10 miliar." in desc
    # the segments of a year stack to its total
    heights: dict[str, float] = {}
    for rect in segments:
        year = rect.find(f"{SVG}title").text.split()[0]
        heights[year] = heights.get(year, 0) + float(rect.get("height"))
    scale = heights["2027"] / table.rows[0].total
    assert heights["2030"] == pytest.approx(table.rows[3].total * scale, rel=1e-3)


def test_the_charts_take_a_constant_number_of_queries() -> None:
    masterplan = make_masterplan()
    with CaptureQueriesContext(connection) as small:
        roadmap_svg(masterplan)
        budget_svg(masterplan)
    for number in range(2, 12):
        make_program(masterplan, "society", number)
    with CaptureQueriesContext(connection) as large:
        roadmap_svg(masterplan)
        budget_svg(masterplan)
    assert len(large) == len(small) == 2


def test_an_empty_masterplan_still_draws() -> None:
    masterplan = make_masterplan()
    masterplan.programs.all().delete()
    assert "Belum ada program." in roadmap_svg(masterplan)
    svg = budget_svg(masterplan)
    assert "Belum ada anggaran." in svg
    assert re.search(r'height="\d+"', svg)


def test_the_charts_speak_the_readers_language() -> None:
    from django.utils import translation

    masterplan = make_masterplan()  # with a yearly envelope of Rp 10 miliar
    with translation.override("en"):
        roadmap, budget = roadmap_svg(masterplan), budget_svg(masterplan)
    assert "Roadmap of " in roadmap and "Peta jalan" not in roadmap
    assert "Budget per year by funding source" in budget and "yearly envelope" in budget
    assert "pagu" not in budget
    with translation.override("id"):
        roadmap, budget = roadmap_svg(masterplan), budget_svg(masterplan)
    assert "Peta jalan " in roadmap and "pagu tahunan Rp 10 miliar" in budget
