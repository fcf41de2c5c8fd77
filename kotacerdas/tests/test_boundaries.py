"""Where things live, checked over the source: one module reads spreadsheets
(``kotacerdas/sheets.py``: limits, headings, numbers, problems by row and column), so no other
module of the platform opens a workbook or a CSV reader of its own. Writing files (exports)
is every app's own business. One module turns a person's roles into the regions they may see
or change (``accounts/access.py``: ``regions_for``, ``regions_held``); views, the API and
services ask it, or a QuerySet's ``visible_to`` built on it. Each app finds one of its records
for a person in its own ``access.py`` (``get_<resource>_for_user``, built on
``accounts.access``), and views and API modules fetch by id, code or year only through those
helpers, or a child through the related manager of a parent fetched that way."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = [
    "accounts", "api", "audit", "evaluation", "kotacerdas", "masterplans", "monitoring",
    "participation", "portal", "readiness", "regions", "selection", "mentoring", "demo", "jobs",
    "commitments",
]  # fmt: skip
READS_A_SPREADSHEET = re.compile(r"\bload_workbook\b|\bcsv\.(reader|DictReader|Sniffer)\b")
SHEETS = ROOT / "kotacerdas" / "sheets.py"
# Reading a person's memberships, or a rule's regional roles, to pick regions by hand.
DERIVES_REGIONS = re.compile(
    r"_memberships\(|\broles_of\(|\.regional\b|Membership\.objects\.filter\(user\b"
    r"|memberships\.filter\(|region_id for role"
)
ACCESS = ROOT / "accounts" / "access.py"
# Where a record is found for a person: each app's access module.
FINDERS = [path for app in PLATFORM if (path := ROOT / app / "access.py").exists()]
DEFINES_A_FINDER = re.compile(r"^\s*def (get_\w+|_\w+)_for_user\(")
VIEWS_AND_API = sorted(
    path
    for app in PLATFORM
    for pattern in ("views.py", "*_views.py")
    for path in (ROOT / app).glob(pattern)
) + sorted((ROOT / "api").glob("*.py"))
# A record fetched by id, code, year or number straight from its model, past the access
# helpers: ``get_object_or_404(Model, ...)`` (or of ``Model.objects...``),
# ``Model.objects....get(...)`` and ``Model.objects....filter(..., pk=...)....first()``, on one
# line or over several. A child found through its parent's related manager
# (``masterplan.programs``, ``selection_round.workshops``) is not matched: its parent came
# through a helper. Not matched either, as no record is handed out: ``.exists()``,
# ``.update()``, a queryset passed on (a form's choices).
_CALL = r"\((?:[^()]|\([^()]*\))*\)"  # a call's arguments, one level of parentheses inside
_MANAGER = rf"\b[A-Z]\w*\.objects(?:\s*\.\w+{_CALL})*?\s*"
FETCHES_PAST_HELPERS = re.compile(
    rf"\bget_object_or_404\(\s*[A-Z]"
    rf"|{_MANAGER}\.get\("
    rf"|{_MANAGER}\.filter\((?:[^()]|\([^()]*\))*?\b(?:pk|id|code|year|number)\s*="
    rf"(?:[^()]|\([^()]*\))*\)\s*\.first\(\)"
)
# The direct fetches that stay, by file and line as written, each with its reason.
FETCHES_ALLOWED = {
    (
        "accounts/views.py: user = User.objects.filter(pk=user_pk).first() "
        'if user_pk and user_pk == data.get("u") else None'
    ): (
        "the account a signed, once-only unlock link names: the signature is the check; no "
        "role rule applies to lifting one's own log-in wait"
    ),
    "masterplans/views.py: upload = WorkbookUpload.objects.filter(": (
        "an import waiting between two steps, looked for only among the signed-in user's own "
        "uploads of the masterplan the editor's helper returned (get_masterplan_for_user with "
        "masterplan.edit); none found is a message on the page, not a 404"
    ),
    "evaluation/views.py: region = Region.objects.filter(code=code).first() if code else None": (
        "the region the jury names in the posted form, not a route parameter; regions are "
        "public (region.view), and none found confirms the proposal (decide_award)"
    ),
    "api/evaluation.py: region = Region.objects.filter(code=payload.region).first()": (
        "the region the jury names in the body, not a route parameter; regions are public "
        "(region.view), and an unknown code is a 422 on that field, not a 404"
    ),
}


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


def _lines_matching(pattern: re.Pattern[str], *skip: Path) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _platform_source()
        if path not in skip
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


def test_records_are_found_for_a_person_only_in_the_access_modules() -> None:
    assert ROOT / "masterplans" / "access.py" in FINDERS and len(FINDERS) > 8
    elsewhere = _lines_matching(DEFINES_A_FINDER, *FINDERS)
    assert not elsewhere, "put get_<resource>_for_user in <app>/access.py:\n" + "\n".join(elsewhere)


def test_the_finder_pattern_finds_what_it_looks_for() -> None:
    for line in (
        "def get_program_for_user(user: AnyUser, pk: int) -> Program:",
        "def _program_for_user(user: Any, pk: int) -> Program:",
        "    def get_rubric_for_user(",
    ):
        assert DEFINES_A_FINDER.search(line), line
    assert not DEFINES_A_FINDER.search("program = get_program_for_user(request.user, pk)")


def _fetches(path: Path) -> list[str]:
    """Each direct fetch in ``path`` as "file: the line it starts on"."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    return [
        f"{path.relative_to(ROOT)}: {lines[text.count(chr(10), 0, found.start())].strip()}"
        for found in FETCHES_PAST_HELPERS.finditer(text)
    ]


def test_views_and_the_api_fetch_records_through_the_access_helpers() -> None:
    assert ROOT / "selection" / "round_views.py" in VIEWS_AND_API
    assert ROOT / "api" / "followup.py" in VIEWS_AND_API and len(VIEWS_AND_API) > 25
    found = [fetch for path in VIEWS_AND_API for fetch in _fetches(path)]
    direct = [fetch for fetch in found if fetch not in FETCHES_ALLOWED]
    assert not direct, "fetch through get_<resource>_for_user (<app>/access.py):\n" + "\n".join(
        direct
    )
    # An exception that no longer occurs leaves the list.
    assert set(FETCHES_ALLOWED) <= set(found), set(FETCHES_ALLOWED) - set(found)


def test_the_fetch_pattern_finds_what_it_looks_for() -> None:
    # Each way a view or endpoint has fetched a record past the helpers.
    for code in (
        "rubric = get_object_or_404(Rubric, year=year)",
        'get_object_or_404(Award.objects.select_related("rubric", "proposed"), pk=pk)',
        "get_object_or_404(\n    PublicComment, pk=posted_id(request, 'comment'), window=w\n)",
        'Program.objects.select_related("masterplan__region__province").get(pk=pk)',
        "fresh = SelectionRound.objects.get(pk=selection_round.pk)",
        'Program.objects.select_related("masterplan__region").filter(pk=program_id).first()',
        "Milestone.objects.filter(pk=milestone_id, program=program).first()",
        "rubric = Rubric.objects.filter(year=year).first()",
        "comment = (\n    Comment.objects.select_related('masterplan__region', 'program')\n"
        "    .filter(pk=comment_id, masterplan=masterplan)\n    .first()\n)",
    ):
        assert FETCHES_PAST_HELPERS.search(code), code
    # A child through its parent, and what hands out no record.
    for code in (
        "get_object_or_404(masterplan.programs, pk=program)",
        "get_object_or_404(selection_round.workshops, number=number)",
        "masterplan.comments.filter(pk=payload.parent).first()",
        "rounds.filter(pk=id_param(request.GET.get('a')) or 0).first()",
        "Province.objects.filter(code=province).exists()",
        "regions=Region.objects.filter(pk=region.pk)",
        "Assessment.objects.filter(region__code__in=codes).first()",
        "Assessment.objects.get_or_create(region=region, questionnaire=questionnaire)",
    ):
        assert not FETCHES_PAST_HELPERS.search(code), code
