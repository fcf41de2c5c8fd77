"""A region's whole way from the ranking to the cohort, and the refusal at each step."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from enrolment.models import Agreement, ChangeAction, InvitationChange, Origin
from enrolment.progress import enrolment_of
from enrolment.services import (
    CriterionInput,
    EnrolmentError,
    agreement_sign,
    cohort_codes,
    cohort_of,
    decision_issue,
    invitation_change,
    invitations_open,
    panel_set,
    panel_version,
    proposal,
    results_of,
    sheet_save,
)
from masterplans.workflow import masterplan_create
from mentoring.services import cohort_regions
from regions.models import Region

pytestmark = pytest.mark.django_db

CRITERIA = [CriterionInput("Visi kepala daerah", 40, 5), CriterionInput("Kesiapan", 60, 10)]


def _scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("mou-bandung.pdf", b"%PDF-1.4 nota kesepakatan")


def _invite_and_interview(selection_round: Any, officer: Any, assessors: Any) -> dict[str, Any]:
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
    # Bandung: 74 and 78 → 76. Bekasi: 40 + 36 = 76 and 16 + 48 = 64 → 70.
    # Cimahi: one sheet, 40 × 5/5 + 60 × 5/10 = 70.
    for code, assessor, scores in [
        ("32.73", first, {v: Decimal(4), r: Decimal(7)}),
        ("32.73", second, {v: Decimal(3), r: Decimal(9)}),
        ("32.75", first, {v: Decimal(5), r: Decimal(6)}),
        ("32.75", second, {v: Decimal(2), r: Decimal(8)}),
        ("32.77", first, {v: Decimal(5), r: Decimal(5)}),
    ]:
        sheet_save(
            invitation=invited[code], assessor=assessor, scores=scores, notes="", base_version=0
        )
    return invited


def test_a_region_goes_from_ranked_to_invited_interviewed_selected_and_signed_into_the_cohort(
    ranked_round: Any, officer: Any, assessors: Any, lead: Any
) -> None:
    invited = _invite_and_interview(ranked_round, officer, assessors)
    # Invited: the two the quotas chose, then the next two by rank.
    assert {code: i.origin for code, i in invited.items()} == {
        "32.73": Origin.QUOTA,
        "32.75": Origin.QUOTA,
        "32.77": Origin.RANKING,
        "32.79": Origin.RANKING,
    }
    results = results_of(ranked_round)
    assert results[invited["32.73"].pk].display == "76.00"
    assert results[invited["32.75"].pk].display == "70.00"
    assert results[invited["32.77"].pk].display == "70.00"  # one sheet of two
    assert results[invited["32.79"].pk].score is None
    # Proposal: the two highest; Bekasi before Cimahi on the tie by the indicator ranking.
    assert [i.region.code for i in proposal(ranked_round)] == ["32.73", "32.75"]

    decision_issue(
        selection_round=ranked_round,
        number="B-100/DJAI/AI.01.02/05/2026",
        date=date(2026, 5, 31),
        signatory="Direktur Jenderal",
        signatory_title="Direktorat Jenderal Aplikasi Informatika",
        selected=[invited["32.73"].pk, invited["32.75"].pk],
        note="",
        user=officer,
    )
    bandung = Agreement.objects.get(invitation=invited["32.73"])
    # Selected, MoU not yet signed: not in the cohort.
    assert cohort_codes(ranked_round) == []
    assert cohort_of("32.73") is None
    assert list(cohort_regions(ranked_round)) == []

    agreement_sign(
        agreement=bandung,
        signed_on=date(2026, 6, 10),
        place="Jakarta",
        number="",
        region_signatory="Wali Kota Bandung",
        ministry_signatory="Dirjen Aptika",
        scan=_scan(),
        user=officer,
    )
    assert cohort_codes(ranked_round) == ["32.73"]
    assert cohort_of("32.73") == ranked_round
    assert [r.code for r in cohort_regions(ranked_round)] == ["32.73"]
    # Its masterplan is counted in the cohort it signed into.
    masterplan = masterplan_create(
        user=lead,
        region=Region.objects.get(code="32.73"),
        title="Masterplan Bandung",
        start_year=2027,
    )
    assert masterplan.cohort == ranked_round

    state = enrolment_of(ranked_round)
    assert [(s.key, s.status) for s in state.steps] == [
        ("invitation", "done"),
        ("interview", "in_progress"),  # Cimahi and Banjar not scored by the whole panel
        ("decision", "done"),
        ("mou", "in_progress"),  # Bekasi has not signed
    ]
    statuses = {row.invitation.region.code: row.status for row in state.rows}
    assert statuses == {
        "32.73": "mou_signed",
        "32.75": "selected",
        "32.77": "not_selected",
        "32.79": "not_selected",
    }


def test_the_invitation_list_changes_only_with_a_reason_and_records_it(
    ranked_round: Any, officer: Any
) -> None:
    invitations_open(selection_round=ranked_round, count=2, user=officer)
    bogor = Region.objects.get(code="32.71")
    with pytest.raises(EnrolmentError) as refused:
        invitation_change(
            selection_round=ranked_round, region=bogor, action="invite", reason=" ", user=officer
        )
    assert (refused.value.status, refused.value.field) == (422, "reason")
    invitation = invitation_change(
        selection_round=ranked_round,
        region=bogor,
        action=ChangeAction.INVITE,
        reason="Kesiapan infrastruktur terverifikasi lapangan",
        user=officer,
    )
    assert (invitation.origin, invitation.rank, invitation.active) == (Origin.ADDED, 5, True)
    invitation_change(
        selection_round=ranked_round,
        region=Region.objects.get(code="32.75"),
        action=ChangeAction.WITHDRAW,
        reason="Kepala daerah berhalangan",
        user=officer,
    )
    assert list(
        InvitationChange.objects.order_by("pk").values_list("region__code", "action", "reason")
    ) == [
        ("32.71", "invite", "Kesiapan infrastruktur terverifikasi lapangan"),
        ("32.75", "withdraw", "Kepala daerah berhalangan"),
    ]
    assert sorted(
        ranked_round.invitations.filter(active=True).values_list("region__code", flat=True)
    ) == [
        "32.71",
        "32.73",
    ]


def test_each_step_refuses_what_it_does_not_allow(
    ranked_round: Any, officer: Any, assessors: Any
) -> None:
    with pytest.raises(EnrolmentError, match="sedikitnya 2"):
        invitations_open(selection_round=ranked_round, count=1, user=officer)
    invited = _invite_and_interview(ranked_round, officer, assessors)
    with pytest.raises(EnrolmentError, match="sudah ada"):
        invitations_open(selection_round=ranked_round, count=4, user=officer)
    # The sheet's criteria are fixed once scored.
    with pytest.raises(EnrolmentError, match="tidak dapat diubah"):
        panel_set(
            selection_round=ranked_round,
            criteria=[CriterionInput("Visi", 100, 5)],
            members=assessors,
            base_version=panel_version(ranked_round),
            user=officer,
        )
    decide = {
        "selection_round": ranked_round,
        "number": "B-1/DJAI/2026",
        "date": date(2026, 5, 31),
        "signatory": "Dirjen",
        "signatory_title": "Ditjen Aptika",
        "user": officer,
    }
    # An unscored region cannot be selected; a choice other than the panel's needs a note.
    with pytest.raises(EnrolmentError, match="Kota Banjar"):
        decision_issue(**decide, selected=[invited["32.79"].pk], note="")
    with pytest.raises(EnrolmentError) as refused:
        decision_issue(**decide, selected=[invited["32.73"].pk, invited["32.77"].pk], note="")
    assert refused.value.field == "note"
    decision_issue(
        **decide,
        selected=[invited["32.73"].pk, invited["32.77"].pk],
        note="Bekasi menunda komitmen anggaran",
    )
    # After the decision the list is closed.
    with pytest.raises(EnrolmentError, match="ditutup"):
        invitation_change(
            selection_round=ranked_round,
            region=Region.objects.get(code="32.71"),
            action="invite",
            reason="terlambat",
            user=officer,
        )
    cimahi = Agreement.objects.get(invitation=invited["32.77"])
    sign = {
        "agreement": cimahi,
        "place": "Jakarta",
        "number": "",
        "region_signatory": "Wali Kota Cimahi",
        "ministry_signatory": "Dirjen Aptika",
        "user": officer,
    }
    with pytest.raises(EnrolmentError, match="setelah keputusan seleksi"):
        agreement_sign(**sign, signed_on=date(2026, 5, 1), scan=_scan())
    assert cohort_codes(ranked_round) == []
    agreement_sign(**sign, signed_on=date(2026, 6, 1), scan=_scan())
    with pytest.raises(EnrolmentError, match="sudah ditandatangani"):
        agreement_sign(**sign, signed_on=date(2026, 6, 2), scan=_scan())
    assert cohort_codes(ranked_round) == ["32.77"]


def test_the_2017_cohort_is_recorded_with_its_letter_and_the_mous_signed_in_makassar(
    db: Any,
) -> None:
    from django.core.management import call_command

    call_command("load_history", verbosity=0)
    call_command("load_history", verbosity=0)  # idempotent
    from selection.models import SelectionRound

    cohort = SelectionRound.objects.get(year=2017)
    assert len(cohort_codes(cohort)) == 25
    assert cohort.decision.number == "265/KOMINFO/DJAI/AI.01.05/05/05/2017"
    assert set(
        Agreement.objects.filter(invitation__round=cohort).values_list("signed_on", "place")
    ) == {(date(2017, 5, 22), "Makassar")}
    state = enrolment_of(cohort)
    assert [s.status for s in state.steps] == ["not_recorded", "not_recorded", "done", "done"]


def test_a_region_the_committee_added_to_the_selection_is_invited_as_added(
    ranked_round: Any, officer: Any
) -> None:
    from selection.models import RoundOverride, RoundResult

    # Kota Bogor is ranked 5th and ineligible; the committee added it before publishing.
    RoundResult.objects.filter(round=ranked_round, region__code="32.71").update(eligible=False)
    RoundOverride.objects.create(
        round=ranked_round,
        region=Region.objects.get(code="32.71"),
        action="add",
        reason="Percontohan kota pusaka",
    )
    invitations_open(selection_round=ranked_round, count=3, user=officer)
    invited = dict(ranked_round.invitations.values_list("region__code", "origin"))
    assert invited == {
        "32.71": Origin.ADDED,
        "32.73": Origin.QUOTA,
        "32.75": Origin.QUOTA,
    }
