"""Upload benchmark: prints one name=value per line, all measured in one run.

    .venv/bin/python bench/imports.py [--programs 150]

Sets Django up against a throwaway SQLite database (migrate, the real region registry), then:

- workbook_import_s: a 150-program masterplan workbook (export of the demo-like masterplan of
  bench/masterplan.py), edited as a team would between two meetings (15 programs retitled with
  a budget line more, 5 new programs), imported back; workbook_fresh_import_s imports the
  unedited workbook into the masterplan emptied of programs (every program made anew);
- indicators_import_s: a national indicator file as Excel, 514 regions x 10 indicators x
  8 years (the indicators that apply to each kind of region), checked and written;
- oversize_refused_s: a 200,000-row workbook, refused by the limits;
- peak_rss_mb: the most memory the process held at any moment (all of the above).

Targets: workbook_import_s <= 3, indicators_import_s <= 3, oversize_refused_s <= 1,
peak_rss_mb <= 300.
"""

import argparse
import io
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS = range(2017, 2025)
INDICATORS = 10


def edited_workbook(data: bytes, rng: random.Random) -> bytes:
    """The workbook with 15 programs retitled (each with one more budget line) and 5 new ones."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    programs, budget = book["Program"], book["Anggaran"]
    header = [c.value for c in programs[1]]
    rows = list(range(2, programs.max_row + 1))
    for row in rng.sample(rows, 15):
        code = programs.cell(row=row, column=1).value
        title = programs.cell(row=row, column=header.index("judul") + 1)
        title.value = f"{title.value} (revisi)"
        budget.append([code, 2036, "CSR", "Rp 1,25 miliar"])
    template = [c.value for c in programs[2]]
    for n in range(5):
        new = list(template)
        new[0] = f"NEW-{n + 1:02d}"
        new[header.index("judul")] = f"Program baru {n + 1}"
        programs.append(new)
        budget.append([new[0], 2027, "APBD", "400.000.000"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def indicator_file(rng: random.Random) -> tuple[bytes, int]:
    """Every applicable indicator value of 514 regions over 8 years, as an Excel workbook."""
    from openpyxl import Workbook

    from regions.models import Region
    from selection.models import Indicator

    indicators = list(Indicator.objects.order_by("position")[:INDICATORS])
    regions = list(Region.objects.order_by("code"))
    # A full workbook, not write-only: like a file Excel saved, it records its dimension.
    book = Workbook()
    sheet = book.active
    sheet.title = "nilai"
    sheet.append(["kode_wilayah", "tahun", "indikator", "nilai", "sumber"])
    rows = 0
    for region in regions:
        for indicator in indicators:
            if not indicator.applies_to_kind(region.kind):
                continue
            for year in YEARS:
                if indicator.is_flag:
                    value: float = rng.randint(0, 1)
                else:
                    low = indicator.minimum if indicator.minimum is not None else 0
                    high = indicator.maximum if indicator.maximum is not None else 100
                    value = round(rng.uniform(low, high), 3)
                sheet.append([region.code, year, indicator.code, value, "bench"])
                rows += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), rows


def oversize_workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Anggaran")
    sheet.append(["kode", "tahun", "sumber_dana", "jumlah_rp"])
    for i in range(rows):
        sheet.append([f"GOV-{i % 99:02d}", 2027 + i % 10, "APBD", 1_000_000 + i])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=150)
    args = parser.parse_args()
    rng = random.Random(2027)

    with tempfile.TemporaryDirectory(prefix="kc-bench-imports-") as directory:
        from bench.masterplan import build_masterplan, editor, setup_django

        setup_django(directory)
        from masterplans.workbook_export import masterplan_xlsx
        from masterplans.workbook_import import ProgramImportError, import_workbook
        from selection.imports import indicators_import

        masterplan = build_masterplan(args.programs)
        user = editor()
        exported = masterplan_xlsx(masterplan)
        edited = edited_workbook(exported, rng)

        start = time.perf_counter()
        result = import_workbook(masterplan, io.BytesIO(edited), user)
        workbook_s = time.perf_counter() - start

        masterplan.programs.all().delete()
        start = time.perf_counter()
        fresh = import_workbook(masterplan, io.BytesIO(exported), user)
        fresh_s = time.perf_counter() - start

        content, rows = indicator_file(rng)
        start = time.perf_counter()
        run = indicators_import(content=content, file_name="nasional.xlsx", numbers="id")
        indicators_s = time.perf_counter() - start

        oversize = oversize_workbook(200_000)
        start = time.perf_counter()
        try:
            import_workbook(masterplan, io.BytesIO(oversize), user)
        except ProgramImportError as refused:
            oversize_s = time.perf_counter() - start
            reason = str(refused.problems.shown[0])
        else:
            raise SystemExit("the oversize workbook was not refused")

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        print(f"programs={args.programs}")
        print(f"workbook_kb={len(edited) // 1024}")
        print(f"workbook_created={result.created}")
        print(f"workbook_updated={result.updated}")
        print(f"workbook_unchanged={result.unchanged}")
        print(f"workbook_import_s={workbook_s:.2f}")
        print(f"workbook_fresh_import_s={fresh_s:.2f}")
        print(f"workbook_fresh_created={fresh.created}")
        print(f"indicator_rows={rows}")
        print(f"indicator_kb={len(content) // 1024}")
        print(f"indicators_imported={run.rows}")
        print(f"indicators_import_s={indicators_s:.2f}")
        print(f"oversize_kb={len(oversize) // 1024}")
        print(f"oversize_refused_s={oversize_s:.3f}")
        print(f"oversize_reason={reason}")
        print(f"peak_rss_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
