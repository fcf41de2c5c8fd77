from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from monitoring.models import Evidence, KpiActual, Milestone, ProgressReport

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"0" * 200


def report_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "year": 2027,
        "quarter": 2,
        "status": "on_track",
        "percent_entered": 40,
        "budget_realised": 200_000_000,
        "note": "Aplikasi diuji di tiga kecamatan",
    }
    data.update(changes)
    return data


def test_the_team_reports_progress_with_evidence(login, owner: User) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    data = report_data(evidence=SimpleUploadedFile("ba-uji.pdf", PDF), caption="Berita acara")
    response = login(owner).post(f"/pemantauan/program/{program.pk}/laporan/", data)
    assert response.status_code == 302
    report = ProgressReport.objects.get(program=program, year=2027, quarter=2)
    assert (report.status, report.percent_entered, report.budget_realised) == (
        "on_track",
        40,
        200_000_000,
    )
    evidence = report.evidence.get()
    assert (evidence.kind, evidence.original_name, evidence.size) == ("pdf", "ba-uji.pdf", len(PDF))
    download = Client().get(f"/pemantauan/bukti/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_second_report_for_the_quarter_updates_it(login, owner: User) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    client = login(owner)
    client.post(f"/pemantauan/program/{program.pk}/laporan/", report_data())
    report = ProgressReport.objects.get(program=program)
    # The report opened from the list carries its version; saving it updates the quarter.
    page = client.get(f"/pemantauan/program/{program.pk}/?laporan={report.pk}")
    assert page.context["report_form"]["version"].value() == "1"
    data = report_data(status="delayed", version=1)
    client.post(f"/pemantauan/program/{program.pk}/laporan/", data)
    report.refresh_from_db()
    assert report.status == "delayed" and report.version == 2
    # A second "new" report of the same quarter (version 0) does not overwrite it.
    stale = client.post(f"/pemantauan/program/{program.pk}/laporan/", report_data(status="done"))
    assert stale.status_code == 409
    report.refresh_from_db()
    assert report.status == "delayed"


def test_a_wrong_file_is_refused_and_nothing_is_written(login, owner: User) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    data = report_data(evidence=SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 20))
    response = login(owner).post(f"/pemantauan/program/{program.pk}/laporan/", data, follow=True)
    assert "virus.exe bukan foto JPEG atau PNG atau dokumen PDF." in response.content.decode()
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_a_year_outside_the_program_is_refused(login, owner: User) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    response = login(owner).post(
        f"/pemantauan/program/{program.pk}/laporan/", report_data(year=2031), follow=True
    )
    assert "Program berjalan 2027–2028." in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_regions_report_only_on_their_own_programs(login, outsider: User, viewer: User) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    for user in (outsider, viewer):
        response = login(user).post(f"/pemantauan/program/{program.pk}/laporan/", report_data())
        assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_a_draft_masterplan_takes_no_progress_reports(login, owner: User) -> None:
    program = make_masterplan().programs.get(code="GOV-01")
    response = login(owner).post(
        f"/pemantauan/program/{program.pk}/laporan/", report_data(), follow=True
    )
    assert "Kemajuan dilaporkan setelah masterplan disetujui." in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_public_reads_progress_of_approved_masterplans_only(client: Client) -> None:
    draft = make_masterplan()
    assert client.get(f"/pemantauan/masterplan/{draft.pk}/").status_code == 404
    program = draft.programs.first()
    assert client.get(f"/pemantauan/program/{program.pk}/").status_code == 404
    approved = make_masterplan("32.75", status="approved")
    page = client.get(f"/pemantauan/masterplan/{approved.pk}/?year=2027")
    assert page.status_code == 200
    assert page.context["planned_total"] == 6 * 500_000_000
    quick_wins = client.get("/pemantauan/quick-win/")
    assert {r["program"].masterplan_id for r in quick_wins.context["rows"]} == {approved.pk}


def test_milestones_and_kpi_actuals_are_recorded_by_the_team(login, owner: User) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    client = login(owner)
    client.post(
        f"/pemantauan/program/{program.pk}/tonggak/",
        {"title": "Peluncuran", "due_date": "2027-09-30", "weight": 2},
    )
    milestone = Milestone.objects.get(program=program)
    client.post(f"/pemantauan/tonggak/{milestone.pk}/selesai/", {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done_on is not None
    kpi = program.kpis.get()
    client.post(
        f"/pemantauan/program/{program.pk}/kpi/", {"kpi": kpi.pk, "year": 2027, "value": 12}
    )
    assert KpiActual.objects.get(kpi=kpi, year=2027).value == 12
    page = client.get(f"/pemantauan/program/{program.pk}/")
    rows = page.context["kpis"][0]["rows"]
    assert rows[0] == {"year": 2027, "target": 10.0, "actual": 12.0, "met": True}
    html = page.content.decode()
    # The page's title is the program alone; its timeline shows the milestone done.
    title = html.split("<title>")[1].split("</title>")[0]
    assert "GOV-01" in title and "<section" not in title
    moments = page.context["timeline"]
    assert sorted(m.kind for m in moments) == ["end", "milestone_done", "start"]
    assert [m.on for m in moments] == sorted(m.on for m in moments)
    assert 'data-testid="timeline"' in html and "✓ Peluncuran" in html


def test_the_late_list_is_national_or_own_region(
    login, owner: User, outsider: User, viewer: User, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 11, 1))
    make_masterplan(status="approved")
    national = login(viewer).get("/pemantauan/terlambat/")
    # Six programs running 2027-2028, three quarters of 2027 past due on 1 Nov 2027.
    assert national.context["total"] == 18
    assert login(owner).get("/pemantauan/terlambat/").context["total"] == 18
    assert login(outsider).get("/pemantauan/terlambat/").context["total"] == 0


def test_a_years_kpi_value_is_changed_from_its_version_and_a_second_new_one_is_refused(
    login, owner: User, colleague: User
) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    kpi = program.kpis.first()
    url = f"/pemantauan/program/{program.pk}/kpi/"
    data = {"kpi": kpi.pk, "year": 2027, "value": "12,5", "version": "0"}
    assert login(owner).post(url, data).status_code == 302
    # A colleague who opened the page before also records 2027 as new: refused, input kept.
    late = login(colleague).post(url, {**data, "value": "14"})
    assert late.status_code == 409
    assert late.context["kpis"][0]["form"]["value"].value() == "14"
    assert kpi.actuals.get(year=2027).value == 12.5
    # Opened from the table, the form carries the value's version and changes it.
    page = login(colleague).get(f"/pemantauan/program/{program.pk}/?kpi={kpi.pk}&tahun=2027")
    form = next(item["form"] for item in page.context["kpis"] if item["kpi"] == kpi)
    assert (form["value"].value(), form["version"].value()) == ("12,5", "1")
    assert login(colleague).post(url, {**data, "value": "14", "version": "1"}).status_code == 302
    assert kpi.actuals.get(year=2027).value == 14
