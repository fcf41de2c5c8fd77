"""Bimtek I-IV: the national team schedules them; attendance is recorded per region, all rows
checked and saved together; the Excel sheet shows names to program staff only."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from mentoring.models import Workshop, WorkshopAttendance
from mentoring.services import (
    AttendanceRow,
    MentoringError,
    attendance_save,
    attendance_xlsx,
    recordable_regions,
)
from regions.models import Region
from selection.models import SelectionRound


def _row(region: Region, present: bool = True, attendees: int = 0, names: str = "") -> dict:
    prefix = f"r{region.pk}"
    data = {f"{prefix}-attendees": attendees, f"{prefix}-names": names}
    if present:
        data[f"{prefix}-present"] = "on"
    return data


def test_the_cohorts_demo_workshops_show_attendance_and_names_to_staff_only(
    client: Client, login, viewer
) -> None:  # type: ignore[no-untyped-def]
    from demo.workshops import workshops_demo_load

    call_command("load_history", verbosity=0)
    assert workshops_demo_load() == 4 + 4 * 25
    assert workshops_demo_load() == 0
    cohort = SelectionRound.objects.get(year=2017)
    assert Workshop.objects.filter(cohort=cohort, is_demo=True).count() == 4
    public = client.get(f"/masterplan/bimtek/{cohort.pk}/")
    assert len(public.context["rows"]) == 25 and not public.context["show_names"]
    assert "Peserta 1" not in public.content.decode()
    staff = login(viewer).get(f"/masterplan/bimtek/{cohort.pk}/")
    assert "Peserta 1" in staff.content.decode()


def test_an_officer_schedules_a_workshop_and_a_second_one_with_its_number_is_refused(
    cohort: SelectionRound, workshop: Workshop, login, officer
) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    data = {"number": 2, "start_date": "2017-07-18", "end_date": "2017-07-20", "place": "Bogor"}
    response = client.post(f"/masterplan/bimtek/{cohort.pk}/baru/", data)
    assert response.status_code == 302
    assert Workshop.objects.get(cohort=cohort, number=2).place == "Bogor"

    again = client.post(f"/masterplan/bimtek/{cohort.pk}/baru/", {**data, "place": "Solo"})
    assert again.status_code == 200
    assert "sudah memiliki bimtek 2" in str(again.context["form"].errors["number"])
    backwards = client.post(
        f"/masterplan/bimtek/{cohort.pk}/baru/", {**data, "number": 3, "end_date": "2017-07-01"}
    )
    assert "sebelum hari pertama" in str(backwards.context["form"].errors["end_date"])
    assert Workshop.objects.filter(cohort=cohort).count() == 2


def test_saving_a_demo_workshop_records_it_as_real(
    cohort: SelectionRound, workshop: Workshop, login, officer
) -> None:  # type: ignore[no-untyped-def]
    Workshop.objects.filter(pk=workshop.pk).update(is_demo=True)
    response = login(officer).post(
        f"/masterplan/bimtek/{cohort.pk}/1/ubah/",
        {"number": 1, "start_date": "2017-06-14", "end_date": "2017-06-16", "place": "Depok"},
    )
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.place, workshop.start_date, workshop.is_demo) == (
        "Depok",
        date(2017, 6, 14),
        False,
    )


def test_a_regional_editor_records_only_their_own_region(
    cohort: SelectionRound, workshop: Workshop, login, owner, bandung, bekasi
) -> None:  # type: ignore[no-untyped-def]
    assert recordable_regions(owner, cohort) == [bandung]
    client = login(owner)
    page = client.get(f"/masterplan/bimtek/{cohort.pk}/1/hadir/")
    assert [form.region for form in page.context["forms"]] == [bandung]
    # A row for Bekasi in the same post has no form to land in: it is ignored.
    data = {**_row(bandung, names="Budi (Diskominfo)\nSari (Bappeda)"), **_row(bekasi, attendees=9)}
    data["version"] = page.context["version"]
    assert client.post(f"/masterplan/bimtek/{cohort.pk}/1/hadir/", data).status_code == 302
    row = WorkshopAttendance.objects.get(workshop=workshop)
    assert (row.region, row.present, row.attendees) == (bandung, True, 2)

    with pytest.raises(MentoringError, match="Kota Bekasi"):
        attendance_save(workshop=workshop, user=owner, rows=[AttendanceRow(bekasi, True, 3, "")])


def test_a_bad_row_names_its_region_and_nothing_is_saved(
    cohort: SelectionRound, workshop: Workshop, login, officer, bandung, bekasi
) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    page = client.get(f"/masterplan/bimtek/{cohort.pk}/1/hadir/")
    assert len(page.context["forms"]) == 25
    cases = [
        (_row(bekasi, present=False, attendees=4), "Kota Bekasi ditandai tidak hadir"),
        (_row(bekasi, attendees=0), "Kota Bekasi hadir: isi jumlah peserta"),
        (_row(bekasi, attendees=1, names="A\nB"), "Kota Bekasi: tercantum 2 nama"),
    ]
    for bad, message in cases:
        response = client.post(
            f"/masterplan/bimtek/{cohort.pk}/1/hadir/", {**_row(bandung, attendees=4), **bad}
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not WorkshopAttendance.objects.exists()


def test_the_attendance_workbook_shows_names_to_staff_only(
    cohort: SelectionRound, workshop: Workshop, officer, client: Client, login, bandung
) -> None:  # type: ignore[no-untyped-def]
    attendance_save(
        workshop=workshop, user=officer, rows=[AttendanceRow(bandung, True, 1, "Budi (Diskominfo)")]
    )

    def sheet_rows(response) -> list[tuple]:  # type: ignore[no-untyped-def]
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        book = load_workbook(io.BytesIO(response.content))
        assert book["bimtek"]["B2"].value == workshop.theme
        return list(book["kehadiran"].iter_rows(values_only=True))

    public = sheet_rows(client.get(f"/masterplan/bimtek/{cohort.pk}/bimtek.xlsx"))
    assert public[0] == ("Kode", "Wilayah", "Provinsi", "Bimtek 1 hadir", "Bimtek 1 peserta")
    assert len(public) == 1 + 25
    assert ("32.73", "Kota Bandung", "Jawa Barat", "ya", 1) in public
    staff = sheet_rows(login(officer).get(f"/masterplan/bimtek/{cohort.pk}/bimtek.xlsx"))
    assert staff[0][-1] == "Bimtek 1 nama"
    assert ("32.73", "Kota Bandung", "Jawa Barat", "ya", 1, "Budi (Diskominfo)") in staff
    assert b"Budi" not in attendance_xlsx(cohort, with_names=False)


def test_an_officer_assigns_a_mentor_who_then_reads_that_region_only(
    cohort: SelectionRound, login, officer, bandung, bekasi
) -> None:  # type: ignore[no-untyped-def]
    from accounts import access
    from accounts.models import User

    mentor = User.objects.create_user("mentor.baru", email="Mentor@Kampus.ac.id")
    client = login(officer)
    data = {"region": bandung.pk, "role": "mentor", "person": "mentor@kampus.ac.id"}
    assert client.post(f"/masterplan/bimtek/{cohort.pk}/pendamping/", data).status_code == 302
    mentor = User.objects.get(pk=mentor.pk)  # fresh: memberships are read once per user object
    assert access.can(mentor, "masterplan.comment", bandung)
    assert not access.can(mentor, "masterplan.comment", bekasi)

    page = client.get(f"/masterplan/bimtek/{cohort.pk}/pendamping/")
    bandung_row = next(r for r in page.context["rows"] if r["region"] == bandung)
    assert [m.user for m in bandung_row["roles"][0]] == [mentor]
    assert bandung not in page.context["unassigned"] and bekasi in page.context["unassigned"]
    assert [(p, n) for p, _, n in page.context["workload"]] == [(mentor, 1)]

    again = client.post(f"/masterplan/bimtek/{cohort.pk}/pendamping/", data)
    assert "sudah" in str(again.context["form"].non_field_errors())
    unknown = client.post(
        f"/masterplan/bimtek/{cohort.pk}/pendamping/", {**data, "person": "siapa"}
    )
    assert unknown.context["form"].errors["person"]

    membership = bandung_row["roles"][0][0]
    client.post(f"/masterplan/bimtek/{cohort.pk}/pendamping/", {"remove": membership.pk})
    assert not access.can(User.objects.get(pk=mentor.pk), "masterplan.comment", bandung)


def test_only_assigned_roles_of_the_cohorts_regions_are_assigned_or_removed(
    cohort: SelectionRound, officer, owner, bandung
) -> None:  # type: ignore[no-untyped-def]
    from accounts.models import Membership, User
    from mentoring.services import assignment_add, assignment_remove

    person = User.objects.create_user("orang")
    with pytest.raises(MentoringError):
        assignment_add(
            cohort=cohort, user=officer, region=bandung, person=person, role="regional_lead"
        )
    outside = Region.objects.get(code="31.71")  # Jakarta Pusat: not in the 2017 cohort
    with pytest.raises(MentoringError, match=outside.name):
        assignment_add(cohort=cohort, user=officer, region=outside, person=person, role="mentor")
    with pytest.raises(MentoringError):
        assignment_remove(
            cohort=cohort, user=officer, membership=Membership.objects.get(user=owner)
        )
    assert Membership.objects.filter(user=owner).exists()


def test_the_sign_in_sheet_prints_recorded_names_and_blank_lines_for_the_others(
    cohort: SelectionRound, workshop: Workshop, login, officer, bandung, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from mentoring.services import BLANK_LINES, signin_lines

    attendance_save(
        workshop=workshop,
        user=officer,
        rows=[AttendanceRow(bandung, True, 2, "Budi (Diskominfo)\nSari (Bappeda)")],
    )
    lines = signin_lines(workshop)
    assert [line["name"] for line in lines if line["region"] == bandung] == [
        "Budi (Diskominfo)",
        "Sari (Bappeda)",
    ]
    assert len(lines) == 2 + 24 * BLANK_LINES
    assert sum(line["first"] for line in lines) == 25

    response = login(officer).get(f"/masterplan/bimtek/{cohort.pk}/1/daftar-hadir.pdf")
    assert response["Content-Type"] == "application/pdf"
    (tmp_path / "sheet.pdf").write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "sheet.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("Daftar hadir bimtek 1", "13 Juni 2017", "Budi (Diskominfo)", "Kota Bekasi"):
        assert expected in text


def test_the_masterplan_page_names_its_mentors_to_those_who_read_drafts(
    client: Client, login, owner, bandung
) -> None:  # type: ignore[no-untyped-def]
    from accounts.models import Membership, Role, User
    from masterplans.models import Masterplan
    from masterplans.tests.factories import make_masterplan

    mentor = User.objects.create_user("mentor.itb", first_name="Suhono", last_name="Supangkat")
    Membership.objects.create(user=mentor, role=Role.MENTOR, region=bandung)
    masterplan = make_masterplan()
    page = login(owner).get(f"/masterplan/{masterplan.pk}/")
    assert "Mentor: Suhono Supangkat" in page.content.decode()
    # The public reads the approved masterplan, without the names of its mentors.
    Masterplan.objects.filter(pk=masterplan.pk).update(status="approved")
    public = client.get(f"/masterplan/{masterplan.pk}/")
    assert public.status_code == 200 and "Suhono" not in public.content.decode()


def test_saving_a_demo_workshop_removes_its_demo_attendance_and_the_page_still_warns(
    cohort: SelectionRound, client: Client, login, officer
) -> None:  # type: ignore[no-untyped-def]
    from demo.workshops import workshops_demo_load

    workshops_demo_load()
    login(officer).post(
        f"/masterplan/bimtek/{cohort.pk}/1/ubah/",
        {"number": 1, "start_date": "2017-06-14", "end_date": "2017-06-16", "place": "Depok"},
    )
    assert not WorkshopAttendance.objects.filter(workshop__number=1).exists()
    assert WorkshopAttendance.objects.filter(workshop__number=2).count() == 25
    page = client.get(f"/masterplan/bimtek/{cohort.pk}/")
    assert page.context["any_demo"] and "message-warning" in page.content.decode()


def test_a_post_without_a_regions_row_leaves_that_region_unrecorded(
    cohort: SelectionRound, workshop: Workshop, login, officer, bandung
) -> None:  # type: ignore[no-untyped-def]
    client = login(officer)
    version = client.get(f"/masterplan/bimtek/{cohort.pk}/1/hadir/").context["version"]
    response = client.post(
        f"/masterplan/bimtek/{cohort.pk}/1/hadir/",
        {**_row(bandung, attendees=3), "version": version},
    )
    assert response.status_code == 302
    assert list(WorkshopAttendance.objects.values_list("region", flat=True)) == [bandung.pk]


def test_the_sign_in_sheet_has_a_line_for_every_expected_attendee(
    cohort: SelectionRound, workshop: Workshop, officer, bandung
) -> None:  # type: ignore[no-untyped-def]
    from mentoring.services import signin_lines

    attendance_save(
        workshop=workshop, user=officer, rows=[AttendanceRow(bandung, True, 5, "Budi\nSari")]
    )
    names = [line["name"] for line in signin_lines(workshop) if line["region"] == bandung]
    assert names == ["Budi", "Sari", "", "", ""]


def test_workshop_number_zero_is_not_a_new_workshop(cohort: SelectionRound, login, officer) -> None:  # type: ignore[no-untyped-def]
    assert login(officer).get(f"/masterplan/bimtek/{cohort.pk}/0/ubah/").status_code == 404


def test_a_name_typed_as_a_formula_stays_text_in_the_attendance_workbook(
    cohort: SelectionRound, workshop: Workshop, officer, bandung
) -> None:  # type: ignore[no-untyped-def]
    attendance_save(
        workshop=workshop,
        user=officer,
        rows=[AttendanceRow(bandung, True, 1, '=HYPERLINK("x","y")')],
    )
    sheet = load_workbook(io.BytesIO(attendance_xlsx(cohort, with_names=True)))["kehadiran"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("x","y")']
    assert [c.data_type for c in cells] == ["s"]
