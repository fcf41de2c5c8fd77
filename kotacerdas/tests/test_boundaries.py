"""Where things live, checked over the source: one module reads spreadsheets
(``kotacerdas/sheets.py``: limits, headings, numbers, problems by row and column), so no other
module of the platform opens a workbook or a CSV reader of its own. Writing files (exports)
is every app's own business. One module turns a person's roles into the regions they may see
or change (``accounts/access.py``: ``regions_for``, ``regions_held``); views, the API and
services ask it, or a QuerySet's ``visible_to`` built on it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = [
    "accounts", "api", "audit", "evaluation", "kotacerdas", "masterplans", "monitoring",
    "participation", "portal", "readiness", "regions", "selection", "mentoring", "demo", "jobs",
]  # fmt: skip
READS_A_SPREADSHEET = re.compile(r"\bload_workbook\b|\bcsv\.(reader|DictReader|Sniffer)\b")
SHEETS = ROOT / "kotacerdas" / "sheets.py"
# Reading a person's memberships, or a rule's regional roles, to pick regions by hand.
DERIVES_REGIONS = re.compile(
    r"_memberships\(|\broles_of\(|\.regional\b|Membership\.objects\.filter\(user\b"
    r"|memberships\.filter\(|region_id for role"
)
ACCESS = ROOT / "accounts" / "access.py"


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


def _lines_matching(pattern: re.Pattern[str], skip: Path) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _platform_source()
        if path != skip
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]


def test_only_the_access_module_turns_roles_into_regions() -> None:
    derived = _lines_matching(DERIVES_REGIONS, ACCESS)
    assert not derived, "ask accounts.access.regions_for / regions_held:\n" + "\n".join(derived)


def test_the_region_derivation_pattern_finds_what_it_looks_for() -> None:
    # The test above is only as good as its pattern: each way it has been written before.
    for line in (
        "ids = {rid for role, rid in access.roles_of(user) if role in roles}",
        'regional = access.RULES["readiness.view"].regional',
        "for role, region_id in _memberships(user):",
        "Membership.objects.filter(user=user).values_list('region_id')",
    ):
        assert DERIVES_REGIONS.search(line), line
    assert _lines_matching(DERIVES_REGIONS, SHEETS)  # access.py itself is full of them
