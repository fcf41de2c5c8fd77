"""The cohorts before the platform, loaded from data/cohorts/: counts per year as in the files,
idempotent reloads, a file completed later, the 2024 letters that differ, and refusals that
name the file, the entry and the field."""

import shutil
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command

from enrolment.models import Agreement, Decision, Invitation, InvitationChange
from enrolment.movement import movement
from enrolment.services import cohort_codes, cohort_of
from selection.history import HistoryError, cohorts_dir, historical_rounds_load
from selection.models import PublishedCohort, RoundResult, SelectionRound

pytestmark = pytest.mark.django_db


def files() -> dict[int, dict]:  # type: ignore[type-arg]
    return {
        int(path.stem): tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted(cohorts_dir().glob("*.toml"))
    }


def row_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            SelectionRound,
            RoundResult,
            Invitation,
            Agreement,
            Decision,
            InvitationChange,
            PublishedCohort,
        )
    )


def test_every_cohort_file_loads_with_the_counts_of_its_file() -> None:
    historical_rounds_load()

    for year, data in files().items():
        selection_round = SelectionRound.objects.filter(year=year, method="historical").first()
        if data["official_count"] == 0:
            assert selection_round is None  # 2020: no cohort
            continue
        assert selection_round is not None and selection_round.status == "published"
        codes = sorted(m["code"] for m in data.get("members", []))
        assert cohort_codes(selection_round) == codes
        assert selection_round.total == data["official_count"]
        assert selection_round.published_cohort.official_count == data["official_count"]
    assert [y for y, d in files().items() if d["official_count"] == 0] == [2020]
    # The published figures: 2018 all 50 by name, 2024 the ten of the MoU invitation.
    assert len(cohort_codes(SelectionRound.objects.get(year=2018))) == 50
    assert len(cohort_codes(SelectionRound.objects.get(year=2024))) == 10


def test_loading_again_changes_nothing() -> None:
    historical_rounds_load()
    before = row_counts()

    loaded = historical_rounds_load()

    assert row_counts() == before
    assert all(not item.created and item.added == item.removed == 0 for item in loaded)


def test_a_completed_file_adds_its_new_member_and_a_removed_one_goes(tmp_path: Path) -> None:
    folder = tmp_path / "cohorts"
    shutil.copytree(cohorts_dir(), folder)
    historical_rounds_load(folder)
    cohort_2019 = SelectionRound.objects.get(year=2019, method="historical")
    assert len(cohort_codes(cohort_2019)) == 5
    path = folder / "2019.toml"
    text = path.read_text(encoding="utf-8")
    added = (
        '\n[[members]]\ncode = "35.10"\nname = "Kabupaten Banyuwangi"\n'
        'source = "https://example.org/sumber"\nsource_date = "2019-05"\n'
    )
    # Banyuwangi is a 2017 member; a second cohort of the same region is recorded as given.
    path.write_text(text + added, encoding="utf-8")

    [item] = historical_rounds_load(folder, years={2019})

    assert (item.added, item.removed, item.known) == (1, 0, 6)
    assert "35.10" in cohort_codes(cohort_2019)
    assert cohort_of("35.10").year == 2017  # its cohort stays the earliest
    invitation = Invitation.objects.get(round=cohort_2019, region__code="35.10")
    assert "https://example.org/sumber (2019-05)" in invitation.source

    path.write_text(text, encoding="utf-8")
    [item] = historical_rounds_load(folder, years={2019})

    assert (item.added, item.removed) == (0, 1)
    assert "35.10" not in cohort_codes(cohort_2019)
    assert not Invitation.objects.filter(round=cohort_2019, region__code="35.10").exists()


def test_2024_is_the_mou_list_and_the_assessment_letters_other_name_is_recorded() -> None:
    historical_rounds_load()
    cohort_2024 = SelectionRound.objects.get(year=2024, method="historical")

    assert "53.06" in cohort_codes(cohort_2024)  # Flores Timur: MoU invitation B-160
    assert "75.03" not in cohort_codes(cohort_2024)  # Bone Bolango: assessment letter only
    bone_bolango = Invitation.objects.get(round=cohort_2024, region__code="75.03")
    assert (bone_bolango.selected, bone_bolango.active) == (True, False)
    assert not hasattr(bone_bolango, "agreement")
    change = InvitationChange.objects.get(round=cohort_2024, region__code="75.03")
    assert change.action == "withdraw"
    assert change.reason == bone_bolango.source
    assert "B-454/DJAI/AI.01.02/05/2023" in change.reason
    assert "Flores Timur menggantikan Bone Bolango" in change.reason
    letters = [letter["number"] for letter in cohort_2024.published_cohort.letters]
    assert letters == ["B-454/DJAI/AI.01.02/05/2023", "B-160/DJAI/AI.01.02/02/2024"]
    assert cohort_2024.decision.number == "B-454/DJAI/AI.01.02/05/2023"
    assert cohort_2024.published_at.date().isoformat() == "2023-05-31"


def test_2023s_members_are_signed_without_a_published_date() -> None:
    historical_rounds_load()
    cohort_2023 = SelectionRound.objects.get(year=2023, method="historical")

    agreements = Agreement.objects.filter(invitation__round=cohort_2023)
    assert agreements.count() == 16
    assert all(a.is_signed and a.signed_on is None and a.signed_undated for a in agreements)
    assert cohort_of("11.72") == cohort_2023  # Kota Sabang


def test_the_movement_counts_officially_and_by_name() -> None:
    historical_rounds_load()

    board = movement()

    # 25 + 50 + 25 + (48 - 7 repeats) + 50 + 50 + 10: the ministry's 251.
    assert board.official_total == 251
    named = {c for r in SelectionRound.objects.all() for c in cohort_codes(r)}
    assert board.known_total == len(named) == 115
    partial = {c.round.year: c.label for c in board.cohorts if c.partial}
    assert partial == {
        2019: "sebagian: 5 dari 25 diketahui",
        2021: "sebagian: 5 dari 48 diketahui",
        2022: "sebagian: 4 dari 50 diketahui",
        2023: "sebagian: 16 dari 50 diketahui",
    }


def write(folder: Path, year: int, body: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{year}.toml").write_text(body, encoding="utf-8")


HEAD = """year = 2019
name = "Uji"
official_count = 2
count_source = "https://example.org"
[mou]
date = 2019-05-15
place = "Jakarta"
source = "https://example.org"
"""


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (
            'code = "32.71"\nname = "Kabupaten Bogor"',
            "2019.toml, anggota 1: kode 32.71 adalah “Kota Bogor” dalam registri",
        ),
        ('code = "99.99"\nname = "Kota Entah"', "2019.toml, anggota 1: kode 99.99 tidak ada"),
        (
            'code = "32.71"\nname = "Kota Bogor"\nsource_date = "Mei 2019"',
            "2019.toml, anggota 1: kolom “source_date” harus",
        ),
        ('code = "32.71"\nname = "Kota Bogor"\nlink = "x"', "kolom “link” tidak dikenal"),
    ],
)
def test_a_bad_member_is_refused_naming_the_file_the_member_and_the_field(
    tmp_path: Path, member: str, message: str
) -> None:
    body = HEAD + "\n[[members]]\n" + member + "\n"
    if "source_date" not in member:
        body += "source_date = 2019-05-15\n"
    body += 'source = "https://example.org"\n'
    write(tmp_path, 2019, body)

    with pytest.raises(HistoryError) as refused:
        historical_rounds_load(tmp_path)

    assert message in str(refused.value)
    assert SelectionRound.objects.count() == 0


def test_more_members_than_the_official_count_or_a_twice_listed_code_is_refused(
    tmp_path: Path,
) -> None:
    member = (
        '\n[[members]]\ncode = "32.71"\nname = "Kota Bogor"\n'
        'source = "https://example.org"\nsource_date = 2019-05-15\n'
    )
    write(tmp_path, 2019, HEAD.replace("official_count = 2", "official_count = 1") + member * 2)

    with pytest.raises(HistoryError) as refused:
        historical_rounds_load(tmp_path)

    assert "anggota 2: kode 32.71 tercantum dua kali" in str(refused.value)
    assert "2 anggota disebut, lebih dari hitungan resmi 1" in str(refused.value)


def test_a_refused_file_leaves_the_others_unloaded_too(tmp_path: Path) -> None:
    folder = tmp_path / "cohorts"
    shutil.copytree(cohorts_dir(), folder)
    (folder / "2024.toml").write_text(
        (folder / "2024.toml").read_text(encoding="utf-8").replace("year = 2024", "year = 2025"),
        encoding="utf-8",
    )

    with pytest.raises(HistoryError, match=r"2024\.toml"):
        historical_rounds_load(folder)

    assert SelectionRound.objects.count() == 0


def test_the_command_reports_partial_cohorts(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_history")

    out = capsys.readouterr().out
    assert "Kohort 2019: dicatat; 5 wilayah (sebagian: 5 dari 25 diketahui)" in out
    assert "Kohort 2018: dicatat; 50 wilayah; 50 ditambah, 0 dihapus." in out


def test_a_member_moved_to_named_elsewhere_leaves_the_cohort_and_comes_back(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cohorts"
    shutil.copytree(cohorts_dir(), folder)
    historical_rounds_load(folder)
    cohort_2024 = SelectionRound.objects.get(year=2024, method="historical")
    path = folder / "2024.toml"
    text = path.read_text(encoding="utf-8")
    bangli = (
        '\n[[members]]\ncode = "51.06"\nname = "Kabupaten Bangli"\nsource = "https://flores.'
        "pikiran-rakyat.com/daerah/pr-2977782775/bukan-kupang-kabupaten-di-ntt-ini-bakal-punya-"
        'smart-city-satu-satunya-dari-ntt-lho"\nsource_date = 2024-03-01\n'
    )
    assert text.count(bangli) == 1
    elsewhere = (
        '\n[[named_elsewhere]]\ncode = "51.06"\nname = "Kabupaten Bangli"\n'
        'letter = "B-454/DJAI/AI.01.02/05/2023"\nsource = "https://example.org"\n'
        'source_date = 2023-06-13\nnote = "Uji."\n'
    )
    path.write_text(text.replace(bangli, "") + elsewhere, encoding="utf-8")

    historical_rounds_load(folder, years={2024})

    assert "51.06" not in cohort_codes(cohort_2024)
    assert InvitationChange.objects.filter(round=cohort_2024, region__code="51.06").exists()

    path.write_text(text, encoding="utf-8")
    historical_rounds_load(folder, years={2024})

    assert "51.06" in cohort_codes(cohort_2024)
    assert not InvitationChange.objects.filter(round=cohort_2024, region__code="51.06").exists()
    assert movement().official_total == 251


def test_a_code_both_member_and_named_elsewhere_is_refused(tmp_path: Path) -> None:
    member = (
        '\n[[members]]\ncode = "32.71"\nname = "Kota Bogor"\n'
        'source = "https://example.org"\nsource_date = 2019-05-15\n'
    )
    elsewhere = (
        '\n[[letters]]\nrole = "selection"\nnumber = "B.1/2019"\ndate = 2019-02-28\n'
        'source = "https://example.org"\n'
        '\n[[named_elsewhere]]\ncode = "32.71"\nname = "Kota Bogor"\nletter = "B.1/2019"\n'
        'source = "https://example.org"\nsource_date = 2019-05-15\n'
    )
    write(tmp_path, 2019, HEAD + member + elsewhere)

    with pytest.raises(HistoryError, match=r"kode 32\.71 juga tercantum sebagai anggota"):
        historical_rounds_load(tmp_path)


def test_an_undated_cohort_is_published_on_its_first_dated_source_and_keeps_it() -> None:
    historical_rounds_load()
    cohort_2023 = SelectionRound.objects.get(year=2023, method="historical")
    first = cohort_2023.published_at

    historical_rounds_load()
    cohort_2023.refresh_from_db()

    assert first.date().isoformat() == "2023-07-03"  # Luwu's and Kotamobagu's bimtek
    assert cohort_2023.published_at == first
