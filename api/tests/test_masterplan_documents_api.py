"""A masterplan's versions, book, workbook and workbook import over the API."""

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from masterplans.tests.test_workbook_import import drop_program
from masterplans.versions import snapshot
from masterplans.workbook_export import masterplan_xlsx
from masterplans.workflow import transition

pytestmark = pytest.mark.django_db


def test_readers_list_versions_and_read_the_diff_between_two(
    client: Client, owner: User, colleague: User, officer: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    submitted = transition(masterplan, "submit", colleague)
    transition(submitted, "request_revision", officer, note="Perjelas KPI")
    masterplan.vision = "Kota cerdas yang inklusif"
    masterplan.save()
    transition(masterplan, "submit", colleague)
    auth = {"Authorization": token_for(owner)}

    versions = client.get(f"/api/v1/masterplans/{masterplan.pk}/versions", headers=auth).json()
    assert [(v["number"], v["status"]) for v in versions] == [
        (1, "in_review"),
        (2, "revision"),
        (3, "in_review"),
    ]
    assert versions[1]["note"] == "Perjelas KPI"

    body = client.get(
        f"/api/v1/masterplans/{masterplan.pk}/versions/diff?a=1&b=3", headers=auth
    ).json()
    assert (body["old"]["number"], body["new"]["number"]) == (1, 3)
    assert {
        "section": "masterplan",
        "kind": "changed",
        "subject": "visi",
        "old": "Kota yang melayani warganya dengan cepat dan terbuka",
        "new": "Kota cerdas yang inklusif",
    } in body["changes"]
    missing = client.get(f"/api/v1/masterplans/{masterplan.pk}/versions/diff?a=1&b=9", headers=auth)
    assert missing.status_code == 404


def test_the_public_reads_only_approved_versions_of_a_public_masterplan(
    client: Client, colleague: User, officer: User
) -> None:
    masterplan = make_masterplan()
    transition(transition(masterplan, "submit", colleague), "approve", officer)
    versions = client.get(f"/api/v1/masterplans/{masterplan.pk}/versions").json()
    assert [v["status"] for v in versions] == ["approved"]
    response = client.get(f"/api/v1/masterplans/{masterplan.pk}/versions/diff")
    assert response.status_code == 422


def test_a_draft_and_its_files_are_hidden_from_the_public(client: Client) -> None:
    masterplan = make_masterplan()
    for path in ("versions", "book.pdf", "workbook.xlsx"):
        response = client.get(f"/api/v1/masterplans/{masterplan.pk}/{path}")
        assert response.status_code == 404
        assert set(response.json()) == {"error"}


def test_the_team_downloads_the_workbook_and_the_book_typeset_in_the_background(
    client: Client,
    owner: User,
    outsider: User,
    token_for,
    django_capture_on_commit_callbacks,
    quick_book,
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    auth = {"Authorization": token_for(owner)}
    workbook = client.get(f"/api/v1/masterplans/{masterplan.pk}/workbook.xlsx", headers=auth)
    assert workbook.status_code == 200
    assert workbook["Content-Disposition"].endswith('masterplan-32.73-2027-e1.xlsx"')
    assert "Program" in load_workbook(io.BytesIO(workbook.content)).sheetnames

    with django_capture_on_commit_callbacks(execute=False) as queued:
        asked = client.get(f"/api/v1/masterplans/{masterplan.pk}/book.pdf", headers=auth)
    assert asked.status_code == 202 and asked["Retry-After"] == "2"
    job = asked.json()
    assert (job["status"], job["step"], job["steps"], job["file_url"]) == ("queued", 0, 2, None)
    assert asked["Location"] == f"/api/v1/jobs/{job['id']}"
    assert client.get(asked["Location"], headers=auth).json()["status"] == "queued"
    assert client.get(f"{asked['Location']}/file", headers=auth).status_code == 404

    queued[0]()  # the worker typesets it
    done = client.get(asked["Location"], headers=auth).json()
    assert (done["status"], done["percent"], done["error"]) == ("done", 100, "")
    assert done["filename"] == "masterplan-32.73-2027-e1.pdf"
    book = client.get(done["file_url"], headers=auth)
    assert book.status_code == 200 and book["Content-Type"] == "application/pdf"
    assert b"".join(book.streaming_content).startswith(b"%PDF")

    # Asked again: the same version's book at once, typeset nowhere.
    with django_capture_on_commit_callbacks(execute=False) as queued:
        again = client.get(f"/api/v1/masterplans/{masterplan.pk}/book.pdf", headers=auth)
    assert again.status_code == 200 and queued == []
    assert b"".join(again.streaming_content).startswith(b"%PDF")

    # A draft's book job is the region's own, as the draft is.
    other = {"Authorization": token_for(outsider)}
    assert client.get(asked["Location"], headers=other).status_code == 404
    assert client.get(done["file_url"], headers=other).status_code == 404
    assert client.get(asked["Location"]).status_code == 404


def upload(client: Client, masterplan_id: int, auth: str, content: bytes) -> Any:
    return client.post(
        f"/api/v1/masterplans/{masterplan_id}/workbook",
        {"file": io.BytesIO(content)},
        headers={"Authorization": auth},
    )


def test_the_team_imports_an_edited_workbook(client: Client, owner: User, token_for) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    book = load_workbook(io.BytesIO(masterplan_xlsx(masterplan)))
    programs = book["Program"]
    header = [c.value for c in programs[1]]
    row = next(r[0].row for r in programs.iter_rows(min_row=2) if r[0].value == "GOV-01")
    programs.cell(row=row, column=header.index("judul") + 1, value="Perizinan daring")
    out = io.BytesIO()
    book.save(out)

    response = upload(client, masterplan.pk, token_for(owner), out.getvalue())

    assert response.status_code == 200, response.content
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 5, "kept": 0, "removed": 0}
    assert masterplan.programs.get(code="GOV-01").title == "Perizinan daring"


def test_a_program_left_out_needs_a_choice_409_then_is_removed_when_asked(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    book = load_workbook(io.BytesIO(masterplan_xlsx(masterplan)))
    drop_program(book, "ENV-01")
    out = io.BytesIO()
    book.save(out)
    asked = upload(client, masterplan.pk, token_for(owner), out.getvalue())
    assert asked.status_code == 409
    assert asked.json()["error"]["code"] == "choices_needed"
    assert [d["field"] for d in asked.json()["error"]["details"]] == ["missing.ENV-01"]
    assert masterplan.programs.filter(code="ENV-01").exists()
    done = client.post(
        f"/api/v1/masterplans/{masterplan.pk}/workbook",
        {"file": io.BytesIO(out.getvalue()), "remove": ["ENV-01"]},
        headers={"Authorization": token_for(owner)},
    )
    assert done.status_code == 200, done.content
    assert done.json()["removed"] == 1
    assert not masterplan.programs.filter(code="ENV-01").exists()


def test_a_bad_workbook_is_answered_by_sheet_row_and_column_and_nothing_is_written(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    before = snapshot(masterplan)
    book = load_workbook(io.BytesIO(masterplan_xlsx(masterplan)))
    programs = book["Program"]
    header = [c.value for c in programs[1]]
    row = next(r[0].row for r in programs.iter_rows(min_row=2) if r[0].value == "ECO-01")
    programs.cell(row=row, column=header.index("tahun_mulai") + 1, value=2040)
    out = io.BytesIO()
    book.save(out)

    response = upload(client, masterplan.pk, token_for(owner), out.getvalue())

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_workbook"
    assert [d["field"] for d in error["details"]] == [f"Program.{row}.tahun_mulai"]
    assert snapshot(masterplan) == before


def test_an_import_needs_a_file_and_the_team(
    client: Client, owner: User, outsider: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    masterplan = make_masterplan()
    content = masterplan_xlsx(masterplan)
    assert upload(client, masterplan.pk, token_for(outsider), content).status_code == 404
    response = client.post(
        f"/api/v1/masterplans/{masterplan.pk}/workbook",
        {},
        headers={"Authorization": token_for(owner)},
    )
    assert response.status_code == 422
    assert (
        response.json()["error"]["message"] == "Pilih buku kerja Excel (.xlsx) yang akan diimpor."
    )
