"""What waits for each person: a task appears when the work arrives and goes when it is done,
and nobody sees another region's work."""

from datetime import date

from django.core.management import call_command
from django.utils import timezone

from accounts.models import Role
from conftest import make_user
from inbox.worklist import tasks_for
from masterplans.workflow import transition
from participation.services import comment_add, comment_settle
from participation.tests.conftest import resident_comment
from readiness.defaults import questionnaire_for
from readiness.models import Assessment
from selection.models import SelectionRound

TODAY = date(2027, 3, 1)


def texts(user) -> list[str]:  # type: ignore[no-untyped-def]
    return [task.text for task in tasks_for(user, TODAY)]


def test_the_national_team_reviews_what_was_submitted(masterplan, colleague, officer) -> None:  # type: ignore[no-untyped-def]
    assert texts(officer) == []
    transition(masterplan, "submit", colleague)
    assert texts(officer) == ["Tinjau masterplan Kota Bandung (diajukan)"]
    transition(masterplan, "approve", officer)
    assert texts(officer) == []


def test_the_regions_team_sees_its_draft_comments_and_residents(
    masterplan, owner, mentor, window, outsider
) -> None:  # type: ignore[no-untyped-def]
    assert texts(owner) == [
        "Lengkapi draf masterplan (ketua tim Anda yang mengajukannya untuk ditinjau)"
    ]
    comment = comment_add(masterplan=masterplan, user=mentor, text="Perjelas KPI.")
    comment_add(masterplan=masterplan, user=mentor, text="Tambahkan mitra.")
    resident_comment(masterplan, {"name": "Warga", "text": "Setuju."}, "10.0.0.1")
    assert texts(owner)[1:] == [
        "2 komentar pendampingan perlu diselesaikan atau diterima",
        "1 komentar warga menunggu moderasi",
    ]
    comment_settle(comment=comment, user=owner, status="resolved", note="KPI diperjelas.")
    assert "1 komentar pendampingan perlu diselesaikan atau diterima" in texts(owner)
    assert texts(outsider) == []


def test_a_mentor_sees_the_assigned_regions_draft_and_unsettled_comments(
    masterplan, mentor, owner
) -> None:  # type: ignore[no-untyped-def]
    assert texts(mentor) == ["Dampingi masterplan (draf)"]
    comment = comment_add(masterplan=masterplan, user=mentor, text="Perjelas KPI.")
    assert texts(mentor)[1] == "1 komentar Anda belum ditanggapi daerah"
    comment_settle(comment=comment, user=owner, status="accepted", note="Sudah sesuai RPJMD.")
    assert texts(mentor) == ["Dampingi masterplan (draf)"]


def test_readiness_waits_for_the_team_then_for_the_assigned_assessor(bandung, owner) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    assessor = make_user("asesor.bandung", Role.ASSESSOR, bandung)
    assessment = Assessment.objects.create(region=bandung, questionnaire=questionnaire_for(cohort))
    assert texts(owner) == ["Isi analisis kesiapan mandiri lalu ajukan"]
    assert texts(assessor) == []
    assessment.submitted_at = timezone.now()
    assessment.save()
    assert texts(owner) == []
    assert texts(assessor) == ["Beri nilai analisis kesiapan yang diajukan daerah"]


def test_the_notifications_page_lists_the_tasks_first(masterplan, colleague, login) -> None:  # type: ignore[no-untyped-def]
    body = login(colleague).get("/untuk-anda/").content.decode()
    assert (
        body.index("Menunggu Anda")
        < body.index("Lengkapi draf masterplan")
        < body.index("Notifikasi</h2>")
    )


def test_a_mentors_and_an_assessors_tasks_take_the_same_queries_for_2_or_20_regions(
    db,
) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from masterplans.tests.factories import make_masterplan
    from regions.models import Region

    regions = list(Region.objects.order_by("code")[:20])
    for region in regions:
        make_masterplan(region.code)
    counts = []
    for size in (2, 20):
        mentor = make_user(f"mentor.{size}", Role.MENTOR, regions[0])
        assessor = make_user(f"asesor.{size}", Role.ASSESSOR, regions[0])
        for region in regions[1:size]:
            for person, role in ((mentor, Role.MENTOR), (assessor, Role.ASSESSOR)):
                person.memberships.create(role=role, region=region)
        with CaptureQueriesContext(connection) as queries:
            mentor_tasks = tasks_for(mentor, TODAY)
            tasks_for(assessor, TODAY)
        assert len(mentor_tasks) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
