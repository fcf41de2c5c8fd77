"""A published round's way to the cohort over the API: public steps and regions, the panel's
results and interview times for national roles only, nothing for a round not yet published."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from conftest import make_user
from enrolment.models import Agreement, ChangeAction, Invitation
from enrolment.services import (
    CriterionInput,
    agreement_sign,
    decision_issue,
    interview_schedule,
    invitation_change,
    invitations_open,
    panel_set,
    panel_version,
    sheet_save,
)
from regions.models import Region
from selection.models import RoundResult, RoundStatus, SelectionRound

pytestmark = pytest.mark.django_db

# Ranked 1 to 5; the quota selection chose the first two (as in enrolment/tests/conftest.py).
RANKED = ["32.73", "32.75", "32.77", "32.79", "32.71"]
CRITERIA = [CriterionInput("Visi kepala daerah", 40, 5), CriterionInput("Kesiapan", 60, 10)]


def _round(status: RoundStatus, year: int = 2026) -> SelectionRound:
    selection_round = SelectionRound.objects.create(
        name=f"Tahap uji {year}",
        year=year,
        total=2,
        indicator_year=2024,
        weights={"kkd": 1},
        status=status,
    )
    for rank, code in enumerate(RANKED, start=1):
        RoundResult.objects.create(
            round=selection_round,
            region=Region.objects.get(code=code),
            rank=rank,
            score=1 - rank / 10,
            selected=rank <= 2,
            reason="selected" if rank <= 2 else "below_cut",
        )
    return selection_round


@pytest.fixture
def ranked_round(db: Any) -> SelectionRound:
    """A published ranking of five regions of which the quota selection chose two."""
    return _round(RoundStatus.PUBLISHED)


@pytest.fixture
def assessors(db: Any) -> tuple[User, User]:
    return make_user("asesor.satu", Role.ASSESSOR), make_user("asesor.dua", Role.ASSESSOR)


def _interviewed(
    selection_round: SelectionRound, officer: User, assessors: tuple[User, User]
) -> dict[str, Invitation]:
    """Four regions invited; Bandung scored by both assessors (74 and 78 → 76), Bekasi by both
    (76 and 64 → 70), Cimahi by one (70), Banjar not at all."""
    invitations_open(selection_round=selection_round, count=4, user=officer)
    panel_set(
        selection_round=selection_round,
        criteria=CRITERIA,
        members=assessors,
        base_version=panel_version(selection_round),
        user=officer,
    )
    criteria = {c.name: str(c.pk) for c in selection_round.criteria.all()}
    v, r = criteria["Visi kepala daerah"], criteria["Kesiapan"]
    invited = {i.region.code: i for i in selection_round.invitations.select_related("region")}
    first, second = assessors
    sheets: list[tuple[str, User, dict[str, Decimal | None]]] = [
        ("32.73", first, {v: Decimal(4), r: Decimal(7)}),
        ("32.73", second, {v: Decimal(3), r: Decimal(9)}),
        ("32.75", first, {v: Decimal(5), r: Decimal(6)}),
        ("32.75", second, {v: Decimal(2), r: Decimal(8)}),
        ("32.77", first, {v: Decimal(5), r: Decimal(5)}),
    ]
    for code, assessor, scores in sheets:
        sheet_save(
            invitation=invited[code], assessor=assessor, scores=scores, notes="", base_version=0
        )
    return invited


def _get(client: Client, round_id: int, auth: str | None = None) -> Any:
    headers = {"Authorization": auth} if auth else {}
    return client.get(f"/api/v1/rounds/{round_id}/enrolment", headers=headers)


def _regions(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in body["regions"]}


def test_the_2017_round_reads_as_announced_every_region_under_a_signed_mou(
    client: Client,
) -> None:
    call_command("load_history", verbosity=0)
    selection_round = SelectionRound.objects.get(year=2017)
    response = _get(client, selection_round.pk)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["round"], body["cohort_size"]) == (selection_round.pk, 25)
    assert [(s["key"], s["status"]) for s in body["steps"]] == [
        ("invitation", "not_recorded"),
        ("interview", "not_recorded"),
        ("decision", "done"),
        ("mou", "done"),
    ]
    assert all(isinstance(s["summary"], str) for s in body["steps"])
    decision = body["decision"]
    assert decision["number"] == "265/KOMINFO/DJAI/AI.01.05/05/05/2017"
    assert decision["date"] == "2017-05-05"
    assert decision["signatory"] and decision["signatory_title"]
    assert decision["letter_url"] == reverse("enrolment:decision_letter", args=[selection_round.pk])
    assert decision["letter_url"].startswith("/")
    regions = _regions(body)
    assert len(regions) == 25
    assert {row["status"] for row in regions.values()} == {"mou_signed"}
    bandung = regions["32.73"]
    assert (bandung["name"], bandung["origin"], bandung["invited"]) == (
        "Kota Bandung",
        "announced",
        True,
    )
    assert bandung["selected"] is True and bandung["mou_signed_on"]
    assert (bandung["panel_result"], bandung["panel_sheets"], bandung["interview_at"]) == (
        None,
        None,
        None,
    )


def test_anyone_reads_the_steps_and_regions_but_not_the_panels_results(
    client: Client, ranked_round: SelectionRound, officer: User, assessors: tuple[User, User]
) -> None:
    invited = _interviewed(ranked_round, officer, assessors)
    at = timezone.now().replace(microsecond=0) + timedelta(days=7)
    bandung = invited["32.73"]
    interview_schedule(invitation=bandung, at=at, place="Ruang rapat", base_version=bandung.version)
    invitation_change(
        selection_round=ranked_round,
        region=Region.objects.get(code="32.79"),
        action=ChangeAction.WITHDRAW,
        reason="Kepala daerah berhalangan",
        user=officer,
    )

    response = _get(client, ranked_round.pk)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["round"], body["cohort_size"], body["decision"]) == (ranked_round.pk, 0, None)
    assert [(s["key"], s["status"]) for s in body["steps"]] == [
        ("invitation", "open"),
        ("interview", "in_progress"),
        ("decision", "not_started"),
        ("mou", "not_started"),
    ]
    # Active invitations first, by rank; the withdrawn one stays, last.
    assert [row["code"] for row in body["regions"]] == ["32.73", "32.75", "32.77", "32.79"]
    regions = _regions(body)
    assert {code: (row["status"], row["invited"]) for code, row in regions.items()} == {
        "32.73": ("interviewed", True),
        "32.75": ("interviewed", True),
        "32.77": ("interviewed", True),
        "32.79": ("withdrawn", False),
    }
    assert regions["32.73"] | {"province": ""} == {
        "code": "32.73",
        "name": "Kota Bandung",
        "province": "",
        "rank": 1,
        "origin": "quota",
        "invited": True,
        "status": "interviewed",
        "interview_at": None,
        "panel_result": None,
        "panel_sheets": None,
        "selected": None,
        "mou_signed": False,
        "mou_signed_on": None,
    }
    assert regions["32.73"]["province"]
    assert regions["32.77"]["origin"] == "ranking"
    assert all(row["panel_result"] is None for row in body["regions"])
    assert all(row["panel_sheets"] is None for row in body["regions"])
    assert all(row["interview_at"] is None for row in body["regions"])


@pytest.mark.parametrize("who", ["viewer", "assessor", "officer"])
def test_national_roles_read_the_panels_results_and_interview_times(
    client: Client,
    ranked_round: SelectionRound,
    officer: User,
    viewer: User,
    assessors: tuple[User, User],
    token_for: Any,
    who: str,
) -> None:
    invited = _interviewed(ranked_round, officer, assessors)
    at = timezone.now().replace(microsecond=0) + timedelta(days=7)
    bandung = invited["32.73"]
    interview_schedule(invitation=bandung, at=at, place="Ruang rapat", base_version=bandung.version)
    user = {"viewer": viewer, "assessor": assessors[0], "officer": officer}[who]

    response = _get(client, ranked_round.pk, token_for(user))
    assert response.status_code == 200, response.content
    regions = _regions(response.json())
    # 40 × 4/5 + 60 × 7/10 = 74 and 40 × 3/5 + 60 × 9/10 = 78: the panel's 76.
    assert (regions["32.73"]["panel_result"], regions["32.73"]["panel_sheets"]) == ("76.00", 2)
    assert (regions["32.75"]["panel_result"], regions["32.75"]["panel_sheets"]) == ("70.00", 2)
    assert (regions["32.77"]["panel_result"], regions["32.77"]["panel_sheets"]) == ("70.00", 1)
    assert (regions["32.79"]["panel_result"], regions["32.79"]["panel_sheets"]) == (None, 0)
    assert datetime.fromisoformat(regions["32.73"]["interview_at"]) == at
    assert regions["32.75"]["interview_at"] is None


def test_a_regions_team_does_not_read_the_panels_results(
    client: Client,
    ranked_round: SelectionRound,
    officer: User,
    owner: User,
    assessors: tuple[User, User],
    token_for: Any,
) -> None:
    _interviewed(ranked_round, officer, assessors)
    response = _get(client, ranked_round.pk, token_for(owner))
    assert response.status_code == 200
    bandung = _regions(response.json())["32.73"]
    assert (bandung["panel_result"], bandung["panel_sheets"]) == (None, None)


def test_the_decision_and_a_signed_mou_bring_the_region_into_the_cohort(
    client: Client, ranked_round: SelectionRound, officer: User, assessors: tuple[User, User]
) -> None:
    invited = _interviewed(ranked_round, officer, assessors)
    today = timezone.localdate()
    decision_issue(
        selection_round=ranked_round,
        number="B-100/DJAI/AI.01.02/05/2026",
        date=today - timedelta(days=10),
        signatory="Direktur Jenderal",
        signatory_title="Direktorat Jenderal Aplikasi Informatika",
        selected=[invited["32.73"].pk, invited["32.75"].pk],
        note="",
        user=officer,
    )
    agreement_sign(
        agreement=Agreement.objects.get(invitation=invited["32.73"]),
        signed_on=today,
        place="Jakarta",
        number="",
        region_signatory="Wali Kota Bandung",
        ministry_signatory="Dirjen Aptika",
        scan=SimpleUploadedFile("mou-bandung.pdf", b"%PDF-1.4 nota kesepakatan"),
        user=officer,
    )

    body = _get(client, ranked_round.pk).json()
    assert body["cohort_size"] == 1
    assert [(s["key"], s["status"]) for s in body["steps"]] == [
        ("invitation", "done"),
        ("interview", "in_progress"),
        ("decision", "done"),
        ("mou", "in_progress"),
    ]
    assert body["decision"] == {
        "number": "B-100/DJAI/AI.01.02/05/2026",
        "date": (today - timedelta(days=10)).isoformat(),
        "signatory": "Direktur Jenderal",
        "signatory_title": "Direktorat Jenderal Aplikasi Informatika",
        "letter_url": reverse("enrolment:decision_letter", args=[ranked_round.pk]),
    }
    regions = _regions(body)
    assert {code: (row["status"], row["selected"]) for code, row in regions.items()} == {
        "32.73": ("mou_signed", True),
        "32.75": ("selected", True),
        "32.77": ("not_selected", False),
        "32.79": ("not_selected", False),
    }
    assert date.fromisoformat(regions["32.73"]["mou_signed_on"]) == today
    assert regions["32.75"]["mou_signed_on"] is None


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.COMPUTED])
def test_a_round_not_yet_published_has_no_enrolment_even_for_the_national_team(
    client: Client, officer: User, token_for: Any, status: RoundStatus
) -> None:
    unpublished = _round(status, year=2027)
    for auth in (None, token_for(officer)):
        response = _get(client, unpublished.pk, auth)
        assert response.status_code == 404, response.content
        assert response.json()["error"]["code"] == "not_found"


def test_an_unknown_round_is_not_found(client: Client) -> None:
    response = _get(client, 999_999)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
