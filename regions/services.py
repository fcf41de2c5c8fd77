"""Loading the national region registry from the committed data files."""

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction

from audit.models import Action
from audit.tracking import record
from kotacerdas import data_versions, sheets
from regions.models import IslandGroup, Province, Region

T = TypeVar("T")
Progress = Callable[[Iterable[T], int, str], Iterator[T]]

REGION_FIELDS = [
    "name",
    "kind",
    "autonomous",
    "districts",
    "villages",
    "islands",
    "populated_islands",
    "outermost_small_islands",
    "population",
    "capital",
    "latitude",
    "longitude",
    "area_km2",
]
PROVINCE_FIELDS = ["name", "island_group", "capital", "population"]


class RegistryError(Exception):
    """The data files disagree with their manifest or with the database after loading."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _no_progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    yield from items


def _read(path: Path) -> list[dict[str, str]]:
    return sheets.csv_records(path)


def _optional_int(value: str) -> int | None:
    return int(value) if value else None


def _optional_decimal(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def _province_values(row: dict[str, str]) -> dict[str, Any]:
    return {
        "name": row["name"],
        "island_group": IslandGroup.from_label(row["island_group"]).value,
        "capital": row["capital"],
        "population": _optional_int(row["population"]),
    }


def _region_values(row: dict[str, str]) -> dict[str, Any]:
    return {
        "name": row["name"],
        "kind": row["kind"],
        "autonomous": row["autonomy"] == "otonom",
        "districts": int(row["districts"]),
        "villages": int(row["villages"]),
        "islands": int(row["islands"]),
        "populated_islands": int(row["populated_islands"]),
        "outermost_small_islands": int(row["outermost_small_islands"]),
        "population": _optional_int(row["population"]),
        "capital": row["capital"],
        "latitude": _optional_decimal(row["latitude"]),
        "longitude": _optional_decimal(row["longitude"]),
        "area_km2": _optional_decimal(row["area_km2"]),
    }


def _check(label: str, found: int, expected: int) -> None:
    if found != expected:
        raise RegistryError(f"{label}: found {found}, manifest says {expected}")


def _check_file_totals(
    region_rows: list[dict[str, str]], province_rows: list[dict[str, str]], totals: dict[str, int]
) -> None:
    kinds = Counter(row["kind"] for row in region_rows)
    _check("provinces in provinces.csv", len(province_rows), totals["provinces"])
    _check("regions in regions.csv", len(region_rows), totals["regions"])
    _check("kota in regions.csv", kinds["kota"], totals["kota"])
    _check("kabupaten in regions.csv", kinds["kabupaten"], totals["kabupaten"])
    administrative = sum(1 for row in region_rows if row["autonomy"] == "administratif")
    _check("administrative regions in regions.csv", administrative, totals["administrative"])
    for field in ("districts", "villages", "islands", "outermost_small_islands", "population"):
        found = sum(int(row[field] or 0) for row in region_rows)
        _check(f"{field} in regions.csv", found, totals[field])


def _check_database(totals: dict[str, int]) -> None:
    _check("provinces in the database", Province.objects.count(), totals["provinces"])
    _check("regions in the database", Region.objects.count(), totals["regions"])
    _check("kota in the database", Region.objects.filter(kind="kota").count(), totals["kota"])
    _check(
        "kabupaten in the database",
        Region.objects.filter(kind="kabupaten").count(),
        totals["kabupaten"],
    )
    _check(
        "administrative regions in the database",
        Region.objects.filter(autonomous=False).count(),
        totals["administrative"],
    )


def _upsert(
    model: Any,
    rows: dict[str, dict[str, Any]],
    fields: list[str],
    progress: Progress[Any],
    label: str,
) -> LoadResult:
    existing = {obj.code: obj for obj in model.objects.all()}
    to_create, to_update = [], []
    for code in progress(rows, len(rows), label):
        values = rows[code]
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
        elif any(getattr(obj, f) != v for f, v in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=500)
    model.objects.bulk_update(to_update, fields, batch_size=500)
    return LoadResult(len(to_create), len(to_update), len(rows) - len(to_create) - len(to_update))


def regions_load(*, data_dir: Path, progress: Progress[Any] = _no_progress) -> LoadResult:
    """Create or update provinces and regions from ``data_dir``; a second run changes nothing.

    Registry fields are overwritten from the files; what regional teams wrote is kept.
    Any disagreement with ``manifest.json`` rolls the whole load back.
    """
    totals = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))["totals"]
    province_rows = _read(data_dir / "provinces.csv")
    region_rows = _read(data_dir / "regions.csv")
    _check_file_totals(region_rows, province_rows, totals)

    with transaction.atomic():
        province_result = _upsert(
            Province,
            {row["code"]: _province_values(row) for row in province_rows},
            PROVINCE_FIELDS,
            progress,
            "provinsi",
        )
        provinces = {p.code: p for p in Province.objects.only("pk", "code")}
        regions = {}
        for row in region_rows:
            values = _region_values(row)
            try:
                # Compared by id: reading obj.province would query once per region.
                values["province_id"] = provinces[row["province_code"]].pk
            except KeyError:
                raise RegistryError(
                    f"region {row['code']}: unknown province {row['province_code']}"
                ) from None
            regions[row["code"]] = values
        region_result = _upsert(
            Region, regions, [*REGION_FIELDS, "province"], progress, "kota/kabupaten"
        )
        _check_database(totals)
        result = LoadResult(
            province_result.created + region_result.created,
            province_result.updated + region_result.updated,
            province_result.unchanged + region_result.unchanged,
        )
        if result.changed:
            # Bulk writes send no signals: the load is recorded as one event, and the caches
            # of public pages learn of it once it is committed.
            record(
                Action.IMPORT,
                label="registri wilayah (data/regions.csv)",
                changes={"created": result.created, "updated": result.updated},
            )
            transaction.on_commit(data_versions.bump)
    return result
