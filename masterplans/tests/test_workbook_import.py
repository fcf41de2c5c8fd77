"""An edited workbook read back: programs by their code, nothing changed online overwritten or
removed without a choice, every problem named by sheet, row and column, within limits."""

import io
import time
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from accounts.models import Role, User
from audit.context import acting_as_job
from audit.models import Action, AuditEvent
from masterplans.editing import program_content, save_program
from masterplans.models import Masterplan, Program, Status
from masterplans.tests.factories import make_masterplan, rich_masterplan
from masterplans.tests.test_workbook_export import emptied, save, workbook
from masterplans.versions import snapshot
from masterplans.workbook_export import masterplan_xlsx
from masterplans.workbook_import import (
    ChoicesNeeded,
    ProgramImportError,
    import_workbook,
    parse_rupiah,
)
from masterplans.workflow import WorkflowError
from monitoring.models import KpiActual, ProgressReport
from participation.models import Comment

pytestmark = pytest.mark.django_db


def problems_of(error: pytest.ExceptionInfo[ProgramImportError]) -> set[tuple[str, Any, str]]:
    return {(p.sheet, p.row, p.column) for p in error.value.problems.shown}


def progress_modes(masterplan: Masterplan) -> dict[str, str]:
    return dict(masterplan.programs.values_list("code", "progress_mode"))


def row_of(sheet: Any, code: str) -> int:
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == code)


def column_of(sheet: Any, name: str) -> int:
    return [c.value for c in sheet[1]].index(name) + 1


def drop_program(book: Any, code: str) -> None:
    for sheet in (book["Program"], book["Anggaran"], book["KPI"], book["Rencana aksi"]):
        for row in range(sheet.max_row, 1, -1):
            if sheet.cell(row=row, column=1).value == code:
                sheet.delete_rows(row)


def test_export_then_import_into_an_emptied_copy_gives_the_same_programs(owner: User) -> None:
    masterplan = rich_masterplan()
    before = snapshot(masterplan)["programs"]
    modes = progress_modes(masterplan)
    data = masterplan_xlsx(masterplan)

    result = import_workbook(emptied(masterplan), io.BytesIO(data), owner)

    assert snapshot(masterplan)["programs"] == before
    assert progress_modes(masterplan) == modes
    assert modes["ECO-02"] == "milestones" and modes["GOV-01"] == "entered"
    assert (result.created, result.updated, result.removed) == (8, 0, 0)
    assert list(masterplan.programs.values_list("code", flat=True)) == list(before)
    event = AuditEvent.objects.for_object(masterplan).filter(action=Action.IMPORT).get()
    assert len(event.changes["created"]) == 8


def test_the_same_workbook_imported_twice_changes_nothing_the_second_time(owner: User) -> None:
    masterplan = rich_masterplan()
    data = masterplan_xlsx(masterplan)
    before = snapshot(masterplan)
    versions = dict(masterplan.programs.values_list("code", "version"))

    result = import_workbook(masterplan, io.BytesIO(data), owner)
    again = import_workbook(masterplan, io.BytesIO(data), owner)

    assert (result.unchanged, result.updated, result.created) == (8, 0, 0)
    assert (again.unchanged, again.updated, again.created) == (8, 0, 0)
    assert snapshot(masterplan) == before
    assert dict(masterplan.programs.values_list("code", "version")) == versions


def test_a_reimport_updates_programs_in_place_so_their_reports_comments_and_actuals_stay(
    owner: User,
) -> None:
    masterplan = rich_masterplan()
    program = masterplan.programs.get(code="GOV-01")
    kpi = program.kpis.first()
    KpiActual.objects.create(kpi=kpi, year=2027, value=3)
    ProgressReport.objects.create(program=program, year=2027, quarter=1, status="on_track")
    Comment.objects.create(masterplan=masterplan, program=program, text="Perjelas targetnya")
    book = workbook(masterplan_xlsx(masterplan))
    programs = book["Program"]
    programs.cell(row=row_of(programs, "GOV-01"), column=column_of(programs, "judul"), value="Baru")
    book["Anggaran"].append(["GOV-01", 2028, "APBN", "Rp 1,5 miliar"])

    result = import_workbook(masterplan, save(book), owner)

    assert (result.updated, result.unchanged) == (1, 7)
    again = masterplan.programs.get(code="GOV-01")
    assert (again.pk, again.title, again.version) == (program.pk, "Baru", program.version + 1)
    assert again.budget_lines.get(year=2028, source="apbn").amount == 1_500_000_000
    assert again.kpis.get().pk == kpi.pk and kpi.actuals.count() == 1
    assert again.progress_reports.count() == 1 and again.comments.count() == 1


def test_a_program_changed_online_since_the_export_is_not_overwritten_without_a_choice(
    owner: User, colleague: User
) -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    programs = book["Program"]
    programs.cell(
        row=row_of(programs, "GOV-01"), column=column_of(programs, "judul"), value="Dari Excel"
    )
    # Meanwhile a colleague changes the same program online.
    online = masterplan.programs.get(code="GOV-01")
    content = program_content(online)
    content.fields["title"] = "Dari aplikasi"
    with acting_as_job(colleague.username):
        save_program(masterplan, online, content, colleague, base_version=online.version)

    with pytest.raises(ChoicesNeeded) as needed:
        import_workbook(masterplan, save(book), owner)
    (conflict,) = needed.value.plan.conflicts
    assert conflict.code == "GOV-01" and conflict.by == [colleague.username]
    assert [(c.field, c.new) for c in conflict.changes] == [("title", "Dari aplikasi")]
    assert masterplan.programs.get(code="GOV-01").title == "Dari aplikasi"

    kept = import_workbook(masterplan, save(book), owner, keep=["GOV-01"])
    assert (kept.kept, kept.updated) == (1, 0)
    assert masterplan.programs.get(code="GOV-01").title == "Dari aplikasi"
    taken = import_workbook(masterplan, save(book), owner, take=["GOV-01"])
    assert taken.updated == 1
    assert masterplan.programs.get(code="GOV-01").title == "Dari Excel"


def test_a_program_left_out_of_the_workbook_is_listed_and_removed_only_if_chosen(
    owner: User,
) -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    drop_program(book, "BRA-01")

    with pytest.raises(ChoicesNeeded) as needed:
        import_workbook(masterplan, save(book), owner)
    assert [code for code, _title in needed.value.plan.missing] == ["BRA-01"]
    assert masterplan.programs.filter(code="BRA-01").exists()

    kept = import_workbook(masterplan, save(book), owner, keep=["BRA-01"])
    assert kept.removed == 0 and masterplan.programs.filter(code="BRA-01").exists()
    removed = import_workbook(masterplan, save(book), owner, remove=["BRA-01"])
    assert removed.removed == 1 and not masterplan.programs.filter(code="BRA-01").exists()


def test_a_workbook_of_another_masterplan_is_refused(owner: User) -> None:
    other = make_masterplan("32.75")
    masterplan = make_masterplan()
    with pytest.raises(ProgramImportError, match="masterplan lain"):
        import_workbook(masterplan, io.BytesIO(masterplan_xlsx(other)), owner)


def test_the_progress_mode_is_read_from_its_label_or_its_code(owner: User) -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    programs = book["Program"]
    column = column_of(programs, "kemajuan_dari")
    programs.cell(row=row_of(programs, "GOV-01"), column=column, value="Tonggak yang  selesai")
    programs.cell(row=row_of(programs, "BRA-01"), column=column, value="milestones")
    programs.cell(row=row_of(programs, "ECO-02"), column=column, value="entered")
    programs.cell(row=row_of(programs, "LIV-01"), column=column, value=None)

    import_workbook(masterplan, save(book), owner)

    modes = progress_modes(masterplan)
    assert (modes["GOV-01"], modes["BRA-01"]) == ("milestones", "milestones")
    assert (modes["ECO-02"], modes["LIV-01"]) == ("entered", "entered")


def test_a_column_the_workbook_lacks_leaves_that_field_as_it_is(owner: User) -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    book["Program"].delete_cols(column_of(book["Program"], "kemajuan_dari"))

    result = import_workbook(masterplan, save(book), owner)

    assert result.unchanged == 8
    assert progress_modes(masterplan)["ECO-02"] == "milestones"


def test_an_unknown_progress_mode_is_named_by_sheet_row_and_column(owner: User) -> None:
    masterplan = rich_masterplan()
    before = snapshot(masterplan)
    book = workbook(masterplan_xlsx(masterplan))
    programs = book["Program"]
    row = row_of(programs, "ECO-02")
    programs.cell(row=row, column=column_of(programs, "kemajuan_dari"), value="setengah jalan")

    with pytest.raises(ProgramImportError) as error:
        import_workbook(masterplan, save(book), owner)

    (problem,) = error.value.problems.shown
    assert str(problem) == (
        f"lembar Program, baris {row}, kolom kemajuan_dari: "
        "isi “diisi tim” atau “tonggak yang selesai”, bukan “setengah jalan”"
    )
    assert snapshot(masterplan) == before


def break_cells(book: Any) -> dict[str, int]:
    """Spoil one cell per kind of mistake; the row numbers of the spoilt rows by name."""
    programs = book["Program"]
    column = {c.value: c.column for c in programs[1]}
    rows = {
        code: row_of(programs, code) for code in ("GOV-01", "BRA-01", "ECO-01", "LIV-01", "SOC-01")
    }
    programs.cell(row=rows["GOV-01"], column=column["dimensi"], value="Smart Kota")
    programs.cell(row=rows["BRA-01"], column=column["elemen"], value="kesehatan")  # a living one
    programs.cell(row=rows["ECO-01"], column=column["tahun_mulai"], value=2029)
    programs.cell(row=rows["ECO-01"], column=column["tahun_selesai"], value=2028)
    programs.cell(row=rows["LIV-01"], column=column["tahun_mulai"], value=2040)
    programs.cell(row=rows["SOC-01"], column=column["quick_win"], value="mungkin")
    programs.append(
        ["GOV-01", "Smart Governance", "kebijakan publik", "Lagi", "", "", "", "", "",
         "jangka pendek", 2027, 2027, "APBD", "", "tidak"]
    )  # fmt: skip
    rows["duplicate"] = programs.max_row
    budget = book["Anggaran"]
    budget["D2"] = "1,5 M"  # M: miliar or million? Refused, never guessed.
    budget["D3"] = -5
    budget["D4"] = "Rp 1.500.000"  # fine
    budget["D5"] = "2.5"  # a dot that cannot group thousands
    budget.append(["XYZ-99", 2027, "APBD", 100])
    rows["unknown_budget"] = budget.max_row
    budget.append(["ENV-01", 2027, "Dana Desa", 100])
    rows["unknown_source"] = budget.max_row
    kpis = book["KPI"]
    kpis["E2"] = "sepuluh"
    kpis.append(["NOPE-1", "Indikator", "unit"])
    rows["unknown_kpi"] = kpis.max_row
    book["Rencana aksi"]["C2"] = 2050
    return rows


def test_messy_cells_are_all_reported_by_sheet_row_and_column_and_nothing_is_written(
    owner: User,
) -> None:
    masterplan = rich_masterplan()
    before = snapshot(masterplan)
    book = workbook(masterplan_xlsx(masterplan))
    rows = break_cells(book)

    with pytest.raises(ProgramImportError) as error:
        import_workbook(masterplan, save(book), owner)

    assert problems_of(error) == {
        ("Program", rows["GOV-01"], "dimensi"),
        ("Program", rows["BRA-01"], "elemen"),
        ("Program", rows["ECO-01"], "tahun_selesai"),
        ("Program", rows["LIV-01"], "tahun_mulai"),
        ("Program", rows["SOC-01"], "quick_win"),
        ("Program", rows["duplicate"], "kode"),
        ("Anggaran", 2, "jumlah_rp"),
        ("Anggaran", 3, "jumlah_rp"),
        ("Anggaran", 5, "jumlah_rp"),
        ("Anggaran", rows["unknown_budget"], "kode"),
        ("Anggaran", rows["unknown_source"], "sumber_dana"),
        ("KPI", 2, "2027"),
        ("KPI", rows["unknown_kpi"], "kode"),
        ("Rencana aksi", 2, "tahun"),
    }
    messages = {(p.sheet, p.row, p.column): p.message for p in error.value.problems.shown}
    assert messages[("Program", rows["GOV-01"], "dimensi")] == "dimensi “Smart Kota” tidak dikenal"
    assert "titik memisahkan ribuan" in messages[("Anggaran", 2, "jumlah_rp")]
    assert "tidak boleh negatif" in messages[("Anggaran", 3, "jumlah_rp")]
    assert "“2.5”" in messages[("Anggaran", 5, "jumlah_rp")]
    assert "tidak ada di lembar Program" in messages[("KPI", rows["unknown_kpi"], "kode")]
    assert snapshot(masterplan) == before
    assert not AuditEvent.objects.for_object(masterplan).filter(action=Action.IMPORT).exists()


def test_missing_required_columns_and_sheets_are_named(owner: User) -> None:
    masterplan = make_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    book["Program"].delete_cols(2)  # dimensi
    del book["Rencana aksi"]
    with pytest.raises(ProgramImportError) as error:
        import_workbook(masterplan, save(book), owner)
    assert problems_of(error) == {("Program", 1, "dimensi"), ("Rencana aksi", None, "")}
    assert masterplan.programs.count() == 6


def test_a_file_that_is_not_a_workbook_is_refused(owner: User) -> None:
    masterplan = make_masterplan()
    with pytest.raises(ProgramImportError, match="bukan buku kerja Excel"):
        import_workbook(masterplan, io.BytesIO(b"kode;judul\nGOV-01;x\n"), owner)


def empty_workbook() -> io.BytesIO:
    book = Workbook()
    book.active.title = "Program"
    book["Program"].append(
        ["kode", "dimensi", "elemen", "judul", "jangka", "tahun_mulai", "tahun_selesai",
         "sumber_dana"]
    )  # fmt: skip
    book.create_sheet("Anggaran").append(["kode", "tahun", "sumber_dana", "jumlah_rp"])
    book.create_sheet("KPI").append(["kode", "nama_kpi", "satuan"])
    book.create_sheet("Rencana aksi").append(["kode", "langkah"])
    return save(book)


def test_an_empty_program_sheet_removes_programs_only_when_each_is_chosen(owner: User) -> None:
    masterplan = make_masterplan()
    codes = list(masterplan.programs.values_list("code", flat=True))
    with pytest.raises(ChoicesNeeded) as needed:
        import_workbook(masterplan, empty_workbook(), owner)
    assert needed.value.undecided == set(codes)
    result = import_workbook(masterplan, empty_workbook(), owner, remove=codes)
    assert result.removed == 6 and not Program.objects.filter(masterplan=masterplan).exists()


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        (1500000, 1_500_000),
        (1500000.0, 1_500_000),
        ("1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        (" 250000 ", 250_000),
        ("1,5 miliar", 1_500_000_000),
        ("350 juta", 350_000_000),
        (0, 0),
    ],
)
def test_rupiah_cells_are_read_as_whole_rupiah(cell: Any, amount: int) -> None:
    assert parse_rupiah(cell) == amount


@pytest.mark.parametrize(
    "cell", ["1,5 M", "1.500.000,50", "1,500,000", "15.00", "Rp", 1.5, -3, "400.000.000,"]
)
def test_rupiah_cells_that_cannot_be_read_are_refused(cell: Any) -> None:
    with pytest.raises(ValueError):
        parse_rupiah(cell)


def test_an_outsider_cannot_import(outsider: User) -> None:
    masterplan = make_masterplan()
    data = masterplan_xlsx(masterplan)
    with pytest.raises(PermissionDenied):
        import_workbook(emptied(masterplan), io.BytesIO(data), outsider)
    assert not masterplan.programs.exists()


def test_national_staff_cannot_import_either(officer: User) -> None:
    masterplan = make_masterplan()
    with pytest.raises(PermissionDenied):
        import_workbook(masterplan, io.BytesIO(masterplan_xlsx(masterplan)), officer)


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.APPROVED, Status.ENACTED])
def test_a_masterplan_that_is_not_editable_refuses_the_import(colleague: User, status: str) -> None:
    masterplan = make_masterplan(status=status)
    data = masterplan_xlsx(masterplan)
    before = snapshot(masterplan)
    with pytest.raises(WorkflowError):
        import_workbook(masterplan, io.BytesIO(data), colleague)
    assert snapshot(masterplan) == before


# Bounded input


def test_a_workbook_of_formulas_never_calculated_lists_the_first_problems_and_counts_the_rest(
    owner: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.KC_MAX_PROBLEMS_LISTED = 50
    masterplan = make_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    budget = book["Anggaran"]
    for row in range(2, 400):
        budget.append(["GOV-01", "=2026+1", "APBD", f"=A{row}*0"])  # no cached value: empty
    with pytest.raises(ProgramImportError) as error:
        import_workbook(masterplan, save(book), owner)
    problems = error.value.problems
    assert len(problems.shown) == 50 and problems.total > 50 and problems.hidden > 0
    assert masterplan.programs.count() == 6


def test_a_sheet_past_the_row_limit_is_refused_naming_the_sheet(owner: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KC_MAX_ROWS = 100
    masterplan = make_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    for _ in range(150):
        book["Rencana aksi"].append(["GOV-01", None, None, "Langkah"])
    with pytest.raises(ProgramImportError, match="Rencana aksi"):
        import_workbook(masterplan, save(book), owner)


def bomb(unpacked_mb: int) -> io.BytesIO:
    """A zip that claims to be a workbook: one part of zeros that compresses a thousandfold."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (unpacked_mb * 1024 * 1024))
    out.seek(0)
    return out


def test_a_zip_bomb_is_refused_in_well_under_three_seconds(owner: User) -> None:
    masterplan = make_masterplan()
    started = time.perf_counter()
    with pytest.raises(ProgramImportError) as error:
        import_workbook(masterplan, bomb(30), owner)
    assert time.perf_counter() - started < 3
    assert "unpacks to" in str(error.value) or "diekstrak" in str(error.value)
    assert masterplan.programs.count() == 6


def test_a_file_past_the_byte_limit_is_refused_before_it_is_opened(owner: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KC_MAX_UPLOAD_BYTES = 1000
    masterplan = make_masterplan()
    with pytest.raises(ProgramImportError, match="1000"):
        import_workbook(masterplan, io.BytesIO(masterplan_xlsx(masterplan)), owner)


def test_the_same_workbook_imported_twice_at_once_writes_it_once(registry_committed: None) -> None:
    import threading

    from django.db import connection

    from conftest import make_user
    from regions.models import Region

    masterplan = make_masterplan()
    editors = [
        make_user(f"editor.{n}", Role.REGIONAL_EDITOR, Region.objects.get(code="32.73"))
        for n in (1, 2)
    ]
    book = workbook(masterplan_xlsx(masterplan))
    programs = book["Program"]
    programs.cell(row=row_of(programs, "GOV-01"), column=column_of(programs, "judul"), value="Baru")
    data = save(book).getvalue()
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def run(user: User) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(import_workbook(masterplan, io.BytesIO(data), user))
        except Exception as error:
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted((r.updated, r.unchanged) for r in results) == [(0, 6), (1, 5)], results
    program = masterplan.programs.get(code="GOV-01")
    assert (program.title, masterplan.programs.count()) == ("Baru", 6)
    assert program.version == 2
