import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from regions.models import Province, Region
from regions.services import RegistryError, regions_load

pytestmark = pytest.mark.django_db


def test_registry_has_38_provinces_and_514_regions() -> None:
    assert Province.objects.count() == 38
    assert Region.objects.count() == 514
    assert Region.objects.filter(kind="kota").count() == 98
    assert Region.objects.filter(kind="kabupaten").count() == 416


def test_names_are_proper_case_with_their_kind() -> None:
    assert Region.objects.get(code="32.73").name == "Kota Bandung"
    assert Region.objects.get(code="11.01").name == "Kabupaten Aceh Selatan"
    assert not Region.objects.filter(kind="kota").exclude(name__startswith="Kota ").exists()
    assert (
        not Region.objects.filter(kind="kabupaten").exclude(name__startswith="Kabupaten ").exists()
    )


def test_every_province_has_an_island_group() -> None:
    assert Province.objects.get(code="32").island_group == "jawa"
    assert Province.objects.get(code="65").island_group == "kalimantan"
    assert Province.objects.get(code="96").island_group == "papua"
    assert Province.objects.filter(island_group="").count() == 0


def test_counts_come_from_the_package() -> None:
    bandung = Region.objects.get(code="32.73")
    assert bandung.districts == 30
    assert bandung.islands == 0
    frontier = Region.objects.frontier()
    assert frontier.count() == 49
    assert sum(r.outermost_small_islands for r in frontier) == 109


def test_population_totals_the_dukcapil_2025_count() -> None:
    assert sum(Region.objects.values_list("population", flat=True)) == 284_973_643


def test_loading_twice_changes_nothing() -> None:
    result = regions_load(data_dir=settings.KC_DATA_DIR)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 552)


def test_loading_keeps_what_the_regional_team_wrote() -> None:
    Region.objects.filter(code="32.73").update(description="Bandung Smart City")
    regions_load(data_dir=settings.KC_DATA_DIR)
    assert Region.objects.get(code="32.73").description == "Bandung Smart City"


def test_loading_restores_a_changed_registry_field() -> None:
    Region.objects.filter(code="32.73").update(name="Kota Bandoeng")
    result = regions_load(data_dir=settings.KC_DATA_DIR)
    assert result.updated == 1
    assert Region.objects.get(code="32.73").name == "Kota Bandung"


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(settings.KC_DATA_DIR, target)
    return target


def test_a_count_that_disagrees_with_the_manifest_fails_loudly(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    manifest = json.loads((data_dir / "manifest.json").read_text())
    manifest["totals"]["kota"] = 99
    (data_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"kota in regions\.csv: found 98, manifest says 99"):
        call_command("load_regions", data_dir=data_dir, verbosity=0)


def test_a_failed_load_writes_nothing(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    regions_csv = data_dir / "regions.csv"
    regions_csv.write_text(regions_csv.read_text().replace("Kota Bandung,", "Kota Bandoeng,"))
    # A region the files do not know makes the database disagree with the manifest only
    # after the rename was written: the whole load must roll back.
    Region.objects.create(
        code="32.99",
        name="Kota Fiktif",
        kind="kota",
        province=Province.objects.get(code="32"),
        districts=1,
        villages=1,
        islands=0,
        populated_islands=0,
        outermost_small_islands=0,
    )
    with pytest.raises(
        RegistryError, match="regions in the database: found 515, manifest says 514"
    ):
        regions_load(data_dir=data_dir)
    assert Region.objects.get(code="32.73").name == "Kota Bandung"


def test_command_reports_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_regions", verbosity=0)
    assert "0 baru, 0 diperbarui, 552 tidak berubah" in capsys.readouterr().out
