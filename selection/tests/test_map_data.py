"""The offline map's data: province outlines (data/provinces.geojson) and vendored Leaflet."""

import csv
import json
from pathlib import Path

import pytest
from django.template.loader import render_to_string

ROOT = Path(__file__).resolve().parents[2]
GEOJSON = ROOT / "data" / "provinces.geojson"
STATIC_GEOJSON = ROOT / "static" / "data" / "provinces.geojson"
LEAFLET = ROOT / "static" / "vendor" / "leaflet"
# Indonesia's bounding box, as the map fits it: [south, west] to [north, east].
SOUTH, WEST, NORTH, EAST = -11.0, 94.0, 6.5, 141.5


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def _rings(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    assert geometry["type"] == "MultiPolygon"
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def test_geojson_is_a_feature_collection_with_attribution(collection):
    assert collection["type"] == "FeatureCollection"
    assert "Natural Earth" in collection["attribution"]
    assert len(collection["features"]) >= 33
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert set(feature["properties"]) >= {"name", "codes"}


def test_codes_cover_every_province_exactly_once(collection):
    with (ROOT / "data" / "provinces.csv").open(encoding="utf-8") as handle:
        provinces = {row["code"] for row in csv.DictReader(handle)}
    assert len(provinces) == 38
    codes = [code for feature in collection["features"] for code in feature["properties"]["codes"]]
    assert sorted(codes) == sorted(provinces)


def test_provinces_split_after_2012_share_their_old_polygon(collection):
    by_name = {f["properties"]["name"]: f["properties"]["codes"] for f in collection["features"]}
    assert by_name["Kalimantan Timur"] == ["64", "65"]
    assert by_name["Papua"] == ["91", "93", "94", "95"]
    assert by_name["Irian Jaya Barat"] == ["92", "96"]


def test_every_coordinate_is_inside_indonesia_and_rings_are_closed(collection):
    for feature in collection["features"]:
        for ring in _rings(feature["geometry"]):
            assert len(ring) >= 4
            assert ring[0] == ring[-1]
            for lon, lat in ring:
                assert WEST <= lon <= EAST, (feature["properties"]["name"], lon)
                assert SOUTH <= lat <= NORTH, (feature["properties"]["name"], lat)
                assert round(lon, 3) == lon
                assert round(lat, 3) == lat


def test_file_is_small_and_served_copy_is_identical():
    assert GEOJSON.stat().st_size < 300_000
    assert STATIC_GEOJSON.read_bytes() == GEOJSON.read_bytes()


def test_leaflet_is_vendored_with_its_licence():
    assert (LEAFLET / "leaflet.js").stat().st_size > 100_000
    assert (LEAFLET / "leaflet.css").is_file()
    assert "BSD" in (LEAFLET / "LICENSE").read_text(encoding="utf-8")
    assert (LEAFLET / "VERSION").read_text(encoding="utf-8").startswith("leaflet@1.9.")
    for image in ("layers.png", "layers-2x.png", "marker-icon.png"):
        assert (LEAFLET / "images" / image).is_file()


def test_partial_renders_a_data_block_and_no_inline_script_or_style():
    points = [
        {
            "code": "32.73",
            "name": "Kota <Bandung>",
            "lat": -6.9,
            "lon": 107.6,
            "status": "selected",
            "rank": 1,
            "score": 0.91,
        },
        {
            "code": "91.01",
            "name": "Kabupaten Merauke",
            "lat": -8.5,
            "lon": 140.4,
            "status": "not_eligible",
            "rank": None,
            "score": None,
        },
    ]
    html = render_to_string(
        "selection/_round_map.html", {"map_points": points, "map_label": "Peta putaran 2024"}
    )
    assert 'type="application/json"' in html
    assert "Kota \\u003CBandung\\u003E" in html  # json_script escapes markup
    assert "style=" not in html
    for src in ("vendor/leaflet/leaflet.js", "js/selection-map.js"):
        assert f'src="/static/{src}" defer></script>' in html
    assert 'data-provinces="/static/data/provinces.geojson"' in html
    assert 'data-region-url="/wilayah/__code__/"' in html
    assert 'data-label="Peta putaran 2024"' in html
    for label in ("Terpilih", "Terpilih di putaran sebelumnya", "Tidak terpilih", "Tidak layak"):
        assert f"</span>{label}</li>" in html
    assert "Batas provinsi: Natural Earth (tata letak lama, 33 provinsi, sebelum 2012)" in html
    assert "enam provinsi Papua digambar di dalam batas lamanya" in html
