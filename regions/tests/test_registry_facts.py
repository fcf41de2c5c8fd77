"""The registry checked as a whole, the way a reader of a map would notice a mistake: every
capital named, inside Indonesia and near its province's other regions; every province's capital
one of its regions' seats. And the reviewed corrections (data/corrections.csv) hold."""

import csv
import importlib.util
import math
from pathlib import Path

import pytest

from regions.models import Province, Region

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data"
# Indonesia's extent, with a margin: Sabang to Merauke, Miangas to Rote.
LATITUDES, LONGITUDES = (-11.5, 6.5), (94.5, 141.5)
# The farthest a capital lies from its province's nearest other one today is 387 km
# (Maluku Barat Daya to Kepulauan Tanimbar); a point in the wrong place is thousands away.
WITHIN_KM = 500
# Provinces whose capital is the seat of none of their regions, and why.
CAPITAL_OF_NO_REGION = {
    "31": "Jakarta: the province is the autonomous region; its cities are administrative",
    "82": "Sofifi lies in Kota Tidore Kepulauan but is not its seat",
}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


def test_every_region_s_capital_is_named_inside_indonesia_and_near_its_province() -> None:
    regions = list(Region.objects.order_by("code"))
    assert len(regions) == 514
    points = {r.code: (float(r.latitude or 0), float(r.longitude or 0)) for r in regions}
    problems = []
    for region in regions:
        lat, lon = points[region.code]
        if not region.capital.strip():
            problems.append(f"{region.code} {region.name}: no capital")
        if not (LATITUDES[0] <= lat <= LATITUDES[1] and LONGITUDES[0] <= lon <= LONGITUDES[1]):
            problems.append(f"{region.code} {region.name}: ({lat}, {lon}) is outside Indonesia")
        others = [
            points[o.code]
            for o in regions
            if o.province_id == region.province_id and o.code != region.code
        ]
        nearest = min((_km(points[region.code], p) for p in others), default=0)
        if nearest > WITHIN_KM:
            problems.append(f"{region.code} {region.name}: {nearest:.0f} km from its province")
    assert not problems, problems


def test_every_province_s_capital_is_named_and_is_one_of_its_regions_seats() -> None:
    provinces = list(Province.objects.prefetch_related("regions").order_by("code"))
    assert len(provinces) == 38
    problems = []
    for province in provinces:
        seats = {r.capital for r in province.regions.all()}
        seats |= {r.name.removeprefix("Kota ") for r in province.regions.all() if r.kind == "kota"}
        if not province.capital.strip():
            problems.append(f"{province.code} {province.name}: no capital")
        elif province.capital not in seats and province.code not in CAPITAL_OF_NO_REGION:
            problems.append(f"{province.code} {province.name}: {province.capital!r} seats none")
    assert not problems, problems


def test_the_reviewed_corrections_are_sourced_and_in_the_registry() -> None:
    with (DATA / "corrections.csv").open(encoding="utf-8") as handle:
        corrections = list(csv.DictReader(handle))
    assert {(c["table"], c["code"], c["field"]) for c in corrections} >= {
        ("regions", "74.07", "longitude"),
        ("regions", "81.03", "capital"),
        ("provinces", "94", "capital"),
        ("provinces", "95", "capital"),
    }
    for fix in corrections:
        assert fix["source"].strip() and fix["new"] != fix["old"], fix
        model = Region if fix["table"] == "regions" else Province
        value = getattr(model.objects.get(code=fix["code"]), fix["field"])
        assert str(value) == fix["new"] or float(value) == float(fix["new"]), fix


def _build_script():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_region_data.py"
    spec = importlib.util.spec_from_file_location("build_region_data", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_the_build_applies_a_correction_and_stops_when_the_package_changed_the_value() -> None:
    build = _build_script()
    fix = {"table": "provinces", "code": "94", "field": "capital", "old": "Nabira", "new": "Nabire"}
    rows = [{"code": "94", "capital": "Nabira"}, {"code": "95", "capital": "Jayawijaya"}]
    assert build.apply_corrections("provinces", rows, [fix])[0]["capital"] == "Nabire"
    assert build.apply_corrections("regions", [{"code": "94", "capital": "X"}], [fix]) == [
        {"code": "94", "capital": "X"}
    ]
    with pytest.raises(SystemExit, match="review the correction"):
        build.apply_corrections("provinces", [{"code": "94", "capital": "Nabire"}], [fix])
