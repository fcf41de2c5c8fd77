"""Where things live, checked over the source: one module reads spreadsheets
(``kotacerdas/sheets.py``: limits, headings, numbers, problems by row and column), so no other
module of the platform opens a workbook or a CSV reader of its own. Writing files (exports)
is every app's own business."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = [
    "accounts", "api", "audit", "evaluation", "kotacerdas", "masterplans", "monitoring",
    "participation", "portal", "readiness", "regions", "selection", "mentoring", "demo",
]  # fmt: skip
READS_A_SPREADSHEET = re.compile(r"\bload_workbook\b|\bcsv\.(reader|DictReader|Sniffer)\b")
SHEETS = ROOT / "kotacerdas" / "sheets.py"


def _platform_source() -> list[Path]:
    return [
        path
        for app in PLATFORM
        for path in sorted((ROOT / app).rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def test_the_source_walk_sees_the_platform() -> None:
    files = _platform_source()
    assert SHEETS in files and len(files) > 100


def test_only_the_spreadsheet_kit_reads_spreadsheets() -> None:
    readers = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _platform_source()
        if path != SHEETS
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if READS_A_SPREADSHEET.search(line)
    ]
    assert not readers, "read spreadsheets through kotacerdas.sheets:\n" + "\n".join(readers)
