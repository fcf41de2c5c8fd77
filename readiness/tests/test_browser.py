"""The readiness pages in Debian's Chromium: the profile chart draws, and axe finds nothing
serious on the profile, cohort, questionnaire and item pages."""

import pytest

from portal.tests.browser import BROWSER_TEST, assert_accessible

pytest_plugins = ["portal.tests.browser"]
pytestmark = BROWSER_TEST


@pytest.fixture
def scored_bandung(registry_committed):  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from readiness.defaults import questionnaire_for
    from readiness.models import Answer, Assessment
    from regions.models import Region
    from selection.models import SelectionRound

    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    record = Assessment.objects.create(
        region=Region.objects.get(code="32.73"),
        questionnaire=questionnaire_for(cohort),
        is_demo=True,
    )
    for n, item in enumerate(record.questionnaire.items.all()):
        Answer.objects.create(
            assessment=record,
            item=item,
            self_score=(n % 3) + 2,
            assessor_score=(n % 4) if n % 6 else None,
            assessor_note="Diverifikasi dalam wawancara.",
        )
    return cohort


def test_the_profile_chart_draws_and_the_pages_are_accessible(  # type: ignore[no-untyped-def]
    page_as, officer, scored_bandung, tmp_path
) -> None:
    cohort = scored_bandung
    page = page_as(officer, bypass_csp=True, viewport={"width": 1280, "height": 1100})
    assert page.goto(f"/kesiapan/{cohort.pk}/wilayah/32.73/profil/").ok
    chart = page.get_by_test_id("profile-chart")
    assert chart.is_visible(), "the profile chart is not shown"
    widths = [
        float(w)
        for w in chart.locator("rect").evaluate_all("r => r.map(x => x.width.baseVal.value)")
    ]
    assert len(widths) == 6 and all(w > 0 for w in widths), widths
    page.screenshot(path=tmp_path / "profil.png", full_page=True)
    assert_accessible(page)
    item = cohort.questionnaire.items.first()
    for path in (
        f"/kesiapan/{cohort.pk}/",
        f"/kesiapan/{cohort.pk}/butir/",
        f"/kesiapan/{cohort.pk}/butir/{item.pk}/ubah/",
    ):
        assert page.goto(path).ok, path
        assert_accessible(page)
