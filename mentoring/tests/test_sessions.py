"""Bimtek per region: each stage scheduled for a region with its mentors, its minutes uploaded,
and the cohort's matrix of regions × stages."""

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import Role
from audit.versioning import StaleEdit
from conftest import make_user
from mentoring.models import Section, Session, Workshop, WorkshopAttendance
from mentoring.sessions import minutes_upload, session_save, stage_matrix
from mentoring.stages import CellState
from regions.models import Region
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


def _values(**changes: Any) -> dict[str, Any]:
    return {
        "start_date": date(2017, 6, 20),
        "end_date": date(2017, 6, 21),
        "place": "Aula Bappeda",
        "agenda": "Analisis kesiapan; SWOT",
        "outputs": "Draf bab 1",
        "section": Section.ANALYSIS,
        **changes,
    }


def test_the_matrix_shows_each_region_s_state_at_each_stage(
    cohort: SelectionRound, workshop: Workshop, bandung: Region, bekasi: Region
) -> None:
    second = Workshop.objects.create(
        cohort=cohort,
        number=2,
        start_date=date(2017, 8, 1),
        end_date=date(2017, 8, 31),
        place="Per wilayah",
    )
    held = session_save(
        workshop=workshop, region=bandung, values=_values(), mentors=[], base_version=0
    )
    minutes_upload(session=held, upload=SimpleUploadedFile("notulen.pdf", b"%PDF-1.4 n"))
    session_save(
        workshop=second,
        region=bandung,
        values=_values(start_date=date(2017, 8, 10), end_date=date(2017, 8, 11)),
        mentors=[],
        base_version=0,
    )
    WorkshopAttendance.objects.create(workshop=workshop, region=bekasi, attendees=3)
    rows = {row["region"].code: row["cells"] for row in stage_matrix(cohort, date(2017, 9, 1))}
    assert len(rows) == 25
    # Bandung: I done (minutes in); II held 10-11 Aug, 21 days before 1 Sep without minutes:
    # late; III and IV: no window set, nothing scheduled.
    assert [c.state for c in rows["32.73"]] == [
        CellState.DONE,
        CellState.LATE,
        CellState.NOT_SCHEDULED,
        CellState.NOT_SCHEDULED,
    ]
    # Bekasi: present at the cohort's bimtek I, no session of its own: held; II's window
    # (1-31 Aug) passed without a session: late.
    assert [c.state for c in rows["32.75"]][:2] == [CellState.HELD, CellState.LATE]
    # On 9 Aug Bandung's bimtek II is still to come.
    early = {row["region"].code: row["cells"] for row in stage_matrix(cohort, date(2017, 8, 9))}
    assert early["32.73"][1].state == CellState.SCHEDULED


def test_a_session_is_changed_from_its_version_and_a_stale_save_is_refused(
    cohort: SelectionRound, workshop: Workshop, bandung: Region
) -> None:
    mentor = make_user("mentor.bandung", Role.MENTOR, bandung)
    session = session_save(
        workshop=workshop, region=bandung, values=_values(), mentors=[mentor], base_version=0
    )
    assert list(session.mentors.all()) == [mentor]
    with pytest.raises(StaleEdit):
        session_save(
            workshop=workshop, region=bandung, values=_values(), mentors=[], base_version=0
        )
    changed = session_save(
        workshop=workshop,
        region=bandung,
        values=_values(place="Balai Kota"),
        mentors=[],
        base_version=1,
    )
    assert (changed.place, changed.version, list(changed.mentors.all())) == ("Balai Kota", 2, [])


def test_the_region_s_mentor_uploads_the_minutes_and_its_team_reads_them(
    cohort: SelectionRound, workshop: Workshop, bandung: Region, outsider: Any, colleague: Any
) -> None:
    mentor = make_user("mentor.bandung", Role.MENTOR, bandung)
    session_save(
        workshop=workshop, region=bandung, values=_values(), mentors=[mentor], base_version=0
    )
    base = f"/masterplan/bimtek/{cohort.pk}/1/wilayah/32.73/notulen/"
    client = Client()
    client.force_login(mentor)
    wrong = client.post(base, {"minutes": SimpleUploadedFile("notulen.docx", b"PK\x03\x04")})
    assert wrong.status_code == 200 and "notulen.docx" in wrong.content.decode()
    assert not Session.objects.get().minutes
    done = client.post(base, {"minutes": SimpleUploadedFile("notulen.pdf", b"%PDF-1.4 notulen")})
    assert done.status_code == 302
    team = Client()
    team.force_login(colleague)
    response = team.get(base + "unduh/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 notulen"  # type: ignore[attr-defined]
    other = Client()
    other.force_login(outsider)
    assert other.get(base + "unduh/").status_code == 403
    assert (
        other.post(base, {"minutes": SimpleUploadedFile("n.pdf", b"%PDF-1.4")}).status_code == 403
    )


def test_an_officer_schedules_a_region_s_stage_from_the_matrix(
    cohort: SelectionRound, workshop: Workshop, login: Any, officer: Any
) -> None:
    client = login(officer)
    page = client.get(f"/masterplan/bimtek/{cohort.pk}/")
    url = f"/masterplan/bimtek/{cohort.pk}/1/wilayah/32.73/"
    assert url in page.content.decode()
    form = client.get(url)
    assert form.context["form"].initial["start_date"] == date(2017, 6, 13)  # the window's
    saved = client.post(
        url,
        {
            "start_date": "2017-06-20",
            "end_date": "2017-06-19",
            "place": "Aula",
            "section": "analysis",
            "version": "0",
        },
    )
    assert saved.status_code == 200 and not Session.objects.exists()  # ends before it starts
    saved = client.post(
        url,
        {
            "start_date": "2017-06-20",
            "end_date": "2017-06-21",
            "place": "Aula Bappeda",
            "section": "analysis",
            "version": "0",
        },
    )
    assert saved.status_code == 302
    assert Session.objects.get().place == "Aula Bappeda"
    # The session's output links to the section of Bandung's masterplan it feeds.
    from masterplans.tests.factories import make_masterplan

    masterplan = make_masterplan("32.73")
    html = client.get(f"/masterplan/bimtek/{cohort.pk}/").content.decode()
    assert f"/masterplan/{masterplan.pk}/#analysis-title" in html


def test_a_region_outside_the_cohort_has_no_session(
    cohort: SelectionRound, workshop: Workshop, login: Any, officer: Any
) -> None:
    # Kota Banjar (32.79) is not in the 2017 cohort.
    assert login(officer).get(f"/masterplan/bimtek/{cohort.pk}/1/wilayah/32.79/").status_code == 404
