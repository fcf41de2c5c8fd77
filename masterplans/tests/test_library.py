import pytest
from django.test import Client

from masterplans.library import search_programs, similar_programs
from masterplans.tests.factories import make_masterplan, make_program

pytestmark = pytest.mark.django_db


def test_the_library_searches_every_word_over_published_programs_only(client: Client) -> None:
    public = make_masterplan("32.75", status="enacted")
    make_program(public, "environment", 2, title="Bank sampah digital", technology="aplikasi QR")
    draft = make_masterplan("32.73")
    make_program(draft, "environment", 2, title="Bank sampah keliling")
    assert [p.title for p in search_programs("sampah digital", {})] == ["Bank sampah digital"]
    assert [p.title for p in search_programs("BANK  qr", {})] == ["Bank sampah digital"]
    assert search_programs("sampah", {"dimension": "living"}).count() == 0
    assert search_programs("bekasi sampah", {}).count() == 1  # the region's name counts too
    response = client.get("/masterplan/program/?q=sampah")
    assert response.context["page"].paginator.count == 1
    assert "Bank sampah keliling" not in response.content.decode()


def test_the_library_downloads_what_it_found_with_budgets(client: Client) -> None:
    import csv
    import io

    public = make_masterplan("32.75", status="enacted")
    make_program(public, "environment", 2, title="Bank sampah digital")
    response = client.get("/masterplan/program/?q=sampah&unduh=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert rows[0][:3] == ["Wilayah", "Kode", "Program"]
    assert [row[2] for row in rows[1:]] == ["Bank sampah digital"]
    program = public.programs.get(title="Bank sampah digital")
    total = sum(line.amount for line in program.budget_lines.all())
    assert total > 0 and rows[1][-1] == str(total)
    page = client.get("/masterplan/program/?q=sampah").content.decode()
    assert 'data-testid="export"' in page


def test_the_library_lists_the_programs_behind_a_years_budget_and_keeps_the_filter(
    client: Client,
) -> None:
    from masterplans.models import BudgetLine
    from monitoring.models import ProgressReport

    old = make_masterplan("32.75", status="enacted")
    current = make_masterplan("32.75", status="approved", edition=2, previous=old)
    program = current.programs.get(code="GOV-01")
    BudgetLine.objects.create(program=program, year=2030, amount=700_000_000, source="apbn")
    ProgressReport.objects.create(program=program, year=2030, quarter=1, budget_realised=90)
    ProgressReport.objects.create(program=program, year=2030, quarter=2, budget_realised=10)

    planned = client.get("/masterplan/program/?edition=current&budget_year=2030")
    realised = client.get("/masterplan/program/?edition=current&realised_year=2030")
    every_edition = client.get("/masterplan/program/?budget_year=2027")

    assert [p.pk for p in planned.context["page"]] == [program.pk]
    assert planned.context["year_total"] == 700_000_000
    assert [p.pk for p in realised.context["page"]] == [program.pk]
    assert realised.context["year_total"] == 100
    assert every_edition.context["page"].paginator.count == 12  # both editions' programs
    page = planned.content.decode()
    assert '<input type="hidden" name="budget_year" value="2030">' in page
    assert '<input type="hidden" name="edition" value="current">' in page
    assert 'data-testid="library-scope"' in page


def test_similar_programs_share_the_element_and_words_in_other_regions() -> None:
    own = make_masterplan("32.73", status="approved")
    program = make_program(own, "environment", 2, element="waste", title="Bank sampah digital")
    other = make_masterplan("32.75", status="approved")
    near = make_program(other, "environment", 2, element="waste", title="Bank sampah warga")
    far = make_program(other, "environment", 3, element="waste", title="Pengolahan lindi TPA")
    make_program(other, "environment", 4, element="energy", title="Bank sampah energi")
    found = similar_programs(program)
    assert [item["program"] for item in found][:2] == [near, far]
    assert found[0]["shared"] == ["bank", "sampah"]
    assert all(item["program"].masterplan.region.code != "32.73" for item in found)


def test_a_similar_program_is_found_behind_hundreds_of_unrelated_ones() -> None:
    from masterplans.library import SIMILAR_CANDIDATES
    from masterplans.models import Program

    own = make_masterplan("32.73", status="approved")
    program = make_program(own, "environment", 2, element="waste", title="Bank sampah digital")
    other = make_masterplan("32.75", status="approved")
    Program.objects.bulk_create(
        Program(
            masterplan=other,
            code=f"ENV-{number:03d}",
            dimension="environment",
            element="waste",
            title=f"Pengelolaan lindi {number}",
            start_year=other.start_year,
            end_year=other.start_year,
            position=number,
        )
        for number in range(10, 10 + SIMILAR_CANDIDATES + 20)
    )
    match = make_program(other, "environment", 999, element="waste", title="Bank sampah warga")
    found = similar_programs(program)
    assert found[0]["program"] == match and found[0]["shared"] == ["bank", "sampah"]
    assert len(found) == 5  # the others fill in
