"""The enrolment pages as people use them: the steps on the round page, the panel's scores
typed the Indonesian way and kept from those who may not read them, the signed MoU uploaded."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from enrolment.models import Agreement, ScoreSheet
from enrolment.services import (
    CriterionInput,
    cohort_codes,
    decision_issue,
    invitations_open,
    panel_set,
    panel_version,
)

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def interviewing(ranked_round: Any, officer: Any, assessors: Any) -> Any:
    invitations_open(selection_round=ranked_round, count=3, user=officer)
    panel_set(
        selection_round=ranked_round,
        criteria=[CriterionInput("Visi kepala daerah", 40, 5), CriterionInput("Kesiapan", 60, 10)],
        members=[assessors[0]],
        base_version=panel_version(ranked_round),
        user=officer,
    )
    return ranked_round


def test_an_assessor_on_the_panel_scores_as_typed_and_the_result_shows_to_national_roles_only(
    interviewing: Any, assessors: Any, officer: Any
) -> None:
    vision, readiness = interviewing.criteria.all()
    url = reverse("enrolment:sheet", args=[interviewing.pk, "32.73"])
    client = _client(assessors[0])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {f"c{vision.pk}": "3,5", f"c{readiness.pk}": "8", "notes": "Visi jelas", "version": "0"},
    )
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get()
    assert sheet.score_of(str(vision.pk)) == Decimal("3.5")
    # 40 × 3.5/5 + 60 × 8/10 = 28 + 48 = 76
    overview = reverse("enrolment:overview", args=[interviewing.pk])
    assert "76,00" in _client(officer).get(overview).content.decode()
    public = _client().get(overview).content.decode()
    assert "76,00" not in public and "Visi jelas" not in public
    assert "Kota Bandung" in public


def test_a_score_above_the_criterion_s_highest_is_refused_with_the_field_named(
    interviewing: Any, assessors: Any
) -> None:
    vision, readiness = interviewing.criteria.all()
    url = reverse("enrolment:sheet", args=[interviewing.pk, "32.73"])
    response = _client(assessors[0]).post(
        url, {f"c{vision.pk}": "7", f"c{readiness.pk}": "2,5", "notes": "", "version": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "field-error" in html
    assert 'value="2,5"' in html  # the other value comes back as typed
    assert not ScoreSheet.objects.exists()


def test_an_assessor_not_on_the_panel_cannot_open_a_sheet(
    interviewing: Any, assessors: Any
) -> None:
    url = reverse("enrolment:sheet", args=[interviewing.pk, "32.73"])
    assert _client(assessors[1]).get(url).status_code == 404


def test_the_round_page_shows_each_step_s_status(interviewing: Any) -> None:
    html = _client().get(reverse("selection:round", args=[interviewing.pk])).content.decode()
    assert "Dari peringkat ke nota kesepakatan" in html
    assert "Daftar undangan" in html and "3 wilayah diundang" in html
    assert reverse("enrolment:overview", args=[interviewing.pk]) in html


def test_the_signed_mou_is_uploaded_and_the_region_joins_the_cohort(
    interviewing: Any, officer: Any, assessors: Any
) -> None:
    from enrolment.services import sheet_save

    invitation = interviewing.invitations.get(region__code="32.73")
    vision, readiness = interviewing.criteria.all()
    sheet_save(
        invitation=invitation,
        assessor=assessors[0],
        scores={str(vision.pk): Decimal(4), str(readiness.pk): Decimal(7)},
        notes="",
        base_version=0,
    )
    decision_issue(
        selection_round=interviewing,
        number="B-7/DJAI/2026",
        date=date(2026, 5, 31),
        signatory="Dirjen",
        signatory_title="Ditjen Aptika",
        selected=[invitation.pk],
        note="Satu wilayah",
        user=officer,
    )
    url = reverse("enrolment:sign", args=[interviewing.pk, "32.73"])
    client = _client(officer)
    fields = {
        "signed_on": "2026-06-10",
        "place": "Jakarta",
        "number": "",
        "region_signatory": "Wali Kota Bandung",
        "ministry_signatory": "Dirjen Aptika",
    }
    wrong = client.post(url, {**fields, "scan": SimpleUploadedFile("mou.pdf", b"bukan pdf")})
    assert wrong.status_code == 200 and "mou.pdf" in wrong.content.decode()
    assert cohort_codes(interviewing) == []
    signed = client.post(
        url, {**fields, "scan": SimpleUploadedFile("mou.pdf", b"%PDF-1.4 ditandatangani")}
    )
    assert signed.status_code == 302
    assert cohort_codes(interviewing) == ["32.73"]
    agreement = Agreement.objects.get()
    assert (agreement.signed_on, agreement.recorded_by) == (date(2026, 6, 10), officer)
    scan = client.get(reverse("enrolment:scan", args=[interviewing.pk, "32.73"]))
    assert b"".join(scan.streaming_content) == b"%PDF-1.4 ditandatangani"  # type: ignore[attr-defined]
