import pytest

from masterplans.models import BudgetLine, Mission
from masterplans.tests.factories import make_masterplan, make_program
from masterplans.versions import Change, diff, snapshot

pytestmark = pytest.mark.django_db


def test_an_unchanged_masterplan_has_no_diff() -> None:
    masterplan = make_masterplan()
    assert diff(snapshot(masterplan), snapshot(masterplan)) == []


def test_the_diff_names_each_change_by_section_and_program_code() -> None:
    masterplan = make_masterplan()
    before = snapshot(masterplan)
    masterplan.vision = "Kota cerdas yang inklusif"
    masterplan.save()
    Mission.objects.create(masterplan=masterplan, position=2, text="Ekonomi kreatif")
    program = masterplan.programs.get(code="LIV-01")
    program.opd = "Dinas Kesehatan"
    program.save()
    BudgetLine.objects.filter(program=program, year=2028).update(amount=750_000_000)
    masterplan.programs.get(code="BRA-01").delete()
    make_program(masterplan, "economy", 2, title="Pasar digital")

    changes = diff(before, snapshot(masterplan))

    assert (
        Change(
            "masterplan",
            "changed",
            "visi",
            "Kota yang melayani warganya dengan cepat dan terbuka",
            "Kota cerdas yang inklusif",
        )
        in changes
    )
    assert Change("missions", "added", "Ekonomi kreatif") in changes
    assert Change("programs", "removed", "BRA-01 Program branding 1") in changes
    assert Change("programs", "added", "ECO-02 Pasar digital") in changes
    assert (
        Change(
            "programs",
            "changed",
            "LIV-01 \u00b7 OPD penanggung jawab",
            "Diskominfo",
            "Dinas Kesehatan",
        )
        in changes
    )
    budget = next(c for c in changes if c.subject == "LIV-01 \u00b7 anggaran")
    assert budget.old == [[2027, "apbd", 500_000_000], [2028, "apbd", 500_000_000]]
    assert budget.new == [[2027, "apbd", 500_000_000], [2028, "apbd", 750_000_000]]
    assert len(changes) == 6


def test_a_snapshot_is_plain_json() -> None:
    import json

    data = snapshot(make_masterplan())
    assert json.loads(json.dumps(data)) == data
    assert sorted(data["programs"]) == ["BRA-01", "ECO-01", "ENV-01", "GOV-01", "LIV-01", "SOC-01"]


def test_the_diff_writes_dates_amounts_and_choices_as_the_pages_do() -> None:
    from datetime import date

    masterplan = make_masterplan()
    before = snapshot(masterplan)
    masterplan.regulation_date = date(2018, 4, 16)
    masterplan.budget_envelope = 12_000_000_000
    masterplan.save()
    program = masterplan.programs.get(code="LIV-01")
    program.term = "long"
    program.funding_source = "kpbu"
    program.save()

    found = diff(before, snapshot(masterplan))
    changes = {c.subject: (c.old_shown, c.new_shown) for c in found}

    assert changes["tanggal Perwali/Perbup"] == (None, "16 Apr 2018")
    assert changes["pagu anggaran per tahun (Rp)"] == ("Rp 10 miliar", "Rp 12 miliar")
    assert changes["LIV-01 · jangka"][1] == "jangka panjang"
    assert changes["LIV-01 · sumber dana utama"][1] == "KPBU"
    # The snapshot's own values stay as they are (what the API gives).
    assert {c.subject: c.new for c in found}["tanggal Perwali/Perbup"] == "2018-04-16"
