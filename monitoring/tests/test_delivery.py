"""The national delivery ranking: its arithmetic against a hand-worked example, the facts read
from the database, the stored ranking per quarter, the command, the page and the API."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from masterplans.tests.factories import make_masterplan
from monitoring.delivery import (
    WEIGHTS,
    Facts,
    parse_period,
    parts_of,
    planned_so_far,
    rank,
)
from monitoring.delivery_data import region_facts
from monitoring.models import DeliveryRanking, DeliveryScore, ProgramStage, ProgressReport
from monitoring.services import RankingNotDue, delivery_ranking_compute
from monitoring.tests.factories import stored

WIB = ZoneInfo("Asia/Jakarta")


def test_the_ranking_matches_a_hand_worked_example() -> None:
    """Weights 40 (stages on time), 30 (realisation), 30 (reports on time).

    32.71: stages 2 of 3 on time = 0.6667; realised 800 of 1000 million = 0.8;
           reports 8 of 8 = 1.
           score = (40 × 2/3 + 30 × 0.8 + 30 × 1) / 100 × 100 = 26.667 + 24 + 30 = 80.667
           → 80.67
    32.73: stages 4 of 4 = 1; realised 600 of 500 million = 1.2, capped at 1;
           reports 3 of 6 = 0.5.
           score = 40 + 30 + 15 = 85.00
    32.75: no stage due: the part is left out and 30 + 30 weigh the rest;
           realised 300 of 750 million = 0.4; reports 3 of 4 = 0.75.
           score = (30 × 0.4 + 30 × 0.75) / 60 × 100 = (12 + 22.5) / 60 × 100 = 57.50
    Ranks: 32.73 first (85.00), 32.71 second (80.67), 32.75 third (57.50).
    """
    facts = [
        Facts("32.71", 3, 2, 1_000_000_000, 800_000_000, 8, 8),
        Facts("32.73", 4, 4, 500_000_000, 600_000_000, 6, 3),
        Facts("32.75", 0, 0, 750_000_000, 300_000_000, 4, 3),
    ]
    placed = rank(facts)
    assert [(p.facts.region, p.rank, p.score) for p in placed] == [
        ("32.73", 1, Decimal("85.00")),
        ("32.71", 2, Decimal("80.67")),
        ("32.75", 3, Decimal("57.50")),
    ]
    assert placed[0].parts == {
        "on_time": Decimal(1),
        "realisation": Decimal(1),
        "punctuality": Decimal("0.5"),
    }
    assert placed[2].parts["on_time"] is None
    assert WEIGHTS == {"on_time": 40, "realisation": 30, "punctuality": 30}


def test_equal_scores_share_a_rank_listed_by_code_and_the_next_is_skipped() -> None:
    same = {"stages_due": 2, "stages_on_time": 1, "reports_due": 4, "reports_on_time": 4}
    placed = rank(
        [
            Facts("32.75", **same),  # 100 × (40 × 0.5 + 30 × 1) / 70 = 71.43
            Facts("32.71", **same),
            Facts("32.01", reports_due=4, reports_on_time=1),  # 25.00
            Facts("32.02"),  # nothing due: not ranked
        ]
    )
    assert [(p.facts.region, p.rank, str(p.score)) for p in placed] == [
        ("32.71", 1, "71.43"),
        ("32.75", 1, "71.43"),
        ("32.01", 3, "25.00"),
    ]


def test_a_region_with_no_plan_has_no_realisation_part() -> None:
    assert parts_of(Facts("32.73", realised=5, reports_due=1))["realisation"] is None


def test_a_quarter_counts_a_quarter_of_the_years_plan_rounded_to_the_rupiah() -> None:
    assert planned_so_far(3_000_000_000, 2) == 1_500_000_000
    assert planned_so_far(10, 1) == 3  # 2.5 rounded half up
    assert planned_so_far(9, 1) == 2  # 2.25
    assert planned_so_far(7, 4) == 7


def test_a_period_is_a_year_and_a_quarter() -> None:
    assert parse_period("2027-Q2") == (2027, 2)
    assert parse_period("2027-Q5") is None
    assert parse_period("2027Q2") is None


def reported(program, quarter: int, on: datetime, realised: int | None) -> None:  # type: ignore[no-untyped-def]
    report = ProgressReport.objects.create(
        program=program, year=2027, quarter=quarter, status="on_track", budget_realised=realised
    )
    ProgressReport.objects.filter(pk=report.pk).update(reported_at=on)


@pytest.fixture
def bandung_in_2027(db):  # type: ignore[no-untyped-def]
    """Kota Bandung's approved masterplan: six programs of 2027-2028, 500 million a year each.

    By the end of Q2 2027 (the stretch 1 January-30 June):
    - GOV-01's stages: planned by 1 Feb (reached 25 Jan: on time), tender by 30 Apr (reached
      10 May: late), contract by 15 Jun (not reached: late), build by 1 Sep (not due yet):
      3 stages due, 1 on time.
    - ECO-01 was dropped in December 2026: it owes nothing in 2027.
    - Reports due: 5 programs × 2 quarters = 10. GOV-01's Q1 on 10 April and LIV-01's Q1 on
      15 April at 22:00 WIB (the due day) are on time; GOV-01's Q2 on 20 July is late (due
      15 July); SOC-01's Q1 at 20:00 UTC on 15 April is already 16 April in Bandung: late.
      2 of 10 on time.
    - Planned: 5 × 500 million for the year, half of it by the end of Q2 = 1,250 million;
      realised 200 + 300 + 100 + 0 = 600 million: 0.48.
    score = 40 × 1/3 + 30 × 0.48 + 30 × 0.2 = 13.333 + 14.4 + 6 = 33.73
    """
    masterplan = make_masterplan(status="approved")
    programs = {p.code: p for p in masterplan.programs.all()}
    gov = programs["GOV-01"]
    for stage, planned, actual in [
        ("planned", date(2027, 2, 1), date(2027, 1, 25)),
        ("tender", date(2027, 4, 30), date(2027, 5, 10)),
        ("contract", date(2027, 6, 15), None),
        ("build", date(2027, 9, 1), None),
    ]:
        ProgramStage.objects.create(
            program=gov, stage=stage, planned_date=planned, actual_date=actual
        )
    ProgramStage.objects.create(
        program=programs["ECO-01"], stage="dropped", actual_date=date(2026, 12, 1)
    )
    reported(gov, 1, datetime(2027, 4, 10, 9, tzinfo=WIB), 200_000_000)
    reported(gov, 2, datetime(2027, 7, 20, 9, tzinfo=WIB), 300_000_000)
    reported(programs["LIV-01"], 1, datetime(2027, 4, 15, 22, tzinfo=WIB), 100_000_000)
    reported(programs["SOC-01"], 1, datetime(2027, 4, 15, 20, tzinfo=ZoneInfo("UTC")), None)
    # Reported on time, but of a dropped program: not counted.
    reported(programs["ECO-01"], 1, datetime(2027, 4, 1, 9, tzinfo=WIB), 50_000_000)
    make_masterplan("32.75")  # a draft: not followed, not ranked
    return masterplan


def test_the_facts_of_a_period_are_read_from_stages_budgets_and_reports(bandung_in_2027) -> None:
    assert region_facts(2027, 2) == [
        Facts(
            region="32.73",
            stages_due=3,
            stages_on_time=1,
            planned=1_250_000_000,
            realised=600_000_000,
            reports_due=10,
            reports_on_time=2,
        )
    ]
    # By the end of Q1 only the first stage was due, and the first quarter's reports.
    (first,) = region_facts(2027, 1)
    assert (first.stages_due, first.stages_on_time, first.reports_due) == (1, 1, 5)
    assert region_facts(2029, 1) == []


def test_a_quarters_ranking_is_stored_and_computed_again_in_place(bandung_in_2027) -> None:
    ranking = delivery_ranking_compute(year=2027, quarter=2, today=date(2027, 7, 16))
    (row,) = ranking.rows.all()
    assert (ranking.period, ranking.method_version, ranking.weights) == ("2027-Q2", 1, WEIGHTS)
    assert (row.region.code, row.rank, row.score) == ("32.73", 1, Decimal("33.73"))
    assert (row.on_time, row.realisation, row.punctuality) == (
        Decimal("0.3333"),
        Decimal("0.4800"),
        Decimal("0.2000"),
    )
    ProgressReport.objects.filter(program__code="SOC-01").update(
        reported_at=datetime(2027, 4, 1, tzinfo=WIB)
    )
    again = delivery_ranking_compute(year=2027, quarter=2, today=date(2027, 7, 20))
    assert again.pk == ranking.pk and DeliveryScore.objects.count() == 1
    # 3 of 10 reports on time now: 13.333 + 14.4 + 9 = 36.73.
    assert again.rows.get().score == Decimal("36.73")


def test_a_region_ranked_on_demo_reports_is_marked_demo_on_the_page_and_in_the_api(
    bandung_in_2027, client: Client
) -> None:  # type: ignore[no-untyped-def]
    ranking = delivery_ranking_compute(year=2027, quarter=2, today=date(2027, 7, 16))
    assert ranking.rows.get().is_demo is False
    ProgressReport.objects.filter(program__code="LIV-01").update(is_demo=True)
    ranking = delivery_ranking_compute(year=2027, quarter=2, today=date(2027, 7, 16))
    assert ranking.rows.get().is_demo is True
    page = client.get("/pemantauan/peringkat/").content.decode()
    assert "badge-demo" in page and "laporan kemajuan demo" in page
    body = client.get("/api/v1/delivery-rankings/2027-Q2").json()
    assert [row["is_demo"] for row in body["rows"]] == [True]


def test_a_quarter_is_ranked_only_once_its_reports_are_due(bandung_in_2027) -> None:
    with pytest.raises(RankingNotDue):
        delivery_ranking_compute(year=2027, quarter=2, today=date(2027, 7, 15))
    assert not DeliveryRanking.objects.exists()


def test_the_command_ranks_the_last_quarter_due_or_the_one_asked(
    bandung_in_2027, monkeypatch
) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 7, 20))
    call_command("compute_delivery_ranking", verbosity=0)
    call_command("compute_delivery_ranking", "--period", "2027-Q1", verbosity=0)
    assert list(DeliveryRanking.objects.values_list("period", flat=True)) == [
        "2027-Q2",
        "2027-Q1",
    ]
    computed = DeliveryRanking.objects.get(period="2027-Q2").computed_at
    # Run again (by the daily timer), a published quarter stays; --again replaces it.
    call_command("compute_delivery_ranking", verbosity=0)
    assert DeliveryRanking.objects.get(period="2027-Q2").computed_at == computed
    call_command("compute_delivery_ranking", "--again", verbosity=0)
    assert DeliveryRanking.objects.get(period="2027-Q2").computed_at > computed
    with pytest.raises(CommandError, match="setelah laporannya jatuh tempo"):
        call_command("compute_delivery_ranking", "--period", "2027-Q3", verbosity=0)
    with pytest.raises(CommandError, match="no quarter"):
        call_command("compute_delivery_ranking", "--period", "Q3-2027", verbosity=0)


@pytest.mark.django_db
def test_the_page_shows_the_latest_ranking_its_method_and_the_change_in_rank(
    client: Client,
) -> None:
    stored("2027-Q1", {"32.73": 1, "32.75": 2})
    stored("2027-Q2", {"32.75": 1, "32.73": 2, "32.77": 3})
    page = client.get("/pemantauan/peringkat/")
    assert page.context["ranking"].period == "2027-Q2"
    assert page.context["previous"].period == "2027-Q1"
    changes = {row.score.region.code: row.change for row in page.context["page"]}
    assert changes == {"32.75": 1, "32.73": -1, "32.77": None}
    html = page.content.decode()
    assert 'id="metode"' in html and "rank-up" in html and "rank-down" in html
    earlier = client.get("/pemantauan/peringkat/?periode=2027-Q1")
    assert earlier.context["ranking"].period == "2027-Q1" and earlier.context["previous"] is None
    assert client.get("/pemantauan/peringkat/?periode=2026-Q4").status_code == 404


@pytest.mark.django_db
def test_the_page_says_so_before_any_ranking(client: Client) -> None:
    page = client.get("/pemantauan/peringkat/")
    assert page.status_code == 200 and page.context["ranking"] is None


@pytest.mark.django_db
def test_the_api_lists_the_ranked_quarters_and_gives_one(client: Client) -> None:
    stored("2027-Q1", {"32.73": 1, "32.75": 2})
    stored("2027-Q2", {"32.75": 1, "32.73": 2})
    periods = client.get("/api/v1/delivery-rankings").json()
    assert [(p["period"], p["regions"]) for p in periods] == [("2027-Q2", 2), ("2027-Q1", 2)]
    body = client.get("/api/v1/delivery-rankings/2027-Q2").json()
    assert (body["period"], body["previous_period"], body["weights"]) == (
        "2027-Q2",
        "2027-Q1",
        WEIGHTS,
    )
    assert "stages reached by their planned date" in body["method"]
    first = body["rows"][0]
    assert (first["rank"], first["region"], first["score"], first["change"]) == (
        1,
        "32.75",
        "90.00",
        1,
    )
    assert (first["on_time"], first["punctuality"], first["reports_due"]) == ("0.5000", "1.0000", 4)
    missing = client.get("/api/v1/delivery-rankings/2031-Q1")
    assert missing.status_code == 404 and set(missing.json()) == {"error"}


def test_of_a_regions_editions_only_the_newest_followed_one_is_ranked(bandung_in_2027) -> None:  # type: ignore[no-untyped-def]
    from accounts.models import Role
    from conftest import make_user
    from masterplans.models import Masterplan
    from masterplans.workflow import masterplan_edition_create
    from monitoring.delivery_data import ranked_programs

    lead = make_user("lead.bandung", Role.REGIONAL_LEAD, bandung_in_2027.region)
    Masterplan.objects.filter(pk=bandung_in_2027.pk).update(status="enacted")
    bandung_in_2027.refresh_from_db()
    newer = masterplan_edition_create(masterplan=bandung_in_2027, user=lead)
    # While the new edition is a draft, the enacted one is followed; once approved, it alone.
    assert set(ranked_programs(2027).values_list("masterplan_id", flat=True)) == {
        bandung_in_2027.pk
    }
    Masterplan.objects.filter(pk=newer.pk).update(status="approved")
    assert set(ranked_programs(2027).values_list("masterplan_id", flat=True)) == {newer.pk}
