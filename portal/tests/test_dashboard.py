from collections.abc import Callable
from decimal import Decimal
from html import escape
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from enrolment.services import cohort_codes
from evaluation.models import Rubric, Score
from masterplans.models import BudgetLine, Masterplan
from masterplans.tests.factories import make_masterplan
from monitoring.models import ProgressReport
from regions.models import Region
from selection.models import IndicatorValue, SelectionRound

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

CODES = [r for r in ("32.73", "32.75", "31.71", "35.78", "73.71", "64.72", "51.71", "12.71")]


def seed(codes: list[str]) -> None:
    """Approved masterplans with quick-win reports and evaluation scores for ``codes``."""
    rubric = Rubric.objects.get_or_create(
        year=2027, defaults={"title": "2027", "status": "published"}
    )[0]
    for i, code in enumerate(codes):
        masterplan = make_masterplan(code, status="approved" if i % 3 else "enacted")
        for program in masterplan.programs.all()[: 2 + i % 3]:
            ProgressReport.objects.create(
                program=program,
                year=2027,
                quarter=1,
                status=("on_track", "delayed")[i % 2],
                percent_entered=20 * (i % 5),
                budget_realised=100_000_000,
            )
        region = masterplan.region
        Score.objects.bulk_create(
            Score(
                rubric=rubric,
                region=region,
                dimension=d,
                component=c,
                assessor_score=Decimal(i % 4 + 1),
                verified_at="2027-11-01T00:00:00Z",
            )
            for d in ("governance", "branding", "economy", "living", "society", "environment")
            for c in ("baseline", "output", "outcome", "impact", "quick_win")
        )


def in_any_cohort() -> list[str]:
    """The codes of every region in a published round's cohort (signed MoU)."""
    return sorted({c for r in SelectionRound.objects.published() for c in cohort_codes(r)})


@pytest.fixture
def program_data(db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    call_command("load_selection_data", "--no-demo", verbosity=0)
    seed(CODES[:4])
    make_masterplan("33.74")  # a draft: counted among masterplans, not followed up


def test_the_figures_equal_direct_queries(client: Client, program_data) -> None:  # type: ignore[no-untyped-def]
    board = client.get("/dasbor/").context["board"]
    members = in_any_cohort()
    # Known by name in the cohort files, and the ministry's own count for 2017-2024.
    assert board.regions_in_program == len(members) == 115
    assert board.official_in_program == 251
    residents = IndicatorValue.objects.filter(
        indicator__code="penduduk", year=2025, region__code__in=members
    ).aggregate(total=Sum("value"))["total"]
    assert board.residents == residents and not board.residents_demo
    by_status = {bar.key: bar.value for bar in board.masterplans}
    for status in ("draft", "approved", "enacted"):
        assert by_status[status] == Masterplan.objects.filter(status=status).count()
    quick = {bar.key: bar.value for bar in board.quick_wins}
    reported = ProgressReport.objects.filter(program__is_quick_win=True)
    assert quick["on_track"] == reported.filter(status="on_track").count()
    assert quick["delayed"] == reported.filter(status="delayed").count()
    assert quick["none"] == 24 - reported.count()  # 4 followed masterplans x 6 quick wins
    planned = BudgetLine.objects.filter(
        program__masterplan__status__in=("approved", "enacted"), year=2027
    ).aggregate(total=Sum("amount"))["total"]
    assert {k: board.budget[0][k] for k in ("year", "planned", "realised")} == {
        "year": 2027,
        "planned": planned,
        "realised": ProgressReport.objects.aggregate(total=Sum("budget_realised"))["total"],
    }
    assert board.evaluation["count"] == 4


def test_filters_narrow_every_figure(client: Client, program_data) -> None:  # type: ignore[no-untyped-def]
    board = client.get("/dasbor/?island_group=sulawesi").context["board"]
    sulawesi = [
        c for c in in_any_cohort() if Region.objects.get(code=c).province.island_group == "sulawesi"
    ]
    assert board.regions_in_program == len(sulawesi) == 11  # Kota Makassar ... Kota Parepare
    assert board.official_in_program is None  # not published by place
    assert sum(bar.value for bar in board.masterplans) == 0
    board = client.get("/dasbor/?province=32").context["board"]
    assert {bar.key: bar.value for bar in board.masterplans}["approved"] + {
        bar.key: bar.value for bar in board.masterplans
    }["enacted"] == 2  # Bandung and Bekasi


def test_every_figure_links_to_its_rows(client: Client, program_data) -> None:  # type: ignore[no-untyped-def]
    board = client.get("/dasbor/?island_group=jawa").context["board"]
    approved = next(bar for bar in board.masterplans if bar.key == "approved")
    listing = client.get(approved.url)
    assert listing.context["page"].paginator.count == approved.value
    delayed = next(bar for bar in board.quick_wins if bar.key == "delayed")
    rows = client.get(delayed.url).context["page"].paginator.count
    assert rows == delayed.value
    # The regions in the program, the residents and each cohort lead to the region list.
    regions = client.get(board.regions_url).context["page"].paginator.count
    assert regions == board.regions_in_program == sum(bar.value for bar in board.cohorts) > 0
    for bar in board.cohorts:
        assert client.get(bar.url).context["page"].paginator.count == bar.value


class FigureLinks(HTMLParser):
    """The links of a page that carry the figure they show: ``data-rows`` (the list they open
    has that many rows) or ``data-amount`` (its rows add up to that many Rupiah)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for kind in ("data-rows", "data-amount"):
            if tag == "a" and values.get(kind) is not None:
                self.found.append((values["href"] or "", kind, int(values[kind] or 0)))


# Each figure's link by the list it opens.
LISTS = {
    "regions": "/wilayah/?",
    "masterplans": "/masterplan/?",
    "quick_wins": "/pemantauan/quick-win/?",
    "budget": "/masterplan/program/?",
}


@pytest.mark.parametrize(
    ("reader", "figures"),
    [(reader, figures) for reader in ("anonymous", "officer") for figures in LISTS],
)
def test_every_figure_shown_equals_the_rows_of_the_list_it_links_to(
    client: Client, program_data: None, officer: User, reader: str, figures: str
) -> None:
    if reader == "officer":
        client.force_login(officer)
    first = SelectionRound.objects.published().get(year=2017)
    # Masterplans made through the editor carry their region's cohort; these were not.
    Masterplan.objects.filter(region__code__in=cohort_codes(first)).update(cohort=first)
    for query in ("", "?island_group=jawa", "?province=32", f"?cohort={first.pk}"):
        response = client.get(f"/dasbor/{query}")
        board = response.context["board"]
        # Not only zeros: each filter has figures to follow (the cohort's too).
        assert board.regions_in_program and sum(bar.value for bar in board.masterplans)
        assert any(row["planned"] for row in board.budget), query
        assert any(row["realised"] for row in board.budget), query
        parser = FigureLinks()
        parser.feed(response.content.decode())
        # Every figure is a link: regions in the program, each cohort, each status, each year.
        expected = {
            "regions": 1 + len(board.cohorts),
            "masterplans": len(board.masterplans),
            "quick_wins": len(board.quick_wins),
            "budget": 2 * len(board.budget),
        }
        links = [link for link in parser.found if link[0].startswith(LISTS[figures])]
        assert len(links) == expected[figures], query
        for href, kind, shown in links:
            listing = client.get(href)
            if kind == "data-rows":
                assert listing.context["page"].paginator.count == shown, (query, href)
            else:
                assert listing.context["year_total"] == shown, (query, href)


def test_each_reader_sees_the_masterplans_the_list_behind_the_bar_shows_them(
    client: Client, program_data: None, login: Callable[[User], Client], officer: User
) -> None:
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from participation.models import ConsultationWindow

    def draft_bar(client: Client) -> tuple[int, int, bool]:
        """The draft bar's figure, the rows of the list it links to, and whether it links."""
        response = client.get("/dasbor/")
        bar = next(bar for bar in response.context["masterplans"] if bar.key == "draft")
        rows = client.get(bar.url).context["page"].paginator.count
        return bar.value, rows, f'href="{escape(bar.url)}"' in response.content.decode()

    assert draft_bar(client) == (0, 0, True)  # Kota Semarang's draft is not public
    assert 'data-testid="masterplans-readable"' in client.get("/dasbor/").content.decode()
    staff = login(officer)
    assert draft_bar(staff) == (1, 1, True)
    assert 'data-testid="masterplans-readable"' not in staff.get("/dasbor/").content.decode()
    now = timezone.now()
    ConsultationWindow.objects.create(
        masterplan=Masterplan.objects.get(status="draft"),
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
    )
    cache.clear()  # a consultation opening sends the dashboard no signal: the minute's backstop
    assert draft_bar(client) == (1, 1, True)  # in public consultation: anyone may read it


def test_demo_masterplans_and_an_empty_score_map_are_labelled(client: Client, program_data) -> None:  # type: ignore[no-untyped-def]
    board = client.get("/dasbor/").context["board"]
    assert not board.masterplans_demo and not board.followed_demo
    for masterplan in Masterplan.objects.filter(status="approved"):
        masterplan.is_demo = True
        masterplan.save()
    response = client.get("/dasbor/")
    assert response.context["board"].masterplans_demo and response.context["board"].followed_demo
    assert response.content.decode().count("berisi data demo") >= 3
    score = client.get("/dasbor/?map=score")
    assert "Belum ada putaran seleksi terhitung" in score.context["board"].map_note


@pytest.mark.parametrize("measure", ["cohort", "score", "index", "quick_win"])
def test_the_map_colours_regions_by_each_measure(
    client: Client, program_data, measure: str
) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/dasbor/?map={measure}")
    points = response.context["board"].map_points
    assert len(points) == 514
    coloured = [p for p in points if p["status"] != "none"]
    expected = {"cohort": 115, "score": 0, "index": 4, "quick_win": 4}[measure]
    assert len(coloured) == expected
    assert 'data-testid="dashboard-map"' in response.content.decode()


def test_the_quick_win_map_uses_the_percent_derived_from_milestones(
    client: Client, program_data
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from monitoring.models import Milestone

    region = Region.objects.get(code=CODES[0])
    quick_wins = list(Masterplan.objects.get(region=region).programs.filter(is_quick_win=True))
    for program in quick_wins:
        program.progress_mode = "milestones"
        program.save()
        Milestone.objects.create(
            program=program, title="a", due_date=date(2027, 1, 1), done_on=date(2027, 1, 1)
        )
        Milestone.objects.create(program=program, title="b", due_date=date(2027, 1, 1))
        ProgressReport.objects.update_or_create(
            program=program, year=2027, quarter=1, defaults={"status": "on_track"}
        )
    points = client.get("/dasbor/?map=quick_win").context["board"].map_points
    point = next(p for p in points if p["code"] == CODES[0])
    assert (point["status"], point["text"]) == ("c3", "50%")


def count_queries(client: Client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()  # the figures themselves, not the minute they are kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_stay_the_same_when_the_data_grows_tenfold(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    regions = list(
        Region.objects.exclude(code__in=CODES).order_by("code").values_list("code", flat=True)
    )
    seed(["32.73", *regions[:1]])  # the region whose page is counted follows through too
    small = {
        url: count_queries(client, url)
        for url in ("/dasbor/", "/dasbor/?map=quick_win", "/wilayah/32.73/")
    }
    seed(regions[1:21])
    large = {url: count_queries(client, url) for url in small}
    assert Masterplan.objects.count() == 22
    assert large == small
    assert client.get("/wilayah/32.73/").context["follow"].programs == 6


def test_the_board_is_kept_for_a_minute_for_every_reader(client: Client, program_data) -> None:  # type: ignore[no-untyped-def]
    first = count_queries(client, "/dasbor/")
    with CaptureQueriesContext(connection) as again:
        client.get("/dasbor/")
    assert len(again) < first / 2
