"""The masterplan workbook (masterplans/workbook_export.py): what a team downloads to edit its
programs offline; read back by the workbook import (test_workbook_import.py)."""

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from masterplans.models import Masterplan
from masterplans.tests.factories import make_masterplan, rich_masterplan
from masterplans.workbook_export import masterplan_xlsx

pytestmark = pytest.mark.django_db


def workbook(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def save(book: Any) -> io.BytesIO:
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def emptied(masterplan: Masterplan) -> Masterplan:
    masterplan.programs.all().delete()
    return masterplan


def test_the_columns_with_a_few_allowed_values_have_drop_downs_excel_enforces() -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    by_range = {
        str(v.sqref).split(":")[0]: v for v in book["Program"].data_validations.dataValidation
    }
    dimension, quick_win, start = by_range["B2"], by_range["O2"], by_range["K2"]
    assert dimension.type == "list" and dimension.showErrorMessage
    assert dimension.formula1 == (
        '"Smart Governance,Smart Branding,Smart Economy,Smart Living,Smart Society,'
        'Smart Environment"'
    )
    assert quick_win.formula1 == '"ya,tidak"' and str(quick_win.sqref) == "O2:O2001"
    assert (start.type, start.formula1, start.formula2) == ("whole", "2027", "2036")
    # The elements are too many to write into the validation: they point at the hidden sheet.
    element = by_range["C2"]
    listed = [c.value for (c,) in book["_pilihan"].iter_rows(max_col=1)]
    assert element.formula1 == f"'_pilihan'!$A$1:$A${len(listed)}"
    assert "ekosistem transaksi keuangan" in listed
    budget = {
        str(v.sqref).split(":")[0]: v for v in book["Anggaran"].data_validations.dataValidation
    }
    assert budget["C2"].type == "list" and budget["B2"].type == "whole"


def test_the_workbook_has_a_guide_and_a_sheet_per_part_with_indonesian_headers() -> None:
    masterplan = rich_masterplan()
    book = workbook(masterplan_xlsx(masterplan))
    visible = [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
    assert visible == ["Petunjuk", "Program", "Anggaran", "KPI", "Rencana aksi"]
    assert set(book.sheetnames) - set(visible) == {"_kotacerdas", "_pilihan"}
    assert book["_kotacerdas"].sheet_state == "hidden"  # where it came from, for the import
    assert book["_pilihan"].sheet_state == "hidden"  # the longer drop-down lists
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
    assert "dicari menurut kodenya" in guide and "Berisi data demo" not in guide
    assert "diisi tim (entered); tonggak yang selesai (milestones)" in guide


def test_a_demo_masterplan_says_so_in_the_guide() -> None:
    masterplan = make_masterplan(is_demo=True)
    assert workbook(masterplan_xlsx(masterplan))["Petunjuk"]["A1"].value == "Berisi data demo"
