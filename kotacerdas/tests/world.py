"""The world every route-table test stands in: one user per persona and the objects the
route table's placeholders name (``kotacerdas.access_matrix``), made on first use."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken, Membership, Role, User
from evaluation.models import Award, Rubric
from kotacerdas import access_matrix as matrix
from masterplans.models import Masterplan, Program
from masterplans.tests.factories import make_masterplan
from monitoring.models import Evidence, Milestone, ProgressReport
from participation.models import Comment, ConsultationWindow, PublicComment
from regions.models import Region
from selection.models import RoundStatus, SelectionRound

OWN, OTHER = "32.73", "32.75"


PERSONA_ROLES: dict[str, tuple[Role | None, str | None]] = {
    "anonymous": (None, None),
    "viewer": (Role.VIEWER, None),
    "assessor": (Role.ASSESSOR, None),
    "mentor": (Role.MENTOR, OWN),
    "editor": (Role.REGIONAL_EDITOR, OWN),
    "lead": (Role.REGIONAL_LEAD, OWN),
    "outsider": (Role.REGIONAL_EDITOR, OTHER),
    "officer": (Role.PROGRAM_OFFICER, None),
    "admin": (Role.NATIONAL_ADMIN, None),
}


@pytest.fixture
def personas(db) -> dict[str, User | None]:  # type: ignore[no-untyped-def]
    return make_personas()


# What most routes of the table stand on and takes long to make (a complete masterplan, the
# 2017 cohort): made once per test module, not once per case.
PREBUILT = (
    "OWN_MASTERPLAN",
    "OWN_COMMITMENTS",
    "PUBLISHED_ROUND",
    "DRAFT_ROUND",
    "COMPUTED_ROUND",
)


@pytest.fixture(scope="module")
def signed_in(world: dict[str, User | None], django_db_blocker: Any) -> dict[str, tuple[str, str]]:
    """Each persona's session key and API token key, made once per module in the world's
    transaction (a case that logs out or deletes the token is rolled back with the case)."""
    keys = {}
    with django_db_blocker.unblock():
        for persona, user in world.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                session = client.cookies[settings.SESSION_COOKIE_NAME].value
                keys[persona] = (session, ApiToken.issue(user=user, name="persona")[1])
    return keys


def client_as(persona: str, signed_in: dict[str, tuple[str, str]]) -> Client:
    """A test client with the persona's session (anonymous: none)."""
    client = Client()
    if persona in signed_in:
        client.cookies[settings.SESSION_COOKIE_NAME] = signed_in[persona][0]
    return client


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Any:  # type: ignore[no-untyped-def]
    """The personas and the PREBUILT objects, made once for a test module inside a transaction
    that is rolled back when the module ends. Each test (with pytest-django's ``db``) runs in a
    savepoint of it and is rolled back to it: every case starts from the same world, as if it
    had made it itself, without making it again."""
    with django_db_blocker.unblock(), transaction.atomic():
        users = make_personas()
        for placeholder in PREBUILT:
            fill(placeholder, users)
        yield users
        transaction.set_rollback(True)


def make_personas() -> dict[str, User | None]:
    assert set(PERSONA_ROLES) == set(matrix.PERSONAS)
    users: dict[str, User | None] = {"anonymous": None}
    for persona, (role, code) in PERSONA_ROLES.items():
        if role is None:
            continue
        user = User.objects.create_user(
            f"persona.{persona}", is_staff=persona == "admin", is_superuser=persona == "admin"
        )
        region = Region.objects.get(code=code) if code else None
        Membership.objects.create(user=user, role=role, region=region)
        users[persona] = user
    return users


def fill(value: Any, users: dict[str, User | None]) -> Any:
    if value == "OWN":
        return OWN
    if value == "OTHER":
        return OTHER
    if value == "CURRENT":
        return Region.objects.get(code=OWN).version
    if value == "DRAFT_ROUND":
        return SelectionRound.objects.get_or_create(
            name="Putaran uji matriks",
            defaults={"year": 2026, "total": 10, "indicator_year": 2024, "weights": {"kkd": 1}},
        )[0].pk
    if value == "COMPUTED_ROUND":
        return SelectionRound.objects.get_or_create(
            name="Putaran uji matriks (dihitung)",
            defaults={
                "year": 2026,
                "total": 10,
                "indicator_year": 2024,
                "weights": {"kkd": 1},
                "status": RoundStatus.COMPUTED,
            },
        )[0].pk
    if value == "OWN_REGION_PK":
        return Region.objects.get(code=OWN).pk
    if value == "OWN_COMMITMENTS":
        from commitments.tests.factories import make_commitments

        return make_commitments(OWN).code
    if value in ("OWN_COMMENT", "CONSULTED_MASTERPLAN", "OWN_PUBLIC_COMMENT", "CONFIRM_TOKEN"):
        masterplan = Masterplan.objects.get(pk=fill("OWN_MASTERPLAN", users))
        if value == "OWN_COMMENT":
            return Comment.objects.create(masterplan=masterplan, text="Perjelas KPI.").pk
        now = timezone.now()
        window = ConsultationWindow.objects.filter(masterplan=masterplan).first()
        window = window or ConsultationWindow.objects.create(
            masterplan=masterplan, opens_at=now, closes_at=now + timedelta(days=30)
        )
        if value == "OWN_PUBLIC_COMMENT":
            return PublicComment.objects.create(
                window=window, name="Warga", text="Setuju", confirmed_at=now
            ).pk
        if value == "CONFIRM_TOKEN":
            from participation.services import _token_hash

            PublicComment.objects.create(
                window=window,
                name="Warga",
                email="warga@example.id",
                text="Setuju",
                token_hash=_token_hash("token-uji-matriks"),
            )
            return "token-uji-matriks"
        return masterplan.pk
    if value == "ASSESSED_COHORT":
        from readiness.defaults import questionnaire_for
        from readiness.models import Assessment

        cohort = SelectionRound.objects.get(pk=fill("PUBLISHED_ROUND", users))
        Assessment.objects.get_or_create(
            region=Region.objects.get(code=OWN), questionnaire=questionnaire_for(cohort)
        )
        return cohort.pk
    if value == "READINESS_ITEM":
        from readiness.defaults import questionnaire_for

        cohort = SelectionRound.objects.get(pk=fill("PUBLISHED_ROUND", users))
        return questionnaire_for(cohort).items.first().pk  # type: ignore[union-attr]
    if value == "COHORT_WORKSHOP":
        from mentoring.models import Workshop

        cohort = SelectionRound.objects.get(pk=fill("PUBLISHED_ROUND", users))
        workshop = Workshop.objects.get_or_create(
            cohort=cohort,
            number=1,
            defaults={
                "start_date": date(2017, 6, 13),
                "end_date": date(2017, 6, 15),
                "place": "Jakarta",
            },
        )[0]
        return workshop.number
    if value == "SESSION_WORKSHOP":
        from mentoring.models import Section, Session, Workshop

        cohort = SelectionRound.objects.get(pk=fill("PUBLISHED_ROUND", users))
        workshop = Workshop.objects.get(cohort=cohort, number=fill("COHORT_WORKSHOP", users))
        if not Session.objects.filter(workshop=workshop, region__code=OWN).exists():
            session = Session(
                workshop=workshop,
                region=Region.objects.get(code=OWN),
                start_date=date(2017, 6, 13),
                end_date=date(2017, 6, 14),
                place="Balai Kota Bandung",
                section=Section.ANALYSIS,
                minutes_name="notulen.pdf",
            )
            session.minutes.save("notulen.pdf", SimpleUploadedFile("n.pdf", b"%PDF-1.4 notulen"))
        return workshop.number
    if value == "PUBLISHED_ROUND":
        from django.core.management import call_command

        if not SelectionRound.objects.filter(year=2017).exists():
            call_command("load_history", verbosity=0)
        return SelectionRound.objects.get(year=2017).pk
    if value in ("OPEN_YEAR", "OWN_AWARD"):
        rubric = Rubric.objects.get_or_create(year=2027, defaults={"title": "Evaluasi uji"})[0]
        if value == "OPEN_YEAR":
            return rubric.year
        own = Region.objects.get(code=OWN)
        return Award.objects.get_or_create(
            rubric=rubric, category="overall", defaults={"proposed": own, "region": own}
        )[0].pk
    if value == "RANKED_PERIOD":
        from monitoring.models import DeliveryRanking, DeliveryScore

        ranking, created = DeliveryRanking.objects.get_or_create(
            period="2026-Q3",
            defaults={
                "year": 2026,
                "quarter": 3,
                "computed_at": timezone.now(),
                "method_version": 1,
            },
        )
        if created:
            DeliveryScore.objects.create(
                ranking=ranking,
                region=Region.objects.get(code=OWN),
                rank=1,
                score="75.00",
                stages_due=0,
                stages_on_time=0,
                planned=0,
                realised=0,
                reports_due=4,
                reports_on_time=3,
                punctuality="0.7500",
            )
        return ranking.period
    if value in ("OWN_MILESTONE", "OWN_EVIDENCE"):
        program = Program.objects.get(pk=fill("OWN_PROGRAM", users))
        if value == "OWN_MILESTONE":
            return Milestone.objects.create(program=program, title="m", due_date="2027-06-30").pk
        report = ProgressReport.objects.create(program=program, year=2027, quarter=1, status="done")
        upload = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti")
        return Evidence.objects.create(
            report=report, file=upload, kind="pdf", original_name="bukti.pdf", size=14
        ).pk
    if value == "PUBLISHED_YEAR":
        from evaluation.models import RubricStatus, Score

        rubric = Rubric.objects.get_or_create(
            year=2026, defaults={"title": "Evaluasi uji 2026", "status": RubricStatus.PUBLISHED}
        )[0]
        Score.objects.get_or_create(
            rubric=rubric,
            region=Region.objects.get(code=OWN),
            dimension="living",
            component="impact",
            defaults={"assessor_score": 3, "verified_at": timezone.now()},
        )
        return rubric.year
    if value == "COMPLETED_REGION":
        from masterplans.workflow import masterplan_version_record

        completed = make_masterplan(OTHER, status="approved")
        masterplan_version_record(masterplan=completed, user=None, note="Disetujui")
        return OTHER
    if value in ("ENROLMENT_ROUND", "DECIDED_ROUND"):
        return _enrolment_round(value, users)
    if value == "OWN_BOOK_JOB":
        from jobs.models import Job, JobStatus

        masterplan_pk = fill("OWN_MASTERPLAN", users)
        job = Job(kind="masterplan_book", key="matrix", params={"masterplan": masterplan_pk})
        job.status, job.filename = JobStatus.DONE, "buku.pdf"
        job.file.save("buku.pdf", SimpleUploadedFile("buku.pdf", b"%PDF-1.4 buku"))
        return job.pk
    if value == "DELETED_PROGRAM":
        from masterplans.tests.factories import make_program
        from trash.services import trash_delete

        masterplan = Masterplan.objects.get(pk=fill("OWN_MASTERPLAN", users))
        doomed = make_program(masterplan, "governance", 9)
        return trash_delete(obj=doomed, user=users["editor"], label=lambda: "Program GOV-09").pk
    if value in ("OWN_MASTERPLAN", "OWN_PROGRAM", "OWN_ANALYSIS", "OWN_KPI"):
        masterplan = Masterplan.objects.filter(region__code=OWN).first() or make_masterplan(OWN)
        if value == "OWN_PROGRAM":
            return masterplan.programs.first().pk  # type: ignore[union-attr]
        if value == "OWN_KPI":
            return masterplan.programs.first().kpis.first().pk  # type: ignore[union-attr]
        if value == "OWN_ANALYSIS":
            return masterplan.analysis.first().pk  # type: ignore[union-attr]
        return masterplan.pk
    if value == "ROUND_VERSION":
        return SelectionRound.objects.get(name="Putaran uji matriks").version
    if value == "OWN_TOKEN":
        owner = users["editor"]
        token = (
            ApiToken.objects.filter(user=owner).first()
            or ApiToken.issue(user=owner, name="milik editor")[0]
        )  # type: ignore[arg-type]
        return token.pk
    return value


def _enrolment_round(value: str, users: dict[str, User | None]) -> int:
    """A published ranking of three regions, the own and the other invited, the sheet set and
    the assessor on the panel; DECIDED_ROUND: both selected, the own region's MoU signed with
    its scan, the other's to sign."""
    from enrolment.models import Agreement, Criterion, Decision, Invitation, Origin, Panelist
    from selection.models import RoundResult

    decided = value == "DECIDED_ROUND"
    name = "Putaran uji tahapan" + (" (diputuskan)" if decided else "")
    found = SelectionRound.objects.filter(name=name).first()
    if found is not None:
        return found.pk
    selection_round = SelectionRound.objects.create(
        name=name,
        year=2026,
        total=2,
        indicator_year=2024,
        weights={"kkd": 1},
        status=RoundStatus.PUBLISHED,
    )
    invitations = {}
    for rank, code in enumerate((OWN, OTHER, "32.77"), start=1):
        region = Region.objects.get(code=code)
        RoundResult.objects.create(
            round=selection_round, region=region, rank=rank, selected=rank <= 2, reason="x"
        )
        if rank <= 2:
            invitations[code] = Invitation.objects.create(
                round=selection_round, region=region, origin=Origin.QUOTA, rank=rank
            )
    Criterion.objects.create(round=selection_round, name="Visi kepala daerah", weight=40)
    Criterion.objects.create(round=selection_round, name="Kesiapan", weight=60, max_score=10)
    Panelist.objects.create(round=selection_round, user=users["assessor"])
    if decided:
        Decision.objects.create(
            round=selection_round,
            number="B-1/DJAI/2026",
            date=date(2026, 5, 31),
            signatory="Dirjen",
            signatory_title="Ditjen Aptika",
        )
        for code, invitation in invitations.items():
            invitation.selected = True
            invitation.save()
            agreement = Agreement(invitation=invitation)
            if code == OWN:
                agreement.signed_on = date(2026, 6, 10)
                agreement.scan_name = "mou.pdf"
                agreement.scan.save("mou.pdf", SimpleUploadedFile("mou.pdf", b"%PDF-1.4 mou"))
            agreement.save()
    return selection_round.pk
