"""Who may read and who may write every page and API route: the table the access tests check.

Every URL pattern and every OpenAPI operation must have a line here; a test walks Django's URL
resolver and the OpenAPI schema and fails for any route without one. It then requests every
route as every persona and checks that exactly the audience listed gets through.

Personas, relative to the "own" region of a check (Kota Bandung, 32.73):
  anonymous      not signed in
  viewer         national viewer
  assessor       national assessor
  mentor         mentor assigned to the own region
  editor         regional editor of the own region
  lead           regional smart city lead of the own region
  outsider       regional editor of another region (Kota Bekasi, 32.75)
  officer        national program officer
  admin          national administrator (Django staff)

Placeholders in ``kwargs`` and payloads: ``OWN`` (own region code), ``OWN_TOKEN`` (id of an API
token belonging to the editor), ``DRAFT_ROUND`` (id of a draft selection round),
``COMPUTED_ROUND`` (id of a computed, unpublished round), ``OWN_REGION_PK`` (database id of
the own region), ``OWN_MASTERPLAN`` (a complete draft masterplan of the own region) with its
``OWN_PROGRAM``, ``OWN_ANALYSIS``, ``OWN_MILESTONE`` and ``OWN_EVIDENCE``; ``OPEN_YEAR``
(year of an evaluation open for scoring) and ``OWN_AWARD`` (its overall award, given to the
own region); ``OWN_COMMENT`` (a mentor's comment on OWN_MASTERPLAN), ``CONSULTED_MASTERPLAN``
(OWN_MASTERPLAN with a consultation open), ``OWN_PUBLIC_COMMENT`` (a resident's confirmed
comment) and ``CONFIRM_TOKEN`` (the link's token of a resident's comment not yet confirmed);
``DELETED_PROGRAM`` (a program of OWN_MASTERPLAN deleted by the editor, to restore);
``PUBLISHED_ROUND`` (the 2017 cohort), ``ASSESSED_COHORT`` (it, with the own region's
readiness assessment opened), ``READINESS_ITEM`` (the first item of its questionnaire),
``COHORT_WORKSHOP`` (number of its first bimtek), ``SESSION_WORKSHOP`` (it, held for the
own region with its minutes); ``OWN_BOOK_JOB`` (the finished job that
typeset OWN_MASTERPLAN's book); ``COMPLETED_REGION`` (the code of the other region, whose
masterplan was approved); ``PUBLISHED_YEAR`` (a published evaluation that ranked the own
region); ``ENROLMENT_ROUND`` (a published ranking with the own and the other region invited,
the interview sheet set and the assessor on the panel) and ``DECIDED_ROUND`` (one decided: the
own region's MoU signed with its scan, the other's to sign); ``OTHER`` (the other region);
``OWN_COMMITMENTS`` (the own region's code, its commitments recorded with their scans: made
with the world, as OWN_MASTERPLAN's region is in the 2017 cohort and submits only with them).
``RANKED_PERIOD``: a quarter with a stored delivery ranking that ranks the own region.
"""

from dataclasses import dataclass, field
from typing import Any

PERSONAS = (
    "anonymous",
    "viewer",
    "assessor",
    "mentor",
    "editor",
    "lead",
    "outsider",
    "officer",
    "admin",
)

EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
NATIONAL_STAFF = frozenset({"officer", "admin"})
REGION_TEAM = frozenset({"editor", "lead"}) | NATIONAL_STAFF
DJANGO_STAFF = frozenset({"admin"})
NATIONAL_ROLES = NATIONAL_STAFF | {"viewer", "assessor"}
NOBODY: frozenset[str] = frozenset()
REGION_WRITERS = frozenset({"editor", "lead"})
MASTERPLAN_READERS = NATIONAL_ROLES | {"mentor", "editor", "lead"}
MASTERPLAN_STARTERS = NATIONAL_STAFF | {"lead"}
COMMENTERS = NATIONAL_STAFF | {"editor", "lead", "mentor"}
READINESS_READERS = NATIONAL_ROLES | {"editor", "lead", "mentor"}

# Who is told 404: a draft is hidden from those who may not read it. Reading it, an anonymous
# visitor is told it does not exist; changing it, anyone is first asked to log in.
NOT_MASTERPLAN_READERS = EVERYONE - MASTERPLAN_READERS
MASTERPLAN_HIDDEN = frozenset({"outsider"})
NOT_NATIONAL = EVERYONE - NATIONAL_ROLES - {"admin"}
DRAFT_ROUND_HIDDEN = NOT_NATIONAL - {"anonymous"}
OPEN_EVALUATION_HIDDEN = NOT_NATIONAL - {"anonymous"}
# A region's evaluation: read by national roles and the region's own team.
EVALUATION_REGION_HIDDEN = NOT_NATIONAL - REGION_WRITERS

# Why a request the persona is let through writes nothing (Check.no_write).
EMPTY_FORM = "an empty form, refused field by field (test_forms_as_typed saves the real one)"
PROGRESS_ON_A_DRAFT = "progress is reported once a masterplan is approved: refused on this draft"


@dataclass(frozen=True)
class Check:
    """One request of a route and the personas that must get through.

    Everyone else is refused with the exact answer (see ``Route``). A persona that gets
    through a write (any method but GET) must have written something (a recorded change),
    unless ``no_write`` says why the request, though let through, writes nothing, or
    ``answer`` names the refusal of the endpoint itself that it gets.
    """

    method: str
    allowed: frozenset[str]
    data: dict[str, Any] = field(default_factory=dict)
    no_write: str = ""
    # The endpoint's own refusal every allowed persona gets for this request (reached, and told
    # why: 409, 422, 428), where the world cannot offer a request it accepts; 0: a success.
    answer: int = 0


@dataclass(frozen=True)
class Route:
    """A route's checks. A persona a check refuses is told 404 if the route hides from it that
    the thing exists (``hidden``: a draft from those who may not read it); otherwise an
    anonymous visitor is sent to log in (a page) or told 401 (the API), and a signed-in
    persona is told 403."""

    checks: tuple[Check, ...]
    kwargs: dict[str, str] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()


def read(allowed: frozenset[str], hidden: frozenset[str] = frozenset(), **kwargs: str) -> Route:
    return Route((Check("GET", allowed),), kwargs, hidden)


# Pages, by URL name. "admin:*" stands for every route of the Django admin.
PAGES: dict[str, Route] = {
    "portal:home": read(EVERYONE),
    "portal:about": read(EVERYONE),
    "portal:dashboard": read(EVERYONE),
    "portal:open_data": read(EVERYONE),
    "portal:open_data_file": read(EVERYONE, dataset="program", fmt="csv"),
    # Help: a guide per role and the glossary, public.
    "guide:index": read(EVERYONE),
    "guide:glossary": read(EVERYONE),
    "guide:national": read(EVERYONE),
    "guide:regional": read(EVERYONE),
    "guide:mentor": read(EVERYONE),
    "guide:assessor": read(EVERYONE),
    "guide:public": read(EVERYONE),
    "regions:list": read(EVERYONE),
    "regions:detail": read(EVERYONE, code="OWN"),
    "regions:edit": Route(
        (
            Check("GET", REGION_TEAM),
            Check(
                "POST",
                REGION_TEAM,
                {"website": "", "contact_email": "", "description": "x", "version": "CURRENT"},
            ),
        ),
        {"code": "OWN"},
    ),
    "regions:history": read(
        NATIONAL_STAFF | {"viewer", "assessor", "mentor", "editor", "lead"}, code="OWN"
    ),
    # A region's commitments (Dewan Smart City, Tim Pelaksana, SKs, statement, contact
    # persons): never public; read by national roles and the region's own people, recorded by
    # its team and the national team. The real saves: test_forms_as_typed and commitments tests.
    "commitments:overview": read(NATIONAL_ROLES | {"mentor", "editor", "lead"}, code="OWN"),
    "commitments:council": Route(
        (Check("GET", REGION_TEAM), Check("POST", REGION_TEAM, no_write=EMPTY_FORM)),
        {"code": "OWN_COMMITMENTS"},
    ),
    "commitments:team": Route(
        (Check("GET", REGION_TEAM), Check("POST", REGION_TEAM, no_write=EMPTY_FORM)),
        {"code": "OWN_COMMITMENTS"},
    ),
    "commitments:statement": Route(
        (Check("GET", REGION_TEAM), Check("POST", REGION_TEAM, no_write=EMPTY_FORM)),
        {"code": "OWN_COMMITMENTS"},
    ),
    "commitments:contacts": Route(
        (Check("GET", REGION_TEAM), Check("POST", REGION_TEAM, no_write=EMPTY_FORM)),
        {"code": "OWN_COMMITMENTS"},
    ),
    "commitments:scan": read(
        NATIONAL_ROLES | {"mentor", "editor", "lead"}, code="OWN_COMMITMENTS", document="sk-dewan"
    ),
    "selection:indicators": read(EVERYONE),
    "selection:template": read(EVERYONE, fmt="xlsx"),
    "selection:import": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check("POST", NATIONAL_STAFF, no_write="no file: refused (indicator import tests)"),
        ),
    ),
    "selection:rounds": read(EVERYONE),
    "selection:round_compare": read(EVERYONE),
    # A draft round; published rounds are public (selection/tests/test_round_pages.py).
    "selection:round": read(NATIONAL_ROLES, pk="DRAFT_ROUND", hidden=NOT_NATIONAL),
    # Exports of a computed draft; a published round's export is public (test_round_pages.py).
    "selection:round_export": read(
        NATIONAL_ROLES, pk="COMPUTED_ROUND", fmt="csv", hidden=NOT_NATIONAL
    ),
    "selection:round_new": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                no_write=EMPTY_FORM,
            ),
        )
    ),
    "selection:round_edit": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                no_write=EMPTY_FORM,
            ),
        ),
        {"pk": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
    "selection:round_preview_new": Route(
        (Check("POST", NATIONAL_STAFF, no_write="a preview computes and shows; it stores nothing"),)
    ),
    "selection:round_preview": Route(
        (
            Check(
                "POST", NATIONAL_STAFF, no_write="a preview computes and shows; it stores nothing"
            ),
        ),
        {"pk": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
    "selection:round_compute": Route(
        (
            Check(
                "POST",
                NATIONAL_STAFF,
                no_write="no indicator values in the world: refused with the reason",
            ),
        ),
        {"pk": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
    "selection:round_publish": Route(
        (Check("POST", NATIONAL_STAFF, no_write="a round not computed: refused with the reason"),),
        {"pk": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
    "selection:round_override": Route(
        (Check("POST", NATIONAL_STAFF, no_write="a round not computed: refused with the reason"),),
        {"pk": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
    # From the ranking to the MoU of a published round: everyone sees the steps; the
    # national team invites, sets the sheet and panel, schedules and decides; the assessor on
    # the panel scores; the MoU to sign and its scan are the region's team's too.
    "enrolment:overview": read(EVERYONE, pk="ENROLMENT_ROUND"),
    "enrolment:invite": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                {"count": "2"},
                no_write="the list exists: refused with the reason (enrolment tests)",
            ),
        ),
        {"pk": "ENROLMENT_ROUND"},
    ),
    "enrolment:change": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                {"region": "32.77", "action": "invite", "reason": "Kesiapan terverifikasi"},
            ),
        ),
        {"pk": "ENROLMENT_ROUND"},
    ),
    "enrolment:panel": Route(
        (Check("GET", NATIONAL_STAFF), Check("POST", NATIONAL_STAFF, no_write=EMPTY_FORM)),
        {"pk": "ENROLMENT_ROUND"},
    ),
    "enrolment:schedule": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                {"interview_at": "2026-06-01T09:00", "interview_place": "Zoom", "version": "1"},
            ),
        ),
        {"pk": "ENROLMENT_ROUND", "code": "OWN"},
    ),
    "enrolment:sheet": Route(
        (
            Check("GET", frozenset({"assessor"})),
            Check("POST", frozenset({"assessor"}), {"notes": "Visi jelas", "version": "0"}),
        ),
        {"pk": "ENROLMENT_ROUND", "code": "OWN"},
    ),
    "enrolment:decision": Route(
        (Check("GET", NATIONAL_STAFF), Check("POST", NATIONAL_STAFF, no_write=EMPTY_FORM)),
        {"pk": "ENROLMENT_ROUND"},
    ),
    "enrolment:decision_letter": read(EVERYONE, pk="DECIDED_ROUND"),
    "enrolment:mou": read(NATIONAL_ROLES | REGION_WRITERS, pk="DECIDED_ROUND", code="OWN"),
    "enrolment:scan": read(NATIONAL_ROLES | REGION_WRITERS, pk="DECIDED_ROUND", code="OWN"),
    "enrolment:sign": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check("POST", NATIONAL_STAFF, no_write="no scan: refused field by field"),
        ),
        {"pk": "DECIDED_ROUND", "code": "OTHER"},
    ),
    # A region's own session of a bimtek stage: the national team schedules it; its minutes
    # are uploaded by the national team, the region's team or its mentor, and read by them
    # and national roles.
    "mentoring:session": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                {
                    "start_date": "2017-06-13",
                    "end_date": "2017-06-15",
                    "place": "Aula Setda",
                    "section": "analysis",
                    "version": "1",
                },
            ),
        ),
        {"cohort": "PUBLISHED_ROUND", "number": "SESSION_WORKSHOP", "code": "OWN"},
    ),
    "mentoring:session_minutes": Route(
        (
            Check("GET", NATIONAL_STAFF | REGION_WRITERS | {"mentor"}),
            Check(
                "POST",
                NATIONAL_STAFF | REGION_WRITERS | {"mentor"},
                no_write="no file: refused field by field (session tests)",
            ),
        ),
        {"cohort": "PUBLISHED_ROUND", "number": "SESSION_WORKSHOP", "code": "OWN"},
    ),
    "mentoring:session_minutes_file": read(
        NATIONAL_ROLES | REGION_WRITERS | {"mentor"},
        cohort="PUBLISHED_ROUND",
        number="SESSION_WORKSHOP",
        code="OWN",
    ),
    # Masterplans. OWN_MASTERPLAN is a complete draft of Kota Bandung's; drafts are read by
    # national roles and the region's own people (team, mentor), written by its team only.
    "masterplans:list": read(EVERYONE),
    "masterplans:library": read(EVERYONE),
    # A cohort's workshops follow its round: a draft round's for national roles only.
    "mentoring:workshops": read(NATIONAL_ROLES, cohort="DRAFT_ROUND", hidden=NOT_NATIONAL),
    "mentoring:workshops_xlsx": read(NATIONAL_ROLES, cohort="DRAFT_ROUND", hidden=NOT_NATIONAL),
    # The national team schedules the bimtek; every region's team records its own attendance
    # (the outsider's region is in the 2017 cohort too); nobody else.
    "mentoring:workshop_new": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                {"number": 2, "start_date": "2017-07-18", "end_date": "2017-07-20", "place": "X"},
            ),
        ),
        {"cohort": "PUBLISHED_ROUND"},
    ),
    "mentoring:assignments": Route(
        (
            Check("GET", NATIONAL_ROLES),
            Check(
                "POST",
                NATIONAL_STAFF,
                {"region": "OWN_REGION_PK", "role": "mentor", "person": "persona.viewer"},
            ),
        ),
        {"cohort": "PUBLISHED_ROUND"},
    ),
    "mentoring:workshop_edit": Route(
        (Check("GET", NATIONAL_STAFF),), {"cohort": "PUBLISHED_ROUND", "number": "COHORT_WORKSHOP"}
    ),
    "mentoring:workshop_signin": read(
        NATIONAL_STAFF, cohort="PUBLISHED_ROUND", number="COHORT_WORKSHOP"
    ),
    "mentoring:workshop_attendance": Route(
        (
            Check("GET", REGION_TEAM | {"outsider"}),
            Check(
                "POST",
                REGION_TEAM | {"outsider"},
                no_write=EMPTY_FORM,
            ),
        ),
        {"cohort": "PUBLISHED_ROUND", "number": "COHORT_WORKSHOP"},
    ),
    "mentoring:workshop_fill_in": read(
        REGION_TEAM | {"outsider"}, cohort="PUBLISHED_ROUND", number="COHORT_WORKSHOP"
    ),
    "mentoring:workshop_attendance_import": Route(
        (
            Check("GET", REGION_TEAM | {"outsider"}),
            Check(
                "POST",
                REGION_TEAM | {"outsider"},
                no_write="no file: refused (attendance import tests)",
            ),
        ),
        {"cohort": "PUBLISHED_ROUND", "number": "COHORT_WORKSHOP"},
    ),
    "masterplans:new": Route(
        (
            Check("GET", MASTERPLAN_STARTERS),
            Check(
                "POST",
                MASTERPLAN_STARTERS,
                {"region": "OWN_REGION_PK", "title": "M", "start_year": 2027, "period_years": 10},
                no_write="the own region has its masterplan already: refused with the reason",
            ),
        )
    ),
    "masterplans:detail": read(
        MASTERPLAN_READERS, pk="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    "masterplans:checklist": read(
        MASTERPLAN_READERS, pk="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    "masterplans:versions": read(
        MASTERPLAN_READERS, pk="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    "masterplans:download": read(
        MASTERPLAN_READERS, pk="OWN_MASTERPLAN", fmt="xlsx", hidden=NOT_MASTERPLAN_READERS
    ),
    # Long work (the book) is seen by whoever may see what it is built from.
    "jobs:detail": read(MASTERPLAN_READERS, pk="OWN_BOOK_JOB", hidden=NOT_MASTERPLAN_READERS),
    "jobs:file": read(MASTERPLAN_READERS, pk="OWN_BOOK_JOB", hidden=NOT_MASTERPLAN_READERS),
    "masterplans:import": Route(
        (
            Check("GET", REGION_WRITERS),
            Check(
                "POST",
                REGION_WRITERS,
                no_write="no file: refused (workbook import tests import real ones)",
            ),
        ),
        {"pk": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "masterplans:edit": Route(
        (
            Check("GET", REGION_WRITERS),
            Check(
                "POST",
                REGION_WRITERS,
                no_write=EMPTY_FORM,
            ),
        ),
        {"pk": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "masterplans:analysis_add": Route(
        (Check("POST", REGION_WRITERS, {"kind": "threat", "dimension": "living", "text": "x"}),),
        {"pk": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "masterplans:analysis_delete": Route(
        (Check("POST", REGION_WRITERS),),
        {"pk": "OWN_MASTERPLAN", "item": "OWN_ANALYSIS"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "masterplans:program_new": Route(
        (
            Check("GET", REGION_WRITERS),
            Check(
                "POST",
                REGION_WRITERS,
                no_write=EMPTY_FORM,
            ),
        ),
        {"pk": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "masterplans:program_edit": Route(
        (
            Check("GET", REGION_WRITERS),
            Check(
                "POST",
                REGION_WRITERS,
                no_write=EMPTY_FORM,
            ),
        ),
        {"pk": "OWN_MASTERPLAN", "program": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "masterplans:program_delete": Route(
        (Check("POST", REGION_WRITERS, {"confirmed": "1"}),),
        {"pk": "OWN_MASTERPLAN", "program": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    # Only the region's lead submits; reviewing is tested in masterplans/tests/test_workflow.py.
    "masterplans:transition": Route(
        (Check("POST", frozenset({"lead"})),),
        {"pk": "OWN_MASTERPLAN", "name": "submit"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "masterplans:new_edition": Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                no_write="a draft has no next edition: refused with the reason",
            ),
        ),
        {"pk": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    # Progress follows the masterplan's visibility; only the region's team reports.
    "monitoring:masterplan": read(
        MASTERPLAN_READERS, pk="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    "monitoring:program": read(MASTERPLAN_READERS, pk="OWN_PROGRAM", hidden=NOT_MASTERPLAN_READERS),
    "monitoring:evidence": read(
        MASTERPLAN_READERS, pk="OWN_EVIDENCE", hidden=NOT_MASTERPLAN_READERS
    ),
    "monitoring:report": Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                no_write=PROGRESS_ON_A_DRAFT,
            ),
        ),
        {"pk": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "monitoring:milestone_add": Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                no_write=PROGRESS_ON_A_DRAFT,
            ),
        ),
        {"pk": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "monitoring:kpi_actual": Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                no_write=PROGRESS_ON_A_DRAFT,
            ),
        ),
        {"pk": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "monitoring:milestone_done": Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                no_write=PROGRESS_ON_A_DRAFT,
            ),
        ),
        {"pk": "OWN_MILESTONE"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    # Follow-through by stage: the team plans and records stages and places its photos; the
    # region's photo map is for those who watch its progress; the delivery ranking is public.
    "monitoring:stage": Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                {"stage": "planned", "planned_date": "2027-01-15", "version": "0"},
                no_write=PROGRESS_ON_A_DRAFT,
            ),
        ),
        {"pk": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "monitoring:evidence_edit": Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                no_write="an empty form, refused field by field (monitoring/tests/test_geotag.py)",
            ),
        ),
        {"pk": "OWN_EVIDENCE"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "monitoring:region_map": read(NATIONAL_ROLES | REGION_WRITERS, code="OWN"),
    "monitoring:delivery_ranking": read(EVERYONE),
    "monitoring:quick_wins": read(EVERYONE),
    # National roles see every late report; a region's team its own (Bekasi's editor too).
    "monitoring:late": read(NATIONAL_ROLES | REGION_WRITERS | {"outsider"}),
    # Evaluation. OPEN_YEAR is an evaluation still open for scoring (hidden from the public);
    # assessors of a region score it (masterplans have no such persona here: evaluation tests).
    "evaluation:rubrics": read(EVERYONE),
    "evaluation:rubric_new": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                no_write=EMPTY_FORM,
            ),
        )
    ),
    "evaluation:rubric": read(NATIONAL_ROLES, year="OPEN_YEAR", hidden=NOT_NATIONAL),
    "evaluation:rubric_publish": Route(
        (Check("POST", NATIONAL_STAFF, {"confirmed": "1"}),), {"year": "OPEN_YEAR"}
    ),
    "evaluation:stage_two": Route((Check("POST", NATIONAL_STAFF),), {"year": "OPEN_YEAR"}),
    "evaluation:rubric_edit": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                no_write=EMPTY_FORM,
            ),
        ),
        {"year": "OPEN_YEAR"},
    ),
    "evaluation:region": Route(
        (
            Check("GET", NATIONAL_ROLES | REGION_WRITERS),
            Check(
                "POST",
                REGION_WRITERS,
                no_write=EMPTY_FORM,
            ),
        ),
        {"year": "OPEN_YEAR", "code": "OWN"},
        hidden=EVALUATION_REGION_HIDDEN,
    ),
    "evaluation:awards": read(NATIONAL_ROLES, year="OPEN_YEAR", hidden=NOT_NATIONAL),
    "evaluation:awards_propose": Route((Check("POST", NATIONAL_STAFF),), {"year": "OPEN_YEAR"}),
    "evaluation:award_decide": Route(
        (Check("POST", NATIONAL_STAFF, {"confirmed": "1"}),), {"pk": "OWN_AWARD"}
    ),
    "evaluation:certificate": read(NATIONAL_ROLES, pk="OWN_AWARD", hidden=NOT_NATIONAL),
    # A published evaluation is public, and so is the letter of each region it ranked.
    "evaluation:result_letter": read(EVERYONE, year="PUBLISHED_YEAR", code="OWN"),
    # Completing a masterplan is public, and so is its certificate.
    "evaluation:completions": read(EVERYONE),
    "evaluation:completion_certificate": read(EVERYONE, code="COMPLETED_REGION"),
    # Mentoring: national staff, the region's team and its mentors comment; the team settles.
    "participation:comments": Route(
        (
            Check("GET", MASTERPLAN_READERS),
            Check("POST", COMMENTERS, {"section": "whole", "text": "Perjelas target KPI."}),
        ),
        {"pk": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "participation:reply": Route(
        (Check("POST", COMMENTERS, {"text": "Setuju."}),),
        {"pk": "OWN_COMMENT"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "participation:settle": Route(
        (Check("POST", REGION_WRITERS, {"status": "resolved"}),),
        {"pk": "OWN_COMMENT"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    # A draft in consultation is public: anyone reads it and comments (moderated).
    "participation:consultation": Route(
        (
            Check("GET", EVERYONE),
            Check(
                "POST",
                EVERYONE,
                {
                    "name": "Warga",
                    "email": "warga@example.id",
                    "section": "whole",
                    "text": "Bagus.",
                },
            ),
        ),
        {"pk": "CONSULTED_MASTERPLAN"},
    ),
    "participation:consultation_close": Route(
        (Check("POST", frozenset({"lead"}), {"confirmed": "1"}),), {"pk": "CONSULTED_MASTERPLAN"}
    ),
    "participation:consultation_notice": read(
        NATIONAL_STAFF | REGION_WRITERS, pk="CONSULTED_MASTERPLAN"
    ),
    # The link sent to a resident: anyone who has it confirms the comment.
    "participation:confirm": Route(
        (Check("GET", EVERYONE), Check("POST", EVERYONE)), {"token": "CONFIRM_TOKEN"}
    ),
    "participation:consultation_open": Route(
        (
            Check(
                "POST", frozenset({"lead"}), {"closes_at": "2099-12-31", "intro": "Mohon masukan."}
            ),
        ),
        {"pk": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    "participation:moderation": Route(
        (
            Check("GET", NATIONAL_STAFF | REGION_WRITERS),
            Check(
                "POST",
                NATIONAL_STAFF | REGION_WRITERS,
                {"comment": "OWN_PUBLIC_COMMENT", "status": "approved", "version": "1"},
            ),
        ),
        {"pk": "CONSULTED_MASTERPLAN"},
    ),
    "participation:summary": Route(
        (Check("POST", NATIONAL_STAFF | REGION_WRITERS),), {"pk": "CONSULTED_MASTERPLAN"}
    ),
    "inbox:home": Route(
        (Check("GET", SIGNED_IN), Check("POST", SIGNED_IN, no_write="nothing unread to mark"))
    ),
    # Deleted records: a national administrator finds and restores them.
    "trash:list": read(DJANGO_STAFF),
    "trash:restore": Route(
        (Check("POST", DJANGO_STAFF, {"confirmed": "1"}),), {"pk": "DELETED_PROGRAM"}
    ),
    "inbox:preferences": Route(
        (Check("GET", SIGNED_IN), Check("POST", SIGNED_IN, {"email": "digest", "language": "en"}))
    ),
    # Readiness of the 2017 cohort (PUBLISHED_ROUND): the own region's team answers; no
    # persona here is a regionally assigned assessor (readiness tests cover scoring).
    "readiness:items": Route(
        (
            Check("GET", READINESS_READERS - {"editor", "lead", "mentor"}),
            Check("POST", NATIONAL_STAFF),
        ),
        {"cohort": "PUBLISHED_ROUND"},
    ),
    "readiness:assessment": Route(
        (Check("GET", READINESS_READERS), Check("POST", REGION_WRITERS, {"version": "1"})),
        {"cohort": "PUBLISHED_ROUND", "code": "OWN"},
    ),
    "readiness:submit": Route(
        (Check("POST", REGION_WRITERS),), {"cohort": "PUBLISHED_ROUND", "code": "OWN"}
    ),
    # A cohort's overview lists the regions each persona may read (Bekasi's editor its own).
    "readiness:cohort": read(READINESS_READERS | {"outsider"}, cohort="PUBLISHED_ROUND"),
    "readiness:item_edit": Route(
        (
            Check("GET", NATIONAL_STAFF),
            Check(
                "POST",
                NATIONAL_STAFF,
                {"part": "struktur", "subpart": "people", "text": "x", "weight": 2, "version": 1},
            ),
        ),
        {"cohort": "PUBLISHED_ROUND", "pk": "READINESS_ITEM"},
    ),
    "readiness:profile": read(READINESS_READERS, cohort="PUBLISHED_ROUND", code="OWN"),
    "readiness:export": read(READINESS_READERS, cohort="PUBLISHED_ROUND", code="OWN"),
    "readiness:reopen": Route(
        (Check("POST", NATIONAL_STAFF),), {"cohort": "PUBLISHED_ROUND", "code": "OWN"}
    ),
    "accounts:account": read(SIGNED_IN),
    "accounts:login": Route(
        (
            Check("GET", EVERYONE),
            Check(
                "POST",
                EVERYONE,
                {"username": "x", "password": "y"},
                no_write="a wrong password, refused",
            ),
        )
    ),
    "accounts:logout": Route(
        (Check("POST", EVERYONE, no_write="ends the session; nothing is stored"),)
    ),
    "accounts:unlock_request": Route(
        (
            Check(
                "POST",
                EVERYONE,
                {"username": "siapa.saja"},
                no_write="an account nobody has: nothing is sent, the page says the same",
            ),
        )
    ),
    "accounts:unlock": read(EVERYONE, token="bukan-tautan"),  # noqa: S106 (a wrong link)
    "accounts:password_change": Route(
        (
            Check("GET", SIGNED_IN),
            Check(
                "POST",
                SIGNED_IN,
                no_write="an empty form, refused field by field (account tests change one)",
            ),
        )
    ),
    "accounts:password_reset": Route(
        (
            Check("GET", EVERYONE),
            Check(
                "POST",
                EVERYONE,
                {"email": "siapa@contoh.id"},
                no_write="an address nobody has: nothing is sent or stored",
            ),
        )
    ),
    "accounts:password_reset_done": read(EVERYONE),
    "accounts:password_reset_confirm": read(
        EVERYONE,
        uidb64="MQ",
        token="bukan-token",  # noqa: S106 (a wrong link)
    ),
    "accounts:password_reset_complete": read(EVERYONE),
    "accounts:token_create": Route(
        (Check("POST", SIGNED_IN, {"name": "uji", "scope": "read", "days": 90}),)
    ),
    "accounts:token_delete": Route(
        (Check("POST", frozenset({"editor"})),), {"pk": "OWN_TOKEN"}, hidden=SIGNED_IN - {"editor"}
    ),
    "set_language": Route(
        (
            Check(
                "POST",
                EVERYONE,
                {"language": "en", "next": "/"},
                no_write="a cookie; nothing is stored",
            ),
        )
    ),
    "admin:*": read(DJANGO_STAFF),
}

# Django admin routes requested for "admin:*".
ADMIN_SAMPLES = [
    "admin:index",
    "admin:regions_region_changelist",
    "admin:accounts_user_changelist",
    "admin:accounts_membership_changelist",
    "admin:accounts_apitoken_changelist",
]

# API routes, by method and OpenAPI path. The docs and schema are public.
API: dict[tuple[str, str], Route] = {
    ("GET", "/api/v1/readiness/{cohort_id}/regions/{code}"): read(
        READINESS_READERS, cohort_id="ASSESSED_COHORT", code="OWN"
    ),
    ("GET", "/api/v1/readiness/{cohort_id}/regions/{code}/answers"): read(
        READINESS_READERS, cohort_id="ASSESSED_COHORT", code="OWN"
    ),
    ("PUT", "/api/v1/readiness/{cohort_id}/regions/{code}/answers"): Route(
        (
            Check(
                "PUT",
                REGION_WRITERS,
                {"version": 1, "answers": []},
                no_write="no answers sent: nothing to change",
            ),
        ),
        {"cohort_id": "ASSESSED_COHORT", "code": "OWN"},
    ),
    # Only an assessor assigned to the region scores: no persona here is (readiness tests).
    ("POST", "/api/v1/readiness/{cohort_id}/regions/{code}/scores"): Route(
        (Check("POST", NOBODY, {"version": 1, "scores": []}),),
        {"cohort_id": "ASSESSED_COHORT", "code": "OWN"},
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/comments"): read(
        MASTERPLAN_READERS, masterplan_id="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/comments"): Route(
        (Check("POST", COMMENTERS, {"text": "Perjelas KPI."}),),
        {"masterplan_id": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/comments/{comment_id}/settle"): Route(
        (Check("POST", REGION_WRITERS, {"status": "resolved"}),),
        {"masterplan_id": "OWN_MASTERPLAN", "comment_id": "OWN_COMMENT"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/consultation"): Route(
        (Check("POST", frozenset({"lead"}), {"closes_on": "2099-12-31"}),),
        {"masterplan_id": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/consultation/moderation"): read(
        NATIONAL_STAFF | REGION_WRITERS, masterplan_id="CONSULTED_MASTERPLAN"
    ),
    (
        "POST",
        "/api/v1/masterplans/{masterplan_id}/consultation/comments/{comment_id}/moderation",
    ): Route(
        (
            Check(
                "POST",
                NATIONAL_STAFF | REGION_WRITERS,
                {"status": "approved", "answer": "Terima kasih."},
                answer=428,
                no_write="sent without its version (api/tests/test_versions.py sends it)",
            ),
        ),
        {"masterplan_id": "CONSULTED_MASTERPLAN", "comment_id": "OWN_PUBLIC_COMMENT"},
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/consultation/summary"): read(
        NATIONAL_STAFF | REGION_WRITERS, masterplan_id="CONSULTED_MASTERPLAN"
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/consultation/summary"): Route(
        (Check("POST", NATIONAL_STAFF | REGION_WRITERS),),
        {"masterplan_id": "CONSULTED_MASTERPLAN"},
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/consultation/comments"): read(
        EVERYONE, masterplan_id="CONSULTED_MASTERPLAN"
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/consultation/comments"): Route(
        (Check("POST", EVERYONE, {"name": "Warga", "email": "w@example.id", "text": "Setuju."}),),
        {"masterplan_id": "CONSULTED_MASTERPLAN"},
    ),
    ("GET", "/api/v1/programs/{program_id}/progress"): read(
        MASTERPLAN_READERS, program_id="OWN_PROGRAM", hidden=NOT_MASTERPLAN_READERS
    ),
    # On a draft masterplan the team is let through and told 409 (reported once approved).
    ("POST", "/api/v1/programs/{program_id}/progress"): Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                {"year": 2027, "quarter": 1, "status": "on_track"},
                answer=409,
                no_write="progress is reported once approved: this is a draft",
            ),
        ),
        {"program_id": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("GET", "/api/v1/programs/{program_id}/milestones"): read(
        MASTERPLAN_READERS, program_id="OWN_PROGRAM", hidden=NOT_MASTERPLAN_READERS
    ),
    # Like a report: on a draft the team is let through and told 409.
    ("POST", "/api/v1/programs/{program_id}/milestones"): Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                {"title": "Uji coba", "due_date": "2027-06-30"},
                answer=409,
                no_write="progress is reported once approved: this is a draft",
            ),
        ),
        {"program_id": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("POST", "/api/v1/programs/{program_id}/milestones/{milestone_id}/done"): Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                {"done": True},
                answer=409,
                no_write="progress is reported once approved: this is a draft",
            ),
        ),
        {"program_id": "OWN_PROGRAM", "milestone_id": "OWN_MILESTONE"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("GET", "/api/v1/programs/{program_id}/kpis"): read(
        MASTERPLAN_READERS, program_id="OWN_PROGRAM", hidden=NOT_MASTERPLAN_READERS
    ),
    # OWN_KPI: the first KPI of OWN_PROGRAM.
    ("POST", "/api/v1/programs/{program_id}/kpis/{kpi_id}/actuals"): Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                {"year": 2027, "value": 12},
                answer=409,
                no_write="progress is reported once approved: this is a draft",
            ),
        ),
        {"program_id": "OWN_PROGRAM", "kpi_id": "OWN_KPI"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/late-reports"): read(
        NATIONAL_ROLES | REGION_WRITERS,
        masterplan_id="OWN_MASTERPLAN",
        hidden=NOT_MASTERPLAN_READERS,
    ),
    ("GET", "/api/v1/quick-wins"): read(EVERYONE),
    ("GET", "/api/v1/delivery-rankings"): read(EVERYONE),
    ("GET", "/api/v1/delivery-rankings/{period}"): read(EVERYONE, period="RANKED_PERIOD"),
    ("GET", "/api/v1/evaluations"): read(EVERYONE),
    ("GET", "/api/v1/evaluations/{year}/results"): read(
        NATIONAL_ROLES, year="OPEN_YEAR", hidden=NOT_NATIONAL
    ),
    # Evaluation: an open one is for national roles; the national team sets the rubric and
    # decides awards, the region's team assesses itself.
    ("GET", "/api/v1/evaluations/{year}"): read(
        NATIONAL_ROLES, year="OPEN_YEAR", hidden=NOT_NATIONAL
    ),
    ("POST", "/api/v1/evaluations"): Route(
        (Check("POST", NATIONAL_STAFF, {"year": 2031, "title": "Evaluasi uji 2031"}),)
    ),
    ("PATCH", "/api/v1/evaluations/{year}"): Route(
        (
            Check(
                "PATCH",
                NATIONAL_STAFF,
                {"title": "Evaluasi uji (ubah)"},
                answer=428,
                no_write="sent without its version (api/tests/test_versions.py sends it)",
            ),
        ),
        {"year": "OPEN_YEAR"},
        hidden=OPEN_EVALUATION_HIDDEN,
    ),
    ("GET", "/api/v1/evaluations/{year}/regions/{code}"): read(
        NATIONAL_ROLES | REGION_WRITERS,
        year="OPEN_YEAR",
        code="OWN",
        hidden=EVALUATION_REGION_HIDDEN,
    ),
    ("PUT", "/api/v1/evaluations/{year}/regions/{code}/self-assessment"): Route(
        (
            Check(
                "PUT",
                REGION_WRITERS,
                {"scores": [{"dimension": "living", "component": "output", "score": 3}]},
                answer=428,
                no_write="sent without its version (api/tests/test_versions.py sends it)",
            ),
        ),
        {"year": "OPEN_YEAR", "code": "OWN"},
        hidden=EVALUATION_REGION_HIDDEN - {"anonymous"},
    ),
    # Only an assessor assigned to the region scores: no persona here is (api evaluation tests).
    ("PUT", "/api/v1/evaluations/{year}/regions/{code}/assessment"): Route(
        (
            Check(
                "PUT",
                NOBODY,
                {"scores": [{"dimension": "living", "component": "output", "score": 3}]},
            ),
        ),
        {"year": "OPEN_YEAR", "code": "OWN"},
        hidden=EVALUATION_REGION_HIDDEN - {"anonymous"},
    ),
    ("GET", "/api/v1/evaluations/{year}/awards"): read(
        NATIONAL_ROLES, year="OPEN_YEAR", hidden=NOT_NATIONAL
    ),
    ("POST", "/api/v1/evaluations/{year}/awards/proposals"): Route(
        (Check("POST", NATIONAL_STAFF),), {"year": "OPEN_YEAR"}, hidden=OPEN_EVALUATION_HIDDEN
    ),
    # An empty body confirms the proposal (the own region).
    ("POST", "/api/v1/awards/{award_id}/decision"): Route(
        (Check("POST", NATIONAL_STAFF),), {"award_id": "OWN_AWARD"}
    ),
    ("GET", "/api/v1/awards/{award_id}/certificate"): read(
        NATIONAL_ROLES, award_id="OWN_AWARD", hidden=NOT_NATIONAL
    ),
    ("GET", "/api/v1/rounds/{round_id}/enrolment"): read(EVERYONE, round_id="ENROLMENT_ROUND"),
    ("GET", "/api/v1/completions"): read(EVERYONE),
    ("GET", "/api/v1/completions/{code}/certificate"): read(EVERYONE, code="COMPLETED_REGION"),
    # The library holds public masterplans only; similar programs follow the program's own
    # masterplan (a draft of the own region here).
    ("GET", "/api/v1/library/programs"): read(EVERYONE),
    ("GET", "/api/v1/programs/{program_id}/similar"): read(
        MASTERPLAN_READERS, program_id="OWN_PROGRAM", hidden=NOT_MASTERPLAN_READERS
    ),
    ("GET", "/api/v1/regions/{code}/similar"): read(EVERYONE, code="OWN"),
    ("GET", "/api/v1/regions/{code}/commitments"): read(
        NATIONAL_ROLES | {"mentor", "editor", "lead"}, code="OWN_COMMITMENTS"
    ),
    ("GET", "/api/v1/dashboard"): read(EVERYONE),
    ("GET", "/api/v1/open-data/{dataset}"): read(EVERYONE, dataset="masterplan"),
    ("GET", "/api/v1/masterplans"): read(EVERYONE),
    ("GET", "/api/v1/masterplans/{masterplan_id}"): read(
        MASTERPLAN_READERS, masterplan_id="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/checks"): read(
        MASTERPLAN_READERS, masterplan_id="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/programs"): Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                {
                    "code": "LIV-09",
                    "dimension": "living",
                    "element": "health",
                    "title": "Telemedisin",
                    "start_year": 2027,
                    "end_year": 2027,
                },
            ),
        ),
        {"masterplan_id": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/steps/{step}"): Route(
        (Check("POST", frozenset({"lead"})),),
        {"masterplan_id": "OWN_MASTERPLAN", "step": "submit"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("POST", "/api/v1/masterplans"): Route(
        (
            Check(
                "POST",
                MASTERPLAN_STARTERS,
                {"region": "OWN", "title": "M", "start_year": 2027, "period_years": 10},
                answer=409,
                no_write="the own region has its masterplan already",
            ),
        )
    ),
    # A stale version answers 412 to the team (reached); nobody else gets that far.
    ("PATCH", "/api/v1/masterplans/{masterplan_id}"): Route(
        (Check("PATCH", REGION_WRITERS, {"version": 1, "vision": "Kota yang terbuka"}),),
        {"masterplan_id": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("POST", "/api/v1/masterplans/{masterplan_id}/analysis"): Route(
        (Check("POST", REGION_WRITERS, {"kind": "threat", "dimension": "living", "text": "x"}),),
        {"masterplan_id": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("DELETE", "/api/v1/masterplans/{masterplan_id}/analysis/{item_id}"): Route(
        (Check("DELETE", REGION_WRITERS),),
        {"masterplan_id": "OWN_MASTERPLAN", "item_id": "OWN_ANALYSIS"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("PUT", "/api/v1/masterplans/{masterplan_id}/programs/{program_id}"): Route(
        (
            Check(
                "PUT",
                REGION_WRITERS,
                {
                    "code": "LIV-09",
                    "dimension": "living",
                    "element": "health",
                    "title": "Telemedisin",
                    "start_year": 2027,
                    "end_year": 2027,
                    "version": 1,
                },
            ),
        ),
        {"masterplan_id": "OWN_MASTERPLAN", "program_id": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("DELETE", "/api/v1/masterplans/{masterplan_id}/programs/{program_id}"): Route(
        (Check("DELETE", REGION_WRITERS),),
        {"masterplan_id": "OWN_MASTERPLAN", "program_id": "OWN_PROGRAM"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/versions"): read(
        MASTERPLAN_READERS, masterplan_id="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    # Fewer than two versions answers 422 to readers (reached); api tests read a real diff.
    ("GET", "/api/v1/masterplans/{masterplan_id}/versions/diff"): Route(
        (
            Check(
                "GET",
                MASTERPLAN_READERS,
                answer=422,
                no_write="fewer than two versions to compare (api tests read a real diff)",
            ),
        ),
        {"masterplan_id": "OWN_MASTERPLAN"},
        hidden=NOT_MASTERPLAN_READERS,
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/book.pdf"): read(
        MASTERPLAN_READERS, masterplan_id="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    ("GET", "/api/v1/jobs/{job_id}"): read(
        MASTERPLAN_READERS, job_id="OWN_BOOK_JOB", hidden=NOT_MASTERPLAN_READERS
    ),
    ("GET", "/api/v1/jobs/{job_id}/file"): read(
        MASTERPLAN_READERS, job_id="OWN_BOOK_JOB", hidden=NOT_MASTERPLAN_READERS
    ),
    ("GET", "/api/v1/masterplans/{masterplan_id}/workbook.xlsx"): read(
        MASTERPLAN_READERS, masterplan_id="OWN_MASTERPLAN", hidden=NOT_MASTERPLAN_READERS
    ),
    # Without a file the team is told 422 (reached); api tests import a real workbook.
    ("POST", "/api/v1/masterplans/{masterplan_id}/workbook"): Route(
        (
            Check(
                "POST",
                REGION_WRITERS,
                answer=422,
                no_write="no file (api tests import a real workbook)",
            ),
        ),
        {"masterplan_id": "OWN_MASTERPLAN"},
        hidden=MASTERPLAN_HIDDEN,
    ),
    ("GET", "/api/v1/openapi.json"): read(EVERYONE),
    ("GET", "/api/v1/docs"): read(EVERYONE),
    ("GET", "/api/v1/regions"): read(EVERYONE),
    ("GET", "/api/v1/regions/{code}"): read(EVERYONE, code="OWN"),
    ("PATCH", "/api/v1/regions/{code}"): Route(
        (Check("PATCH", REGION_TEAM, {"description": "x", "version": "CURRENT"}),),
        {"code": "OWN"},
    ),
    ("GET", "/api/v1/provinces"): read(EVERYONE),
    ("GET", "/api/v1/indicators"): read(EVERYONE),
    ("GET", "/api/v1/rounds"): read(EVERYONE),
    ("GET", "/api/v1/rounds/{round_id}"): read(
        NATIONAL_ROLES, round_id="DRAFT_ROUND", hidden=NOT_NATIONAL
    ),
    ("GET", "/api/v1/rounds/{round_id}/workshops"): read(
        NATIONAL_ROLES, round_id="DRAFT_ROUND", hidden=NOT_NATIONAL
    ),
    ("GET", "/api/v1/rounds/{round_id}/bimtek-matrix"): read(
        NATIONAL_ROLES, round_id="DRAFT_ROUND", hidden=NOT_NATIONAL
    ),
    ("GET", "/api/v1/rounds/{round_id}/export"): read(
        NATIONAL_ROLES, round_id="COMPUTED_ROUND", hidden=NOT_NATIONAL
    ),
    ("GET", "/api/v1/rounds/{round_id}/results"): read(
        NATIONAL_ROLES, round_id="DRAFT_ROUND", hidden=NOT_NATIONAL
    ),
    ("POST", "/api/v1/rounds"): Route(
        (
            Check(
                "POST",
                NATIONAL_STAFF,
                {
                    "name": "Uji",
                    "year": 2026,
                    "total": 10,
                    "indicator_year": 2024,
                    "weights": {"kkd": 1},
                },
            ),
        )
    ),
    ("PATCH", "/api/v1/rounds/{round_id}"): Route(
        (Check("PATCH", NATIONAL_STAFF, {"version": "ROUND_VERSION", "name": "Uji 2"}),),
        {"round_id": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
    # Computing a round without indicator values answers 422 for national staff (allowed).
    ("POST", "/api/v1/rounds/{round_id}/compute"): Route(
        (Check("POST", NATIONAL_STAFF, answer=422, no_write="no indicator values in the world"),),
        {"round_id": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
    ("POST", "/api/v1/rounds/{round_id}/publish"): Route(
        (Check("POST", NATIONAL_STAFF, answer=422, no_write="a round not computed"),),
        {"round_id": "DRAFT_ROUND"},
        hidden=DRAFT_ROUND_HIDDEN,
    ),
}

# URL patterns that are not routes of their own: the API root and its catch-all 404.
NOT_ROUTES = {"api:api-root", "api/v1/^(?P<rest>.*)$"}


@dataclass(frozen=True)
class FormPage:
    """A page whose form people type into, for the generic form tests
    (kotacerdas/tests/test_forms_as_typed.py): who fills it in, and whether it edits a record
    in place (posted back unchanged, nothing changes; of two saves from one version, the second
    is refused) or makes a new one. ``change`` names the text field the two-saves test edits
    (a formset's field by its name after the row prefix), ``also`` what it sets beside it."""

    persona: str
    edits: bool
    change: str = ""
    also: tuple[tuple[str, str], ...] = ()


FORMS: dict[str, FormPage] = {
    "regions:edit": FormPage("editor", edits=True, change="description"),
    "commitments:council": FormPage("editor", edits=True, change="name"),
    "commitments:team": FormPage("lead", edits=True, change="position"),
    "commitments:statement": FormPage("editor", edits=True, change="text"),
    "commitments:contacts": FormPage("officer", edits=True, change="name"),
    "selection:round_edit": FormPage("officer", edits=True, change="name"),
    "masterplans:edit": FormPage("editor", edits=True, change="vision"),
    "masterplans:program_edit": FormPage("editor", edits=True, change="title"),
    "mentoring:workshop_attendance": FormPage(
        "editor", edits=True, change="names", also=(("present", "on"),)
    ),
    "evaluation:rubric_edit": FormPage("officer", edits=True, change="title"),
    "evaluation:region": FormPage("editor", edits=True),
    "readiness:assessment": FormPage("editor", edits=True),
    "readiness:item_edit": FormPage("officer", edits=True, change="text"),
    "selection:round_new": FormPage("officer", edits=False),
    "masterplans:new": FormPage("lead", edits=False),
    "masterplans:program_new": FormPage("editor", edits=False),
    "mentoring:workshop_new": FormPage("officer", edits=False),
    "mentoring:assignments": FormPage("officer", edits=False),
    "evaluation:rubric_new": FormPage("officer", edits=False),
    "readiness:items": FormPage("officer", edits=False),
    "participation:comments": FormPage("editor", edits=False),
    "participation:consultation": FormPage("anonymous", edits=False),
    "enrolment:invite": FormPage("officer", edits=False),
    "enrolment:change": FormPage("officer", edits=False),
    "enrolment:panel": FormPage("officer", edits=True, change="name_0"),
    "enrolment:schedule": FormPage("officer", edits=True, change="interview_place"),
    "enrolment:sheet": FormPage("assessor", edits=True, change="notes"),
    "enrolment:decision": FormPage("officer", edits=False),
    "mentoring:session": FormPage("officer", edits=True, change="place"),
}

# Pages that take a POST but whose form is not typed into, or is tested on its own.
FORMS_LEFT_OUT: dict[str, str] = {
    "selection:import": "a file upload (upload limits and import tests)",
    "masterplans:import": "a file upload (upload limits and import tests)",
    "mentoring:workshop_attendance_import": "a file upload (attendance import tests)",
    "accounts:login": "a password: never sent back (login throttle tests)",
    "accounts:password_change": "passwords: never sent back (account tests)",
    "accounts:password_reset": "an e-mail address to send a link to; nothing is stored",
    "inbox:home": "buttons that mark notifications read",
    "inbox:preferences": "a choice among three for one's own account, nothing typed (inbox tests)",
    "participation:moderation": "a decision button per comment, with the team's answer",
    "participation:confirm": "one button, nothing typed (consultation tests)",
    "enrolment:sign": "a file upload (enrolment page tests)",
    "mentoring:session_minutes": "a file upload (session tests)",
}


# API writes to something that exists: each says the version it edits from (If-Match or
# `version`), else 428; from a version that is not the current one, 412 (api/versions.py).
# The value is the read that gives the version as an ETag ("" where only the body carries it).
API_VERSIONED: dict[tuple[str, str], str] = {
    ("PATCH", "/api/v1/regions/{code}"): "/api/v1/regions/{code}",
    ("PATCH", "/api/v1/rounds/{round_id}"): "/api/v1/rounds/{round_id}",
    ("PATCH", "/api/v1/masterplans/{masterplan_id}"): "/api/v1/masterplans/{masterplan_id}",
    ("PUT", "/api/v1/masterplans/{masterplan_id}/programs/{program_id}"): "",
    ("PUT", "/api/v1/readiness/{cohort_id}/regions/{code}/answers"): "",
    ("PATCH", "/api/v1/evaluations/{year}"): "/api/v1/evaluations/{year}",
    (
        "PUT",
        "/api/v1/evaluations/{year}/regions/{code}/self-assessment",
    ): "/api/v1/evaluations/{year}/regions/{code}",
    (
        "POST",
        "/api/v1/masterplans/{masterplan_id}/consultation/comments/{comment_id}/moderation",
    ): "",
}
