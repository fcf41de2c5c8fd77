"""Finding a milestone or a report's evidence for a user (monitoring.access): they follow the
program, and the program its masterplan."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from monitoring.access import get_evidence_for_user, get_milestone_for_user
from monitoring.models import Evidence, Milestone, ProgressReport

pytestmark = pytest.mark.django_db


def test_a_milestone_is_changed_by_the_regions_team_only(owner: User, viewer: User) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    milestone = Milestone.objects.create(program=program, title="Uji", due_date=date(2027, 6, 30))
    assert get_milestone_for_user(owner, milestone.pk, "progress.report") == milestone
    assert get_milestone_for_user(viewer, milestone.pk) == milestone
    with pytest.raises(PermissionDenied):
        get_milestone_for_user(viewer, milestone.pk, "progress.report")


def test_the_evidence_of_a_draft_is_hidden_from_the_public(owner: User) -> None:
    program = make_masterplan().programs.get(code="GOV-01")
    report = ProgressReport.objects.create(program=program, year=2027, quarter=1, status="on_track")
    evidence = Evidence.objects.create(
        report=report,
        file=SimpleUploadedFile("ba.pdf", b"%PDF-1.4\n"),
        kind="pdf",
        original_name="ba.pdf",
        size=9,
    )
    assert get_evidence_for_user(owner, evidence.pk) == evidence
    with pytest.raises(Http404):
        get_evidence_for_user(AnonymousUser(), evidence.pk)
    with pytest.raises(Http404):
        get_evidence_for_user(owner, 999_999)
