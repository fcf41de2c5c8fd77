"""Every step of the program tells the people it concerns, in the app and by e-mail, and
nobody else: submit, revision, approve, enact, assignment, report due, report late, score
verified, award confirmed (comments, replies and settling: test_comment_notifications)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Role, User
from conftest import make_user
from evaluation.models import Rubric
from evaluation.results import decide_award, propose_awards
from evaluation.services import rubric_publish, scores_save
from evaluation.tests.test_views import score_all
from inbox.models import Kind, Notification
from masterplans.models import Masterplan
from masterplans.workflow import transition
from mentoring.services import assignment_add
from monitoring.models import ProgressReport
from regions.models import Region
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


def told(kind: str) -> dict[str, str]:
    """Who was told of ``kind``, with what, in Indonesian."""
    return {n.user.username: n.message for n in Notification.objects.filter(kind=kind)}


@pytest.fixture
def people(owner: User, colleague: User, officer: User, mentor: User, outsider: User) -> None:
    for user, address in ((owner, "editor"), (colleague, "lead"), (officer, "officer")):
        user.email = f"{address}@example.id"
        user.save()


def test_a_submission_tells_the_national_reviewers_and_the_mentor(
    masterplan: Masterplan, colleague: User, people, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        transition(masterplan, "submit", colleague)
    assert told(Kind.SUBMITTED) == {
        "officer": "lead.bandung mengajukan masterplan Kota Bandung untuk ditinjau",
        "mentor.bandung": "lead.bandung mengajukan masterplan Kota Bandung untuk ditinjau",
    }
    note = Notification.objects.get(user__username="officer")
    assert note.url == f"/masterplan/{masterplan.pk}/" and note.emailed_at is not None
    # One e-mail to each address: the officer and the mentor, not the lead who submitted.
    assert sorted(m.to[0] for m in mail.outbox) == ["mentor@itb.ac.id", "officer@example.id"]
    assert "mengajukan masterplan Kota Bandung" in mail.outbox[0].subject


def test_a_revision_request_tells_the_regions_team_what_to_revise(
    masterplan: Masterplan, colleague: User, officer: User, people
) -> None:  # type: ignore[no-untyped-def]
    transition(masterplan, "submit", colleague)
    transition(masterplan, "request_revision", officer, note="Lengkapi KPI program GOV-01.")
    assert told(Kind.REVISION) == {
        name: "officer meminta revisi masterplan Kota Bandung: Lengkapi KPI program GOV-01."
        for name in ("editor.bandung", "lead.bandung", "mentor.bandung")
    }


def test_an_approval_tells_the_team_and_the_enactment_tells_everyone_concerned(
    masterplan: Masterplan, colleague: User, officer: User, people
) -> None:  # type: ignore[no-untyped-def]
    transition(masterplan, "submit", colleague)
    transition(masterplan, "approve", officer)
    assert set(told(Kind.APPROVED)) == {"editor.bandung", "lead.bandung", "mentor.bandung"}
    assert told(Kind.APPROVED)["lead.bandung"] == "officer menyetujui masterplan Kota Bandung"
    transition(
        masterplan,
        "enact",
        colleague,
        regulation_number="Perwali No. 12 Tahun 2027",
        regulation_date=datetime.date(2027, 3, 1),
    )
    # The lead recorded it: the others hear, the lead does not; no other region's team.
    assert told(Kind.ENACTED) == {
        name: "Masterplan Kota Bandung ditetapkan dengan Perwali No. 12 Tahun 2027 (1 Mar 2027)"
        for name in ("editor.bandung", "mentor.bandung", "officer")
    }
    assert Notification.objects.filter(kind=Kind.ENACTED)[0].params["date"] == "2027-03-01"


def test_an_assignment_tells_the_person_assigned(
    cohort: SelectionRound, bandung: Region, officer: User
) -> None:
    assessor = make_user("assessor.baru", None)
    assignment_add(cohort=cohort, user=officer, region=bandung, person=assessor, role=Role.ASSESSOR)
    assert told(Kind.ASSIGNED) == {
        "assessor.baru": "officer menugaskan Anda sebagai Asesor / juri Kota Bandung"
    }
    assert Notification.objects.get(kind=Kind.ASSIGNED).url == "/wilayah/32.73/"
    assert Notification.objects.get(kind=Kind.ASSIGNED).params["role"] == "assessor"


def test_reports_due_and_late_are_told_once_per_region_and_quarter(
    colleague: User, owner: User, outsider: User
) -> None:  # type: ignore[no-untyped-def]
    from masterplans.tests.factories import make_masterplan

    masterplan = make_masterplan(status="approved")
    call_command("send_reminders", today=datetime.date(2027, 10, 1), stdout=StringIO())
    # Q2's reports were due on 15 July and none came: late. Q3's are due on 15 October, not
    # yet a week away.
    late = "Laporan kemajuan Kota Bandung untuk T2 2027 terlambat: 6 program"
    assert told(Kind.REPORT_LATE) == {"editor.bandung": late, "lead.bandung": late}
    assert not Notification.objects.filter(kind=Kind.REPORT_DUE).exists()
    assert Notification.objects.filter(kind=Kind.REPORT_LATE)[0].params["period"] == "2027-Q2"
    call_command("send_reminders", today=datetime.date(2027, 10, 9), stdout=StringIO())
    call_command("send_reminders", today=datetime.date(2027, 10, 10), stdout=StringIO())
    assert told(Kind.REPORT_DUE) == {
        name: "Laporan kemajuan Kota Bandung untuk T3 2027 jatuh tempo 15 Okt 2027"
        for name in ("editor.bandung", "lead.bandung")
    }
    # Each told once, however often the timer ran.
    assert Notification.objects.filter(kind=Kind.REPORT_DUE).count() == 2
    assert Notification.objects.filter(kind=Kind.REPORT_LATE).count() == 2
    # Every program reports Q3: nothing due any more next time, and Q3 is not late after it.
    for program in masterplan.programs.all():
        ProgressReport.objects.create(program=program, year=2027, quarter=3, status="on_track")
    call_command("send_reminders", today=datetime.date(2027, 10, 20), stdout=StringIO())
    assert Notification.objects.filter(kind=Kind.REPORT_LATE).count() == 2
    assert not Notification.objects.filter(user=outsider).exists()


def test_an_assessors_verified_scores_tell_the_regions_team_once_a_day(
    bandung: Region, owner: User, colleague: User
) -> None:
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    assessor = make_user("assessor.bandung", Role.ASSESSOR, bandung)
    scores_save(
        rubric=rubric,
        region=bandung,
        user=owner,
        cells={("governance", "output"): {"self_score": "3"}},
    )
    assert not Notification.objects.exists()  # the region's own scores verify nothing
    for value in ("2,5", "3"):
        scores_save(
            rubric=rubric,
            region=bandung,
            user=assessor,
            cells={("governance", "output"): {"assessor_score": value}},
        )
    assert told(Kind.SCORE_VERIFIED) == {
        name: "Asesor memverifikasi nilai evaluasi 2027 Kota Bandung"
        for name in ("editor.bandung", "lead.bandung")
    }


def test_an_award_is_told_to_the_region_when_it_is_both_confirmed_and_public(
    bandung: Region, owner: User, officer: User
) -> None:
    rubric = Rubric.objects.create(year=2027, title="Evaluasi 2027")
    score_all(rubric, "32.73", 3.0)
    overall = next(a for a in propose_awards(rubric) if a.category == "overall")
    decide_award(overall, officer, None)
    assert not Notification.objects.exists()  # the evaluation is not public yet
    rubric_publish(rubric=rubric)
    assert told(Kind.AWARD_CONFIRMED) == {
        "editor.bandung": "Kota Bandung menerima penghargaan 2027: Terbaik umum"
    }
    decide_award(overall, officer, None)  # confirmed again: not told twice
    assert Notification.objects.filter(kind=Kind.AWARD_CONFIRMED).count() == 1
    assert Notification.objects.get(kind=Kind.AWARD_CONFIRMED).params["category"] == "overall"
