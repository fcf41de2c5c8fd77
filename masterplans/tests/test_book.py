import re
import shutil
import subprocess

import pytest

from accounts.models import User
from masterplans.book import amount_text, masterplan_pdf, number_text, paragraphs
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
    # the contents give the page each chapter and dimension starts on
    pages = text.split("\f")
    entries = contents_entries(pages[1])
    assert [title for title, _page in entries][:4] == [
        "1. Kesiapan dan analisis",
        "2. Visi, misi, sasaran dan strategi",
        "3. Program per dimensi",
        "3.1 Smart Governance",
    ]
    assert len(entries) == 14
    for title, page in entries:
        assert page > 2 and title in pages[page - 1], (title, page)
    # running heads: the book's title and the chapter the page is in
    budget_page = dict(entries)["6. Anggaran"]
    head = pages[budget_page - 1].strip().splitlines()[0]
    assert masterplan.title in head and "6. Anggaran" in head, head


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


def test_what_people_typed_is_set_as_text_never_read_as_markup() -> None:
    masterplan = make_masterplan()
    typed = '*Tebal* _miring_ #panic("x") $x^2$ <label> @ref [kurung] // bukan komentar \\ \\u{41}'
    masterplan.vision = typed
    masterplan.strategy = "Baris satu\nbaris dua\n\nParagraf berikutnya = judul?"
    masterplan.save()

    flat = " ".join(pdf_text(masterplan_pdf(masterplan)).split())

    assert typed in flat
    assert "Baris satu baris dua Paragraf berikutnya = judul?" in flat


def test_a_program_longer_than_a_page_is_printed_whole_across_pages() -> None:
    masterplan = make_masterplan()
    program = masterplan.programs.get(code="GOV-01")
    program.description = "\n\n".join(f"Paragraf {n} dari uraian program." for n in range(1, 61))
    program.save()
    for n in range(1, 121):
        AnalysisItem.objects.create(
            masterplan=masterplan, dimension="governance", kind="strength", text=f"Kekuatan {n}"
        )

    text = pdf_text(masterplan_pdf(masterplan))
    flat = " ".join(text.split())

    assert "Paragraf 60 dari uraian program." in flat
    assert "Kekuatan 120" in flat
    # a dimension's heading is on the page of its first program, never alone at a page's foot
    for page in text.split("\f")[2:]:
        for dimension in re.findall(r"^\s*3\.\d (Smart \w+)\s*$", page, flags=re.M):
            assert re.search(r"\b[A-Z]{3}-\d\d\b", page.split(dimension, 1)[1]), dimension


def test_control_characters_pasted_into_a_title_do_not_stop_the_book() -> None:
    masterplan = make_masterplan()
    masterplan.programs.filter(code="GOV-01").update(title="Layanan\x0bterpadu\x0c\x01 daring")

    flat = " ".join(pdf_text(masterplan_pdf(masterplan)).split())

    assert "GOV-01" in flat and "daring" in flat


def test_the_fonts_missing_is_said_rather_than_a_book_in_another_font(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.pdf import PdfUnavailable

    settings.KC_PDF_FONTS = str(tmp_path)
    with pytest.raises(PdfUnavailable, match="KC_PDF_FONTS"):
        masterplan_pdf(make_masterplan())


def test_figures_are_written_as_indonesians_read_them() -> None:
    assert [number_text(v) for v in (12.5, 1500.0, 12.999, 0.001, -0.004, 2.005, None)] == [
        "12,5",
        "1.500",
        "13",
        "0",
        "0",
        "2,01",
        "\u2013",
    ]
    assert [amount_text(v) for v in (499_999, 500_000, 2_500_000, 1_250_000_000, 0)] == [
        "<1",
        "1",
        "3",
        "1.250",
        "\u2013",
    ]


def test_paragraphs_split_at_blank_lines_and_keep_line_breaks() -> None:
    assert paragraphs("a\nb\r\n\r\nc\n\n\n") == ["a\nb", "c"]
    assert paragraphs("") == []


def contents_entries(contents: str) -> list[tuple[str, int]]:
    """(title, page) per line of the contents page: ``3. Program per dimensi . . . . 5``."""
    contents = contents.replace("\u2060", "")  # Typst's word joiner before the number
    found = re.findall(r"^\s*(\S.*?)\s*(?:\.\s*){3,}(\d+)\s*$", contents, flags=re.M)
    return [(title, int(page)) for title, page in found]


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
