import datetime

import pytest
from django.test import Client

from accounts.models import User
from jobs.models import Job
from masterplans.models import Masterplan, Status, WorkbookUpload
from masterplans.tests.factories import make_masterplan
from masterplans.workflow import transition

pytestmark = pytest.mark.django_db


def program_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "LIV-02",
        "dimension": "living",
        "element": "health",
        "title": "Telemedisin puskesmas",
        "opd": "Dinas Kesehatan",
        "term": "short",
        "start_year": 2027,
        "end_year": 2028,
        "funding_source": "apbd",
        "is_quick_win": "on",
        "progress_mode": "entered",
        # As the editor's formsets post them: budget lines, one KPI, three steps.
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-0-year": "2027",
        "budget-0-source": "apbd",
        "budget-0-amount": "750.000.000",
        "budget-1-year": "2028",
        "budget-1-source": "dak",
        "budget-1-amount": "250 juta",
        "kpi-TOTAL_FORMS": "1",
        "kpi-INITIAL_FORMS": "0",
        "kpi-0-name": "Puskesmas terhubung",
        "kpi-0-unit": "puskesmas",
        "kpi-0-baseline": "0",
        "kpi-0-target_2027": "10",
        "kpi-0-target_2028": "30",
        "step-TOTAL_FORMS": "3",
        "step-INITIAL_FORMS": "0",
        "step-0-text": "Kajian",
        "step-1-text": "Pengadaan",
        "step-2-text": "Pelatihan",
    }
    data.update(changes)
    return data


def test_the_public_sees_approved_and_enacted_masterplans_only(
    client: Client, colleague: User, officer: User
) -> None:
    draft = make_masterplan()
    approved = transition(
        transition(make_masterplan("32.75"), "submit", _lead("32.75")), "approve", officer
    )
    listing = client.get("/masterplan/")
    assert [m.pk for m in listing.context["page"]] == [approved.pk]
    assert client.get(f"/masterplan/{draft.pk}/").status_code == 404
    page = client.get(f"/masterplan/{approved.pk}/")
    assert page.status_code == 200
    assert "Program governance 1" in page.content.decode()


def _lead(code: str) -> User:
    from accounts.models import Role
    from conftest import make_user
    from regions.models import Region

    return make_user(f"lead.{code}", Role.REGIONAL_LEAD, Region.objects.get(code=code))


def test_the_region_team_sees_its_draft_with_the_checklist(login, owner: User) -> None:
    masterplan = make_masterplan()
    masterplan.programs.filter(dimension="economy").delete()
    page = login(owner).get(f"/masterplan/{masterplan.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-check="dimensions" data-ok="false"' in html
    assert "Tidak ada program di Smart Economy." in html
    assert login(owner).get("/masterplan/").context["page"].paginator.count == 1


def test_an_editor_adds_a_program_with_budget_kpi_and_steps(login, owner: User) -> None:
    masterplan = make_masterplan()
    response = login(owner).post(f"/masterplan/{masterplan.pk}/program/baru/", program_data())
    assert response.status_code == 302
    program = masterplan.programs.get(code="LIV-02")
    assert [(b.year, b.source, b.amount) for b in program.budget_lines.all()] == [
        (2027, "apbd", 750_000_000),
        (2028, "dak", 250_000_000),
    ]
    kpi = program.kpis.get()
    assert [(t.year, t.value) for t in kpi.targets.all()] == [(2027, 10.0), (2028, 30.0)]
    assert [s.text for s in program.steps.all()] == ["Kajian", "Pengadaan", "Pelatihan"]


def test_program_form_errors_name_the_field(login, owner: User) -> None:
    masterplan = make_masterplan()
    response = login(owner).post(
        f"/masterplan/{masterplan.pk}/program/baru/",
        program_data(element="waste", end_year=2040, code="GOV-01"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["element"] == ["Elemen ini milik dimensi lain."]
    assert errors["end_year"] == ["Pilih tahun dalam masa masterplan, 2027–2036."]
    assert errors["code"] == ["Program lain sudah memakai kode ini."]
    assert not masterplan.programs.filter(title="Telemedisin puskesmas").exists()


def test_a_stale_program_save_is_refused_and_shows_what_changed(
    login, owner: User, colleague: User
) -> None:
    masterplan = make_masterplan()
    program = masterplan.programs.get(code="LIV-01")
    url = f"/masterplan/{masterplan.pk}/program/{program.pk}/"
    first = program_data(code="LIV-01", title="Versi editor", version=1, is_quick_win="")
    second = program_data(code="LIV-01", title="Versi ketua", version=1, is_quick_win="")
    assert login(colleague).post(url, second).status_code == 302
    response = login(owner).post(url, first)
    assert response.status_code == 409
    assert "Versi ketua" in response.content.decode()
    program.refresh_from_db()
    assert program.title == "Versi ketua" and program.version == 2


def test_overview_saves_missions_and_targets_one_per_line(login, owner: User) -> None:
    masterplan = make_masterplan()
    response = login(owner).post(
        f"/masterplan/{masterplan.pk}/ubah/",
        {
            "title": masterplan.title,
            "start_year": 2027,
            "period_years": 10,
            "vision": "Bandung kota cerdas yang bahagia",
            "strategy": "",
            "budget_envelope": "",
            "missions": "Layanan digital\n\nWarga terlibat\n",
            "targets": "100% izin daring pada 2030",
            "version": masterplan.version,
        },
    )
    assert response.status_code == 302
    masterplan.refresh_from_db()
    assert masterplan.vision == "Bandung kota cerdas yang bahagia"
    assert [m.text for m in masterplan.missions.all()] == ["Layanan digital", "Warga terlibat"]
    assert [t.text for t in masterplan.targets.all()] == ["100% izin daring pada 2030"]
    assert masterplan.budget_envelope is None


def test_a_masterplan_in_review_sends_editors_back_to_the_page(
    login, owner: User, colleague: User
) -> None:
    masterplan = transition(make_masterplan(), "submit", colleague)
    response = login(owner).get(f"/masterplan/{masterplan.pk}/ubah/")
    assert response.status_code == 302 and response["Location"] == f"/masterplan/{masterplan.pk}/"


def test_the_lead_submits_from_the_page_and_a_failing_check_is_explained(
    login, colleague: User
) -> None:
    masterplan = make_masterplan()
    masterplan.programs.update(is_quick_win=False)
    client = login(colleague)
    response = client.post(f"/masterplan/{masterplan.pk}/langkah/submit/", follow=True)
    assert "Belum siap ditinjau: Sedikitnya satu quick win" in response.content.decode()
    masterplan.programs.filter(code="GOV-01").update(is_quick_win=True)
    client.post(f"/masterplan/{masterplan.pk}/langkah/submit/")
    masterplan.refresh_from_db()
    assert masterplan.status == Status.IN_REVIEW


def test_the_versions_page_shows_the_diff(login, colleague: User, officer: User) -> None:
    masterplan = transition(make_masterplan(), "submit", colleague)
    masterplan = transition(masterplan, "request_revision", officer, note="Perbaiki visi")
    Masterplan.objects.filter(pk=masterplan.pk).update(vision="Visi baru")
    masterplan = transition(masterplan, "submit", colleague)
    page = login(officer).get(f"/masterplan/{masterplan.pk}/versi/?a=1&b=3")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Visi baru" in html and "<del>Kota yang melayani" in html


def test_the_diff_sits_side_by_side_with_the_mentoring_threads_on_each_changed_part(
    login, client: Client, colleague: User, officer: User
) -> None:  # type: ignore[no-untyped-def]
    from participation.services import comment_add

    masterplan = transition(make_masterplan(), "submit", colleague)
    masterplan = transition(masterplan, "request_revision", officer, note="Perbaiki")
    program = masterplan.programs.get(code="GOV-01")
    comment_add(masterplan=masterplan, user=officer, text="Visi terlalu umum.", section="vision")
    comment_add(
        masterplan=masterplan, user=officer, text="Target GOV-01 belum terukur.", program=program
    )
    comment_add(masterplan=masterplan, user=officer, text="Anggaran BRD?", section="budget")
    Masterplan.objects.filter(pk=masterplan.pk).update(vision="Visi baru")
    program.title = "Perizinan daring terpadu"
    program.save()
    masterplan = transition(masterplan, "submit", colleague)
    html = login(officer).get(f"/masterplan/{masterplan.pk}/versi/?a=1&b=3").content.decode()
    table = html[html.index('data-testid="diff"') :].split("</table>")[0]
    rows = {row.split("</td>")[1]: row for row in table.split("<tr")[2:]}
    vision = next(row for part, row in rows.items() if "visi" in part.lower())
    assert "<del>Kota yang melayani" in vision and "<ins>Visi baru</ins>" in vision
    assert "Visi terlalu umum." in vision and "Target GOV-01" not in vision
    title = next(row for part, row in rows.items() if "GOV-01" in part)
    assert "<ins>Perizinan daring terpadu</ins>" in title
    assert "Target GOV-01 belum terukur." in title and "Visi terlalu umum" not in title
    assert "Anggaran BRD?" not in table  # no change to the budget: its thread is not shown
    # A version the public may read shows no mentoring thread (they are not public).
    assert (
        "Visi terlalu umum."
        not in client.get(f"/masterplan/{masterplan.pk}/versi/").content.decode()
    )


def test_the_public_sees_only_approved_and_enacted_versions(
    client: Client, colleague: User, officer: User
) -> None:
    masterplan = transition(transition(make_masterplan(), "submit", colleague), "approve", officer)
    masterplan = transition(
        masterplan,
        "enact",
        colleague,
        regulation_number="Perwali 1/2027",
        regulation_date=datetime.date(2027, 1, 5),
    )
    versions = client.get(f"/masterplan/{masterplan.pk}/versi/").context["versions"]
    assert [v.status for v in versions] == ["approved", "enacted"]


def test_the_checklist_fragment_follows_the_data(login, owner: User) -> None:
    masterplan = make_masterplan()
    url = f"/masterplan/{masterplan.pk}/kelengkapan/"
    client = login(owner)
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-check="quick_win" data-ok="true"' in fragment
    masterplan.programs.update(is_quick_win=False)
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-check="quick_win" data-ok="false"' in fragment
    # Opened as a page (a bookmark, a shared link): the masterplan's page at its checklist.
    page = client.get(url)
    assert page.status_code == 302 and page["Location"] == f"/masterplan/{masterplan.pk}/#checklist"


def test_a_masterplan_in_revision_shows_what_the_reviewers_asked_for(
    login, owner: User, officer: User
) -> None:  # type: ignore[no-untyped-def]
    from masterplans.workflow import transition

    masterplan = make_masterplan(status="in_review")
    transition(masterplan, "request_revision", officer, note="Tambah KPI ekonomi")
    page = login(owner).get(f"/masterplan/{masterplan.pk}/").content.decode()
    assert 'data-testid="revision-note"' in page and "Tambah KPI ekonomi" in page
    assert "officer" in page


def test_the_library_filters_by_cohort_and_search(
    client: Client, colleague: User, officer: User
) -> None:
    from django.core.management import call_command

    from commitments.tests.factories import make_commitments
    from selection.models import SelectionRound

    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    masterplan = make_masterplan(cohort=cohort)
    make_commitments(masterplan.region)  # a region in a cohort submits with its commitments
    transition(transition(masterplan, "submit", colleague), "approve", officer)
    assert client.get(f"/masterplan/?cohort={cohort.pk}").context["page"].paginator.count == 1
    assert client.get(f"/masterplan/?cohort={cohort.pk + 1}").context["page"].paginator.count == 0
    assert client.get("/masterplan/?q=bandung").context["page"].paginator.count == 1
    assert client.get("/masterplan/?q=bekasi").context["page"].paginator.count == 0


def test_the_workbook_downloads_and_the_book_is_typeset_once_in_the_background(
    client: Client, colleague: User, officer: User, django_capture_on_commit_callbacks, quick_book
) -> None:  # type: ignore[no-untyped-def]
    masterplan = transition(transition(make_masterplan(), "submit", colleague), "approve", officer)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.get(f"/masterplan/{masterplan.pk}/unduh.pdf")
    job = Job.objects.get()
    assert asked.status_code == 302 and asked["Location"] == f"/unduhan/{job.pk}/"
    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = client.get(f"/masterplan/{masterplan.pk}/unduh.pdf")
    # Typeset before: straight to the file, nothing queued.
    assert again["Location"] == f"/unduhan/{job.pk}/berkas" and queued == []
    book = client.get(again["Location"])
    assert book["Content-Disposition"] == 'attachment; filename="masterplan-32.73-2027-e1.pdf"'
    assert b"".join(book.streaming_content).startswith(b"%PDF-")
    workbook = client.get(f"/masterplan/{masterplan.pk}/unduh.xlsx")
    assert workbook.content[:2] == b"PK"
    assert client.get(f"/masterplan/{masterplan.pk}/unduh.docx").status_code == 404


def test_an_excel_import_with_problems_lists_them_by_sheet_row_and_column(
    login, owner: User
) -> None:
    import io

    from openpyxl import load_workbook

    from masterplans.workbook_export import masterplan_xlsx

    masterplan = make_masterplan()
    book = load_workbook(io.BytesIO(masterplan_xlsx(masterplan)))
    sheet = book["Program"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("dimensi") + 1, value="Smart Kota")
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "program.xlsx"
    response = login(owner).post(f"/masterplan/{masterplan.pk}/impor/", {"file": buffer})
    assert response.status_code == 200
    problems = response.context["problems"]
    assert [(p.sheet, p.row, p.column) for p in problems.shown] == [("Program", 2, "dimensi")]
    assert masterplan.programs.count() == 6
    assert not WorkbookUpload.objects.exists()  # nothing waits for a choice


def test_a_workbook_brings_back_a_program_deleted_online(login, owner: User) -> None:
    import io

    from masterplans.workbook_export import masterplan_xlsx

    masterplan = make_masterplan()
    buffer = io.BytesIO(masterplan_xlsx(masterplan))
    buffer.name = "program.xlsx"
    masterplan.programs.get(code="GOV-01").delete()
    response = login(owner).post(f"/masterplan/{masterplan.pk}/impor/", {"file": buffer})
    assert response.status_code == 302
    assert masterplan.programs.count() == 6


def test_a_workbook_that_leaves_a_program_out_asks_before_removing_it(login, owner: User) -> None:
    import io

    from openpyxl import load_workbook

    from masterplans.tests.test_workbook_import import drop_program
    from masterplans.workbook_export import masterplan_xlsx

    masterplan = make_masterplan()
    book = load_workbook(io.BytesIO(masterplan_xlsx(masterplan)))
    drop_program(book, "ENV-01")
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "program.xlsx"
    client = login(owner)
    asked = client.post(f"/masterplan/{masterplan.pk}/impor/", {"file": buffer})
    assert asked.status_code == 409
    assert "ENV-01" in asked.content.decode() and masterplan.programs.count() == 6
    upload = asked.context["upload"]
    # Kept: the list is confirmed without ticking it.
    kept = client.post(
        f"/masterplan/{masterplan.pk}/impor/", {"upload": upload.pk, "keep": "ENV-01"}
    )
    assert kept.status_code == 302 and masterplan.programs.filter(code="ENV-01").exists()
    assert not WorkbookUpload.objects.exists()


def test_an_analysis_item_with_an_error_comes_back_as_typed(login, owner: User) -> None:
    masterplan = make_masterplan()
    response = login(owner).post(
        f"/masterplan/{masterplan.pk}/analisis/",
        {"kind": "challenge", "dimension": "bukan-dimensi", "text": "Banjir tahunan di hilir"},
    )
    assert response.status_code == 200
    form = response.context["analysis_form"]
    assert form["text"].value() == "Banjir tahunan di hilir" and form.errors["dimension"]
    assert not masterplan.analysis.filter(text="Banjir tahunan di hilir").exists()
