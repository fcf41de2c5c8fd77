from datetime import date

import pytest
from django.core.management import call_command

from enrolment.documents import decision_letter_pdf, ministry, mou_pdf
from enrolment.models import Agreement, Decision, Invitation, Origin
from masterplans.tests.test_book import pdf_text
from regions.models import Region
from selection.history import cohort_file
from selection.models import SelectionRound
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db


def flat(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    return " ".join(pdf_text(pdf).split())


@pytest.fixture
def round_2017() -> SelectionRound:
    call_command("load_history", verbosity=0)
    return SelectionRound.objects.get(year=2017)


def test_the_selection_letter_has_its_number_date_and_every_selected_region(
    round_2017: SelectionRound,
) -> None:
    text = flat(decision_letter_pdf(round_2017.decision))

    assert "Nomor : 265/KOMINFO/DJAI/AI.01.05/05/05/2017" in text
    assert "5 Mei 2017" in text
    assert "Perihal : Penyampaian Hasil Asesmen Gerakan Menuju 100 Smart City" in text
    assert "Kementerian Komunikasi dan Informatika" in text
    assert "Direktur Jenderal Aplikasi Informatika" in text  # the recorded signatory
    for name in [member.name for member in cohort_file(2017).members]:
        assert name in text
    assert "25 kabupaten/kota berikut terpilih" in text
    assert "Nota Kesepakatan" in text
    assert "Dicatat dari sumber publik" in text and "Catatan" not in text
    # By province code (Riau 14 before Jambi 15), then by name within the province.
    assert text.index("Kabupaten Pelalawan") < text.index("Kota Jambi")
    assert text.index("Kota Bandung") < text.index("Kota Bekasi")


def test_the_selection_letter_leaves_out_unselected_and_withdrawn_regions_and_the_teams_note(
    round_2017: SelectionRound,
) -> None:
    decision = round_2017.decision
    Invitation.objects.filter(round=round_2017, region__code="32.73").update(active=False)
    Invitation.objects.filter(round=round_2017, region__name="Kota Bekasi").update(selected=False)
    decision.note = "Daftar diumumkan kembali setelah verifikasi."
    decision.source = ""
    decision.save()

    text = flat(decision_letter_pdf(decision))

    assert "Kota Bandung" not in text and "Kota Bekasi" not in text
    assert "23 kabupaten/kota berikut terpilih" in text
    # Why the team chose otherwise than the panel stays with national roles: not in the letter.
    assert "Daftar diumumkan kembali" not in text and "Catatan" not in text
    assert "Dicatat dari sumber publik" not in text


def test_the_mou_of_a_signed_region_names_both_parties_the_letter_and_the_signing(
    round_2017: SelectionRound,
) -> None:
    agreement = Agreement.objects.get(
        invitation__round=round_2017, invitation__region__code="32.73"
    )

    text = flat(mou_pdf(agreement))

    assert "NOTA KESEPAKATAN" in text and "PEMERINTAH KOTA BANDUNG" in text
    assert "Pemerintah Kota Bandung" in text and "Wali Kota Bandung" in text
    assert "Direktorat Jenderal Aplikasi Informatika" in text
    assert "Direktur Jenderal Aplikasi Informatika" in text
    assert "Surat Nomor 265/KOMINFO/DJAI/AI.01.05/05/05/2017 tanggal 5 Mei 2017" in text
    assert "Pada hari Senin, tanggal 22 Mei 2017, bertempat di Makassar" in text
    for article in range(1, 7):
        assert f"Pasal {article}" in text
    assert "Keputusan Wali Kota Bandung" in text
    assert "naskah baku platform" in text


def test_the_mou_shows_the_number_and_the_signatories_when_recorded(
    round_2017: SelectionRound,
) -> None:
    agreement = Agreement.objects.get(
        invitation__round=round_2017, invitation__region__code="32.75"
    )
    agreement.number = "NK-01/2017"
    agreement.region_signatory = "Penanda Tangan Daerah"
    agreement.ministry_signatory = "Penanda Tangan Kementerian"
    agreement.save()

    text = flat(mou_pdf(agreement))

    assert "Nomor: NK-01/2017" in text and "Nomor: ....." not in text
    assert text.count("Penanda Tangan Daerah") == 2  # the parties and the signature
    assert text.count("Penanda Tangan Kementerian") == 2
    assert "Pemerintah Kota Bekasi" in text and "Wali Kota Bekasi" in text


def test_an_unsigned_mou_leaves_the_place_date_number_and_names_blank() -> None:
    selection_round = make_round(status="published", year=2026)
    region = Region.objects.get(code="32.01")  # Kabupaten Bogor
    invitation = Invitation.objects.create(
        round=selection_round, region=region, origin=Origin.QUOTA, rank=1, selected=True
    )
    Decision.objects.create(
        round=selection_round,
        number="B-100/DJAI/AI.01.02/05/2026",
        date=date(2026, 5, 4),
        signatory="Nama Penandatangan",
        signatory_title="Direktur Jenderal",
    )
    agreement = Agreement.objects.create(invitation=invitation)

    text = flat(mou_pdf(agreement))

    assert "Pemerintah Kabupaten Bogor" in text and "Bupati Bogor" in text
    assert "Pada hari ini ............, tanggal ............, bertempat di ............" in text
    assert "Nomor: ....." in text
    assert "2026, bertempat" not in text and "Pada hari Senin" not in text
    assert "B-100/DJAI/AI.01.02/05/2026 tanggal 4 Mei 2026" in text
    assert "Kementerian Komunikasi dan Digital" in text
    assert "Dicatat dari sumber publik" not in text


def test_the_ministry_is_named_as_it_was_on_the_day() -> None:
    assert ministry(date(2017, 5, 5)) == "Kementerian Komunikasi dan Informatika"
    assert ministry(date(2024, 10, 20)) == "Kementerian Komunikasi dan Informatika"
    assert ministry(date(2024, 10, 21)) == "Kementerian Komunikasi dan Digital"
