"""Selection engine benchmark: prints one name=value per line, all measured in one run.

    .venv/bin/python bench/selection.py [--draws 10000] [--repeats 15]

The layout is the real registry (514 kota/kabupaten, 38 provinces, 7 island groups, from
data/regions.csv). The 10 indicator columns are generated here with a fixed seed and are demo
values, not published figures. Quotas: 100 regions, 5-30 per island group, at most 6 per
province.

Targets (issue 3): rank_select_ms <= 20, sensitivity_rank_ms <= 300, speedup >= 30,
sensitivity_quota_ms <= 2000.
"""

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selection.engine.methods import METHODS, ranks  # noqa: E402
from selection.engine.normalization import normalize_matrix  # noqa: E402
from selection.engine.quota import Layout, Quotas, select_laminar, select_milp  # noqa: E402
from selection.engine.sensitivity import draw_weights, rank_matrix  # noqa: E402

CRITERIA = 10


def registry_layout() -> tuple[Layout, np.ndarray]:
    with (ROOT / "data" / "regions.csv").open(encoding="utf-8") as handle:
        regions = sorted(csv.DictReader(handle), key=lambda row: row["code"])
    with (ROOT / "data" / "provinces.csv").open(encoding="utf-8") as handle:
        provinces = list(csv.DictReader(handle))
    groups = sorted({p["island_group"] for p in provinces})
    province_index = {p["code"]: i for i, p in enumerate(provinces)}
    province_group = np.array([groups.index(p["island_group"]) for p in provinces])
    province = np.array([province_index[r["province_code"]] for r in regions])
    is_kota = np.array([r["kind"] == "kota" for r in regions])
    return Layout(province_group[province], province, province_group), is_kota


def demo_matrix(is_kota: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2017)
    n = len(is_kota)
    latent = rng.normal(size=(n, 1))
    values = latent @ rng.uniform(0.3, 0.9, size=(1, CRITERIA)) + rng.normal(size=(n, CRITERIA))
    applicable = np.ones((n, CRITERIA), dtype=bool)
    applicable[:, 2] = is_kota  # like the Sustainable City Index: kota only
    cost = np.zeros(CRITERIA, dtype=bool)
    cost[[4, 7]] = True
    return values, applicable, cost


def timed(function, repeats: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    layout, is_kota = registry_layout()
    values, applicable, cost = demo_matrix(is_kota)
    n = len(is_kota)
    quotas = Quotas(100, np.full(7, 5), np.full(7, 30), np.full(38, 6))
    eligible = np.ones(n, dtype=bool)
    weights = np.random.default_rng(1).dirichlet(np.ones(CRITERIA))
    saw = METHODS["saw"]

    def rank_and_select() -> None:
        normalized = normalize_matrix(values, applicable, cost, "minmax")
        scores = saw.score(normalized, weights)
        ranks(scores)
        select_milp(scores, eligible, layout, quotas)

    normalized = normalize_matrix(values, applicable, cost, "minmax")
    drawn = draw_weights(weights, args.draws, 50.0, seed=0)

    def sensitivity_rank() -> None:
        rank_matrix(saw.score_many(normalized, drawn))

    def sensitivity_quota() -> None:
        scores = saw.score_many(normalized, drawn)
        rank_matrix(scores)
        select_laminar(scores, eligible, layout, quotas)

    # pymcdm has no not-applicable: give it the full matrix (same work per ranking).
    from pymcdm.helpers import rrankdata
    from pymcdm.methods import WSM
    from pymcdm.normalizations import minmax_normalization

    wsm = WSM(minmax_normalization)
    types = np.where(cost, -1, 1)

    def pymcdm_loop() -> None:
        for row in drawn:
            rrankdata(wsm(values, row, types))

    rank_select_ms = timed(rank_and_select, args.repeats)
    sensitivity_rank_ms = timed(sensitivity_rank, max(3, args.repeats // 3))
    pymcdm_loop_ms = timed(pymcdm_loop, 1)
    sensitivity_quota_ms = timed(sensitivity_quota, max(3, args.repeats // 3))

    print(f"regions={n}")
    print(f"criteria={CRITERIA}")
    print(f"draws={args.draws}")
    print(f"rank_select_ms={rank_select_ms:.1f}")
    print(f"sensitivity_rank_ms={sensitivity_rank_ms:.1f}")
    print(f"pymcdm_loop_ms={pymcdm_loop_ms:.1f}")
    print(f"speedup={pymcdm_loop_ms / sensitivity_rank_ms:.1f}")
    print(f"sensitivity_quota_ms={sensitivity_quota_ms:.1f}")


if __name__ == "__main__":
    main()
