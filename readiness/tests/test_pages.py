from io import BytesIO

import pytest
from openpyxl import load_workbook

from readiness.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(record):  # type: ignore[no-untyped-def]
    record.is_demo = True
    record.save()
    for n, item in enumerate(record.questionnaire.items.all()):
        Answer.objects.create(
            assessment=record,
            item=item,
            self_score=3,
            answer="Ada",
            evidence=f"dok-{n}.pdf",
            assessor_score=n % 5 if n % 4 else None,
            assessor_note="cek",
        )
    return record


def test_the_profile_page_draws_both_bars_per_part_and_lists_gaps(
    login, cohort, scored, viewer
) -> None:  # type: ignore[no-untyped-def]
    response = login(viewer).get(f"/kesiapan/{cohort.pk}/wilayah/32.73/profil/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="bar-own"') == 3 and html.count('class="bar-assessor"') == 3
    assert "badge-demo" in html
    gaps = response.context["gaps"]
    assert gaps and all(g.score < 2 for g in gaps)
    assert [g.gap for g in gaps] == sorted((g.gap for g in gaps), reverse=True)


def test_the_cohort_page_shows_state_and_scores_of_each_region(
    login, cohort, scored, officer
) -> None:  # type: ignore[no-untyped-def]
    response = login(officer).get(f"/kesiapan/{cohort.pk}/")
    row = next(r for r in response.context["rows"] if r["region"].code == "32.73")
    assert row["assessment"] == scored and len(row["profile"]) == 3
    assert "Kota Bandung" in response.content.decode()


def test_the_excel_export_has_the_profile_and_every_answer(login, cohort, scored, owner) -> None:  # type: ignore[no-untyped-def]
    response = login(owner).get(f"/kesiapan/{cohort.pk}/wilayah/32.73/unduh.xlsx")
    assert response.status_code == 200
    assert "kesiapan-2017-32.73.xlsx" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    profile, answers = book.worksheets
    assert profile["A1"].value.startswith("Kota Bandung")
    assert answers.max_row == 1 + 18
    assert {row[7] for row in answers.iter_rows(min_row=2, values_only=True)} == {
        f"dok-{n}.pdf" for n in range(18)
    }
