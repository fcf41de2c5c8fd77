"""Deleting anything with history is a soft delete: it is kept whole, and a national
administrator brings it back with its ids while that still makes sense."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role, User
from conftest import make_user
from masterplans.editing import delete_program
from masterplans.models import BudgetLine, Kpi, Masterplan, Program
from masterplans.tests.factories import make_masterplan
from trash.models import Deleted
from trash.services import TrashError, trash_restore

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("admin.nasional", Role.NATIONAL_ADMIN)


@pytest.fixture
def masterplan(bandung) -> Masterplan:  # type: ignore[no-untyped-def]
    return make_masterplan()


def test_a_removed_program_comes_back_whole_with_its_ids(
    masterplan: Masterplan, owner: User, admin: User
) -> None:
    program = masterplan.programs.get(code="GOV-01")
    pk, title = program.pk, program.title
    kpis = set(program.kpis.values_list("pk", flat=True))
    lines = set(program.budget_lines.values_list("pk", flat=True))
    assert kpis and lines
    delete_program(masterplan, owner, program)
    assert not Program.objects.filter(pk=pk).exists()
    assert not Kpi.objects.filter(pk__in=kpis).exists()
    entry = Deleted.objects.get()
    assert entry.label == "Program GOV-01 Program governance 1 (Kota Bandung)"
    assert entry.region == masterplan.region and entry.deleted_by == owner and entry.count > 3
    trash_restore(entry=entry, user=admin)
    back = Program.objects.get(pk=pk)
    assert (back.code, back.title, back.masterplan) == ("GOV-01", title, masterplan)
    assert set(back.kpis.values_list("pk", flat=True)) == kpis
    assert set(BudgetLine.objects.filter(program=back).values_list("pk", flat=True)) == lines
    entry.refresh_from_db()
    assert entry.restored_by == admin and entry.restored_at is not None
    with pytest.raises(TrashError, match="sudah dipulihkan"):
        trash_restore(entry=entry, user=admin)


def test_only_a_national_administrator_restores(
    masterplan: Masterplan, owner: User, officer: User, colleague: User
) -> None:
    delete_program(masterplan, owner, masterplan.programs.get(code="GOV-01"))
    entry = Deleted.objects.get()
    for user in (owner, colleague, officer):
        with pytest.raises(PermissionDenied):
            trash_restore(entry=entry, user=user)
    assert not Program.objects.filter(code="GOV-01", masterplan=masterplan).exists()


def test_a_program_returns_only_to_a_draft_and_never_over_one_made_since(
    masterplan: Masterplan, owner: User, colleague: User, officer: User, admin: User
) -> None:
    program = masterplan.programs.get(code="GOV-01")
    delete_program(masterplan, owner, program)
    entry = Deleted.objects.get()
    Program.objects.create(
        masterplan=masterplan,
        code="GOV-01",
        dimension="governance",
        element=program.element,
        title="Program baru",
        start_year=2027,
        end_year=2028,
        position=9,
    )
    with pytest.raises(TrashError, match="menggantikan tempatnya"):
        trash_restore(entry=entry, user=admin)
    assert Program.objects.get(masterplan=masterplan, code="GOV-01").title == "Program baru"
    Program.objects.filter(title="Program baru").delete()
    Masterplan.objects.filter(pk=masterplan.pk).update(status="in_review")
    with pytest.raises(TrashError, match="sekarang ditinjau"):
        trash_restore(entry=entry, user=admin)


def test_the_administrator_finds_and_restores_it_from_the_list_after_confirming(
    masterplan: Masterplan, owner: User, admin: User, login
) -> None:  # type: ignore[no-untyped-def]
    delete_program(masterplan, owner, masterplan.programs.get(code="GOV-01"))
    entry = Deleted.objects.get()
    client = login(admin)
    page = client.get("/terhapus/?state=deleted&q=gov-01").content.decode()
    assert "Program GOV-01 Program governance 1 (Kota Bandung)" in page
    assert "Tidak ada" not in client.get("/terhapus/?q=GOV-01").content.decode()
    assert (
        "Pulihkan Program GOV-01" in client.post(f"/terhapus/{entry.pk}/pulihkan/").content.decode()
    )
    assert not Program.objects.filter(masterplan=masterplan, code="GOV-01").exists()
    client.post(f"/terhapus/{entry.pk}/pulihkan/", {"confirmed": "1"})
    assert Program.objects.filter(masterplan=masterplan, code="GOV-01").exists()
    assert login(owner).get("/terhapus/").status_code == 403


def test_the_links_a_deletion_set_to_null_come_back_with_the_record(
    masterplan: Masterplan, owner: User, officer: User, admin: User
) -> None:
    from participation.models import Comment
    from participation.services import comment_add

    program = masterplan.programs.get(code="GOV-01")
    thread = comment_add(masterplan=masterplan, user=officer, text="KPI?", program=program)
    delete_program(masterplan, owner, program)
    thread.refresh_from_db()
    assert thread.program_id is None  # the thread stays, unlinked, while the program is gone
    trash_restore(entry=Deleted.objects.get(), user=admin)
    assert Comment.objects.get(pk=thread.pk).program.code == "GOV-01"


def test_a_record_it_points_at_that_was_deleted_since_is_refused_not_a_crash(
    masterplan: Masterplan, owner: User, admin: User
) -> None:
    from masterplans.editing import delete_analysis_item
    from masterplans.models import AnalysisItem

    program = masterplan.programs.filter(answers__isnull=False).first()
    assert program is not None
    answered = AnalysisItem.objects.get(pk=program.answers_id)
    code = program.code
    delete_program(masterplan, owner, program)
    delete_analysis_item(masterplan, owner, answered)
    entry = Deleted.objects.get(kind="masterplans.program")
    # The program's own link to the analysis item is restored with it... and must fail cleanly.
    with pytest.raises(TrashError):
        trash_restore(entry=entry, user=admin)
    assert not Program.objects.filter(masterplan=masterplan, code=code).exists()


def test_a_restore_is_recorded_in_the_history(
    masterplan: Masterplan, owner: User, admin: User
) -> None:
    from audit.models import AuditEvent

    program = masterplan.programs.get(code="GOV-01")
    pk = program.pk
    delete_program(masterplan, owner, program)
    trash_restore(entry=Deleted.objects.get(), user=admin)
    assert AuditEvent.objects.filter(action="create", object_id=str(pk)).exists()


def test_the_deleted_records_sort_and_download(
    masterplan: Masterplan, owner: User, admin: User, login
) -> None:  # type: ignore[no-untyped-def]
    for code in ("GOV-01", "ECO-01"):
        delete_program(masterplan, owner, masterplan.programs.get(code=code))
    client = login(admin)
    rows = client.get("/terhapus/?urut=label&unduh=csv").content.decode().splitlines()
    assert rows[0].removeprefix("\ufeff").startswith("Apa,Wilayah,Dihapus")
    assert [r.split(",")[0] for r in rows[1:]] == [
        "Program ECO-01 Program economy 1 (Kota Bandung)",
        "Program GOV-01 Program governance 1 (Kota Bandung)",
    ]
