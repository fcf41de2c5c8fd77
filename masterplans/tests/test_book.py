import shutil
import subprocess

import pytest

from accounts.models import User
from masterplans.book import figures, masterplan_pdf
from masterplans.models import (
    AnalysisItem,
)
from masterplans.tests.factories import make_masterplan, rich_masterplan

pytestmark = pytest.mark.django_db


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
