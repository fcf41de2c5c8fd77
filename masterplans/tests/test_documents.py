import io
import shutil
import subprocess
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from accounts.models import User
from audit.models import Action, AuditEvent
from masterplans.documents import (
    ProgramImportError,
    figures,
    import_programs_xlsx,
    masterplan_pdf,
    masterplan_xlsx,
    parse_rupiah,
)
from masterplans.models import (
    ActionStep,
    AnalysisItem,
    AnalysisKind,
    BudgetLine,
    Kpi,
    KpiTarget,
    Masterplan,
    Program,
    Status,
)
from masterplans.tests.factories import make_masterplan, make_program
from masterplans.versions import snapshot
from masterplans.workflow import WorkflowError

pytestmark = pytest.mark.django_db


def rich_masterplan() -> Masterplan:
    """The factory's masterplan plus programs that use every field and several funding sources."""
    masterplan = make_masterplan()
    opportunity = AnalysisItem.objects.create(
        masterplan=masterplan,
        kind=AnalysisKind.OPPORTUNITY,
        dimension="economy",
        text="UMKM kreatif tumbuh pesat",
    )
    program = make_program(
        masterplan,
        "economy",
        2,
        title="Pasar digital UMKM",
        element="transactions",
        description="Lokapasar daerah untuk UMKM.\nDengan pembayaran QRIS.",
        answers=opportunity,
        technology="Aplikasi web, QRIS",
        opd="Dinas Koperasi dan UMKM",
        partners="Bank BJB; asosiasi UMKM",
        term="medium",
        start_year=2028,
        end_year=2031,
        funding_source="kpbu",
        rpjmd_program="Peningkatan daya saing UMKM",
        is_quick_win=False,
        progress_mode="milestones",
    )
    BudgetLine.objects.create(program=program, year=2029, amount=1_250_000_000, source="csr")
    BudgetLine.objects.create(program=program, year=2030, amount=0, source="swasta")
    kpi = Kpi.objects.create(
        program=program, name="UMKM yang berjualan daring", unit="%", baseline=12.5, position=1
    )
    KpiTarget.objects.create(kpi=kpi, year=2028, value=20.5)
    KpiTarget.objects.create(kpi=kpi, year=2031, value=60)
    ActionStep.objects.create(program=program, position=3, text="Peluncuran", year=2029)
    make_program(masterplan, "living", 2, element="health", term="long", end_year=2036)
    return masterplan


def emptied(masterplan: Masterplan) -> Masterplan:
    masterplan.programs.all().delete()
    return masterplan


def workbook(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def save(book: Any) -> io.BytesIO:
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def problems_of(error: pytest.ExceptionInfo[ProgramImportError]) -> set[tuple[str, Any, str]]:
    return {(p.sheet, p.row, p.column) for p in error.value.problems}


def test_the_workbook_has_a_guide_and_a_sheet_per_part_with_indonesian_headers() -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    assert book.sheetnames == ["Petunjuk", "Program", "Anggaran", "KPI", "Rencana aksi"]
    programs = book["Program"]
    header = [c.value for c in programs[1]]
    assert header[:4] == ["kode", "dimensi", "elemen", "judul"]
    rows = {
        r[0]: dict(zip(header, r, strict=True))
        for r in programs.iter_rows(min_row=2, values_only=True)
    }
    assert len(rows) == 8
    eco = rows["ECO-02"]
    assert (eco["dimensi"], eco["elemen"], eco["jangka"], eco["sumber_dana"]) == (
        "Smart Economy",
        "ekosistem transaksi keuangan",
        "jangka menengah",
        "KPBU",
    )
    assert eco["menjawab"] == "UMKM kreatif tumbuh pesat"
    assert (eco["quick_win"], rows["GOV-01"]["quick_win"]) == ("tidak", "ya")
    assert (eco["kemajuan_dari"], rows["GOV-01"]["kemajuan_dari"]) == (
        "tonggak yang selesai",
        "diisi tim",
    )
    budget = list(book["Anggaran"].iter_rows(min_row=2, values_only=True))
    assert ("ECO-02", 2029, "CSR", 1_250_000_000) in budget
    kpi_header = [c.value for c in book["KPI"][1]]
    assert kpi_header == ["kode", "nama_kpi", "satuan", "baseline", *map(str, range(2027, 2037))]
    umkm = next(r for r in book["KPI"].iter_rows(min_row=2, values_only=True) if r[2] == "%")
    assert umkm[:6] == ("ECO-02", "UMKM yang berjualan daring", "%", 12.5, None, 20.5)
    assert book["Rencana aksi"].max_row == 1 + 2 * 8 + 1
    guide = " ".join(
        str(v) for row in book["Petunjuk"].iter_rows(values_only=True) for v in row if v
    )
    assert "MENGGANTI semua program" in guide and "Berisi data demo" not in guide
    assert "diisi tim (entered); tonggak yang selesai (milestones)" in guide


def test_a_demo_masterplan_says_so_in_the_guide() -> None:
    masterplan = make_masterplan(is_demo=True)
    assert workbook(masterplan_xlsx(masterplan))["Petunjuk"]["A1"].value == "Berisi data demo"


def test_export_then_import_into_an_emptied_copy_gives_the_same_programs(owner: User) -> None:
    masterplan = rich_masterplan()
    before = snapshot(masterplan)["programs"]
    modes = progress_modes(masterplan)
    data = masterplan_xlsx(masterplan)

    result = import_programs_xlsx(emptied(masterplan), io.BytesIO(data), owner)

    assert snapshot(masterplan)["programs"] == before
    assert progress_modes(masterplan) == modes
    assert modes["ECO-02"] == "milestones" and modes["GOV-01"] == "entered"
    assert (result.programs, result.removed_programs) == (8, 0)
    assert result.budget_lines == BudgetLine.objects.filter(program__masterplan=masterplan).count()
    assert list(masterplan.programs.values_list("code", flat=True)) == list(before)
    event = AuditEvent.objects.for_object(masterplan).filter(action=Action.IMPORT).get()
    assert event.changes["programs"] == [0, 8]


def progress_modes(masterplan: Masterplan) -> dict[str, str]:
    return dict(masterplan.programs.values_list("code", "progress_mode"))


def row_of(sheet: Any, code: str) -> int:
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == code)


def progress_column(sheet: Any) -> int:
    return [c.value for c in sheet[1]].index("kemajuan_dari") + 1


def test_the_progress_mode_is_read_from_its_label_or_its_code(owner: User) -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    programs = book["Program"]
    column = progress_column(programs)
    programs.cell(row=row_of(programs, "GOV-01"), column=column, value="Tonggak yang  selesai")
    programs.cell(row=row_of(programs, "BRA-01"), column=column, value="milestones")
    programs.cell(row=row_of(programs, "ECO-02"), column=column, value="entered")
    programs.cell(row=row_of(programs, "LIV-01"), column=column, value=None)

    import_programs_xlsx(masterplan, save(book), owner)

    modes = progress_modes(masterplan)
    assert (modes["GOV-01"], modes["BRA-01"]) == ("milestones", "milestones")
    assert (modes["ECO-02"], modes["LIV-01"]) == ("entered", "entered")


def test_a_workbook_from_before_the_progress_column_imports_with_the_default(
    owner: User,
) -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    book["Program"].delete_cols(progress_column(book["Program"]))

    result = import_programs_xlsx(masterplan, save(book), owner)

    assert result.programs == 8
    assert set(progress_modes(masterplan).values()) == {"entered"}


def test_an_unknown_progress_mode_is_named_by_sheet_row_and_column(owner: User) -> None:
    masterplan = rich_masterplan()
    before = snapshot(masterplan)
    book = workbook(masterplan_xlsx(masterplan))
    programs = book["Program"]
    row = row_of(programs, "ECO-02")
    programs.cell(row=row, column=progress_column(programs), value="setengah jalan")

    with pytest.raises(ProgramImportError) as error:
        import_programs_xlsx(masterplan, save(book), owner)

    (problem,) = error.value.problems
    assert str(problem) == (
        f"lembar Program, baris {row}, kolom kemajuan_dari: "
        "isi “diisi tim” atau “tonggak yang selesai”, bukan “setengah jalan”"
    )
    assert snapshot(masterplan) == before
    assert progress_modes(masterplan)["ECO-02"] == "milestones"


def drop_program(book: Any, code: str) -> None:
    for sheet in (book["Program"], book["Anggaran"], book["KPI"], book["Rencana aksi"]):
        for row in range(sheet.max_row, 1, -1):
            if sheet.cell(row=row, column=1).value == code:
                sheet.delete_rows(row)


def test_importing_replaces_the_programs_and_edits_made_in_excel_arrive(owner: User) -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    drop_program(book, "BRA-01")
    programs = book["Program"]
    gov = row_of(programs, "GOV-01")
    programs[f"D{gov}"] = "Perizinan daring terpadu"
    programs[f"B{gov}"] = "governance"  # a code instead of a label
    programs[f"C{gov}"] = "Pelayanan Publik"
    book["Anggaran"].append(["GOV-01", 2028, "apbn", "Rp 1.500.000"])

    result = import_programs_xlsx(masterplan, save(book), owner)

    assert result.removed_programs == 8 and result.programs == 7
    assert not masterplan.programs.filter(code="BRA-01").exists()
    gov_program = masterplan.programs.get(code="GOV-01")
    assert gov_program.title == "Perizinan daring terpadu"
    assert gov_program.answers.text == "Perizinan masih manual dan lambat"
    assert gov_program.budget_lines.get(year=2028, source="apbn").amount == 1_500_000


def break_cells(book: Any) -> dict[str, int]:
    """Spoil one cell per kind of mistake; the row numbers of the spoilt rows by name."""
    programs = book["Program"]
    header = [c.value for c in programs[1]]
    column = {name: header.index(name) + 1 for name in header}
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
        [
            "GOV-01",
            "Smart Governance",
            "kebijakan publik",
            "Lagi",
            "",
            "",
            "",
            "",
            "",
            "jangka pendek",
            2027,
            2027,
            "APBD",
            "",
            "tidak",
        ]
    )
    rows["duplicate"] = programs.max_row
    budget = book["Anggaran"]
    budget["D2"] = "1,5 miliar"
    budget["D3"] = -5
    budget["D4"] = "Rp 1.500.000"  # fine
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
        import_programs_xlsx(masterplan, save(book), owner)

    assert problems_of(error) == {
        ("Program", rows["GOV-01"], "dimensi"),
        ("Program", rows["BRA-01"], "elemen"),
        ("Program", rows["ECO-01"], "tahun_selesai"),
        ("Program", rows["LIV-01"], "tahun_mulai"),
        ("Program", rows["SOC-01"], "quick_win"),
        ("Program", rows["duplicate"], "kode"),
        ("Anggaran", 2, "jumlah_rp"),
        ("Anggaran", 3, "jumlah_rp"),
        ("Anggaran", rows["unknown_budget"], "kode"),
        ("Anggaran", rows["unknown_source"], "sumber_dana"),
        ("KPI", 2, "2027"),
        ("KPI", rows["unknown_kpi"], "kode"),
        ("Rencana aksi", 2, "tahun"),
    }
    messages = {(p.sheet, p.row, p.column): p.message for p in error.value.problems}
    assert messages[("Program", rows["GOV-01"], "dimensi")] == "dimensi “Smart Kota” tidak dikenal"
    assert (
        "bukan bagian dari dimensi Smart Branding"
        in messages[("Program", rows["BRA-01"], "elemen")]
    )
    assert (
        messages[("Program", rows["ECO-01"], "tahun_selesai")]
        == "tahun selesai 2028 sebelum tahun mulai 2029"
    )
    assert (
        "di luar periode masterplan 2027–2036"
        in messages[("Program", rows["LIV-01"], "tahun_mulai")]
    )
    assert (
        messages[("Program", rows["duplicate"], "kode")]
        == f"kode GOV-01 sudah dipakai di baris {rows['GOV-01']}"
    )
    assert "bukan “1,5 miliar”" in messages[("Anggaran", 2, "jumlah_rp")]
    assert "tidak boleh negatif" in messages[("Anggaran", 3, "jumlah_rp")]
    assert "tidak ada di lembar Program" in messages[("KPI", rows["unknown_kpi"], "kode")]
    assert str(error.value.problems[0]).startswith(
        f"lembar Program, baris {rows['BRA-01']}, kolom elemen: "
    )
    assert snapshot(masterplan) == before
    assert not AuditEvent.objects.for_object(masterplan).filter(action=Action.IMPORT).exists()


def budget_rows(masterplan: Masterplan) -> int:
    return BudgetLine.objects.filter(program__masterplan=masterplan).count()


def test_missing_required_columns_and_sheets_are_named(owner: User) -> None:
    masterplan = make_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    book["Program"].delete_cols(2)  # dimensi
    del book["Rencana aksi"]
    with pytest.raises(ProgramImportError) as error:
        import_programs_xlsx(masterplan, save(book), owner)
    assert problems_of(error) == {("Program", 1, "dimensi"), ("Rencana aksi", None, "")}
    assert masterplan.programs.count() == 6


def test_a_file_that_is_not_a_workbook_is_refused(owner: User) -> None:
    masterplan = make_masterplan()
    with pytest.raises(ProgramImportError, match="bukan buku kerja Excel"):
        import_programs_xlsx(masterplan, io.BytesIO(b"kode;judul\nGOV-01;x\n"), owner)


def test_an_empty_program_sheet_removes_every_program(owner: User) -> None:
    masterplan = make_masterplan()
    book = Workbook()
    book.active.title = "Program"
    book["Program"].append(
        [
            "kode",
            "dimensi",
            "elemen",
            "judul",
            "jangka",
            "tahun_mulai",
            "tahun_selesai",
            "sumber_dana",
        ]
    )
    book.create_sheet("Anggaran").append(["kode", "tahun", "sumber_dana", "jumlah_rp"])
    book.create_sheet("KPI").append(["kode", "nama_kpi", "satuan"])
    book.create_sheet("Rencana aksi").append(["kode", "langkah"])
    result = import_programs_xlsx(masterplan, save(book), owner)
    assert (
        result.removed_programs == 6 and not Program.objects.filter(masterplan=masterplan).exists()
    )


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        (1500000, 1_500_000),
        (1500000.0, 1_500_000),
        ("1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        (" 250000 ", 250_000),
        (0, 0),
    ],
)
def test_rupiah_cells_are_read_as_whole_rupiah(cell: Any, amount: int) -> None:
    assert parse_rupiah(cell) == amount


@pytest.mark.parametrize(
    "cell", ["1,5 miliar", "1.500.000,50", "1,500,000", "15.00", "Rp", 1.5, -3]
)
def test_rupiah_cells_that_cannot_be_read_are_refused(cell: Any) -> None:
    with pytest.raises(ValueError):
        parse_rupiah(cell)


def test_an_outsider_cannot_import(outsider: User) -> None:
    masterplan = make_masterplan()
    data = masterplan_xlsx(masterplan)
    with pytest.raises(PermissionDenied):
        import_programs_xlsx(emptied(masterplan), io.BytesIO(data), outsider)
    assert not masterplan.programs.exists()


def test_national_staff_cannot_import_either(officer: User) -> None:
    masterplan = make_masterplan()
    with pytest.raises(PermissionDenied):
        import_programs_xlsx(masterplan, io.BytesIO(masterplan_xlsx(masterplan)), officer)


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.APPROVED, Status.ENACTED])
def test_a_masterplan_that_is_not_editable_refuses_the_import(colleague: User, status: str) -> None:
    masterplan = make_masterplan(status=status)
    data = masterplan_xlsx(masterplan)
    before = snapshot(masterplan)
    with pytest.raises(WorkflowError):
        import_programs_xlsx(masterplan, io.BytesIO(data), colleague)
    assert snapshot(masterplan) == before


def pdf_text(pdf: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed: book text not read")
    done = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_book_has_every_section_and_program_and_page_numbers() -> None:
    masterplan = rich_masterplan()
    masterplan.consultation_summary = "Konsultasi daring Mei 2026: 412 tanggapan warga."
    masterplan.save()
    AnalysisItem.objects.filter(masterplan=masterplan, kind="challenge").update(
        readiness_ref="suprastruktur 2.1"
    )

    pdf = masterplan_pdf(masterplan)

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for heading in (
        "Daftar isi",
        "1. Kesiapan dan analisis",
        "2. Visi, misi, sasaran dan strategi",
        "3. Program per dimensi",
        "4. Peta jalan",
        "5. Quick win",
        "6. Anggaran",
        "7. Indikator kinerja (KPI)",
        "8. Konsultasi publik",
    ):
        assert heading in flat, heading
    for code in masterplan.programs.values_list("code", flat=True):
        assert code in text, code
    assert masterplan.title in flat
    assert "Kota Bandung" in text
    assert "412 tanggapan warga" in flat
    assert "kesiapan: suprastruktur 2.1" in flat
    assert "Kota yang melayani warganya dengan cepat dan terbuka" in flat  # the vision
    assert "1. Layanan publik digital" in flat  # the mission
    # The quick-win table: a row per quick win with its OPD, years and budget.
    chapter = flat.split("5. Quick win")[-1].split("6. Anggaran")[0]
    for program in masterplan.programs.filter(is_quick_win=True):
        row = f"{program.code} {program.title} {program.get_dimension_display()} {program.opd}"
        assert row in chapter, row
    assert "Halaman 2 dari" in text
    # ECO-02's targets for 2028 and 2031 and its budget from CSR in 2029, in Rp juta
    assert "UMKM yang berjualan daring (%), awal 12,5 20,5 – – 60" in flat
    assert "CSR – 1.250 – –" in flat
    assert "DRAF" in text and "DATA DEMO" not in text
    # the contents point at real pages
    contents = text.split("\f")[1]
    assert "3. Program per dimensi" in contents
    last_page = len(text.split("\f")) - 1
    numbers = [int(n) for n in re_numbers(contents)]
    assert numbers and all(3 <= n <= last_page for n in numbers)


def test_the_books_readiness_chapter_has_the_profile_and_names_each_gap_by_its_part(
    login, officer: User
) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from readiness.defaults import questionnaire_for
    from readiness.models import Answer, Assessment
    from selection.models import SelectionRound

    call_command("load_history", verbosity=0)
    questionnaire = questionnaire_for(SelectionRound.objects.get(year=2017))
    item = questionnaire.items.filter(part="suprastruktur").first()
    masterplan = rich_masterplan()
    assessment = Assessment.objects.create(region=masterplan.region, questionnaire=questionnaire)
    Answer.objects.create(assessment=assessment, item=item, self_score=1, assessor_score=1)
    AnalysisItem.objects.filter(masterplan=masterplan, kind="challenge").update(
        readiness_ref=str(item.pk)
    )
    label = f"Suprastruktur · {item.get_subpart_display()}"

    flat = " ".join(pdf_text(masterplan_pdf(masterplan)).split())

    assert "Profil kesiapan" in flat
    assert f"kesiapan: {label}" in flat and f"kesiapan: {item.pk}" not in flat
    parts = questionnaire.items.filter(part="suprastruktur").count()
    assert f"Suprastruktur 1,00 25% 1 dari {parts} terverifikasi" in flat
    assert "Struktur – – 0 dari" in flat
    page = login(officer).get(f"/masterplan/{masterplan.pk}/").content.decode()
    assert f"kesiapan: {label}" in page


def test_figures_are_right_aligned_in_columns_of_one_width() -> None:
    table = figures(["2027", "2028"], [["14,5", "1.118"], ["\u2013", "100"]])
    assert table.header == "   2027   2028"
    assert table.rows == ["   14,5  1.118", "      \u2013    100"]
    assert table.width == 14
    assert figures(["2027"], [["1.234.567"]]).rows == ["  1.234.567"]


def re_numbers(contents: str) -> list[str]:
    import re

    return re.findall(r"\.{3,}\s*(\d+)\s*$", contents, flags=re.M)


def test_an_enacted_demo_book_names_its_regulation_and_says_demo(
    colleague: User, officer: User
) -> None:
    import datetime

    from masterplans.workflow import transition

    masterplan = make_masterplan(is_demo=True)
    masterplan = transition(masterplan, "submit", colleague)
    masterplan = transition(masterplan, "approve", officer)
    masterplan = transition(
        masterplan,
        "enact",
        colleague,
        regulation_number="Nomor 12 Tahun 2027",
        regulation_date=datetime.date(2027, 3, 1),
    )
    flat = " ".join(pdf_text(masterplan_pdf(masterplan)).split())
    assert "Perwali Nomor 12 Tahun 2027, 1 Mar 2027" in flat
    assert "DATA DEMO" in flat
    assert "DRAF" not in flat
    assert "Belum ada konsultasi publik" in flat
