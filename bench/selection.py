"""Selection engine benchmark: prints one name=value per line, all measured in one run.

    .venv/bin/python bench/selection.py [--draws 10000] [--repeats 31] [--no-milp-50000]

The layout is the real registry (514 kota/kabupaten, 38 provinces, 7 island groups, from
data/regions.csv). The 10 indicator columns are generated here with a fixed seed and are demo
values, not published figures. Quotas: 100 regions, 5-30 per island group, at most 6 per
province; the 50,000-alternative problem scales them (10,000, 500-3,000, 600) over alternatives
spread at random over the same provinces.

Figures (medians, wall clock; figures compared are timed in turn, in the same loop):

- rank_ms: one ranking (min-max normalisation, SAW, ranks) of 514 regions x 10 criteria, and
  rank_ms_pymcdm_lean: the same with pymcdm (its WSM with validation off, and its ranks);
- sensitivity_rank_ms: the scores and ranks of every weight draw, floor_ms: a bare matrix
  product of that size and one argsort of its result, sensitivity_vs_floor: their ratio;
  sensitivity_ms: the whole analysis (ranks, their percentiles and the selection of every
  draw under the quotas), sensitivity_ms_vs_floor;
- quota_ms_514, quota_ms_50000: the exact selection a round uses (``quota.select``) and which
  solver ran; quota_milp_ms_50000: the integer program forced on the same problem, and
  quota_milp_equal_50000 / quota_milp_ties_equal_50000: whether it chose exactly what the
  laminar method chose, with distinct scores and with scores rounded to three decimals (many
  ties). ``--no-milp-50000`` leaves the forced integer program out.

Targets: rank_ms <= rank_ms_pymcdm_lean, sensitivity_vs_floor <= 2, quota_ms_50000 <= 1000.
pymcdm is a dev dependency (requirements-dev.lock), not one of the platform's.
"""

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selection.engine.methods import METHODS, ranks  # noqa: E402
from selection.engine.normalization import normalize_matrix  # noqa: E402
from selection.engine.quota import (  # noqa: E402
    Layout,
    Quotas,
    select,
    select_laminar,
    select_milp,
)
from selection.engine.sensitivity import analyse, draw_weights, rank_matrix  # noqa: E402

CRITERIA = 10
T = TypeVar("T")


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


def scaled_problem(
    layout: Layout, n: int, seed: int
) -> tuple[np.ndarray, np.ndarray, Layout, Quotas]:
    """``n`` alternatives over the registry's provinces, the 514-region quotas scaled."""
    rng = np.random.default_rng(seed)
    province = rng.integers(0, len(layout.province_group), n)
    big = Layout(layout.province_group[province], province, layout.province_group)
    total = n // 5
    quotas = Quotas(
        total,
        np.full(7, total // 20),
        np.full(7, total * 3 // 10),
        np.full(len(layout.province_group), total * 6 // 100),
    )
    return rng.random(n), rng.random(n) > 0.05, big, quotas


def timed(function: Callable[[], T], repeats: int, budget_s: float = 60.0) -> tuple[float, T]:
    """Median milliseconds of up to ``repeats`` runs (at least one; no new run once
    ``budget_s`` is spent), and what the last run returned."""
    samples: list[float] = []
    while len(samples) < repeats and sum(samples) < budget_s * 1000:
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def side_by_side(*functions: Callable[[], object], repeats: int) -> list[float]:
    """Median milliseconds of each, run in turn so that all see the same machine."""
    samples: list[list[float]] = [[] for _ in functions]
    for _ in range(repeats):
        for function, kept in zip(functions, samples, strict=True):
            start = time.perf_counter()
            function()
            kept.append((time.perf_counter() - start) * 1000)
    return [statistics.median(kept) for kept in samples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=31)
    parser.add_argument("--no-milp-50000", action="store_true")
    args = parser.parse_args()
    try:
        from pymcdm.helpers import rrankdata
        from pymcdm.methods import WSM
        from pymcdm.normalizations import minmax_normalization
    except ImportError:
        sys.exit("pymcdm is needed: install the dev dependencies (requirements-dev.lock)")

    layout, is_kota = registry_layout()
    values, applicable, cost = demo_matrix(is_kota)
    n = len(is_kota)
    quotas = Quotas(100, np.full(7, 5), np.full(7, 30), np.full(38, 6))
    eligible = np.ones(n, dtype=bool)
    weights = np.random.default_rng(1).dirichlet(np.ones(CRITERIA))
    saw = METHODS["saw"]

    def rank() -> None:
        ranks(saw.score(normalize_matrix(values, applicable, cost, "minmax"), weights))

    # pymcdm has no not-applicable: give it the full matrix (the same work per ranking).
    wsm = WSM(minmax_normalization)
    types = np.where(cost, -1, 1)

    def rank_pymcdm_lean() -> None:
        rrankdata(wsm(values, weights, types, validation=False))

    normalized = normalize_matrix(values, applicable, cost, "minmax")
    drawn = draw_weights(weights, args.draws, 50.0, seed=0)
    dense = np.nan_to_num(normalized)

    def sensitivity_rank() -> None:
        rank_matrix(saw.score_many(normalized, drawn))

    def floor() -> None:
        np.argsort(drawn @ dense.T, axis=1)

    def sensitivity() -> None:
        analyse(normalized, saw, weights, eligible, layout, quotas, draws=args.draws, seed=0)

    scores = saw.score(normalized, weights)
    scores_50000, eligible_50000, layout_50000, quotas_50000 = scaled_problem(layout, 50_000, 7)

    rank_ms, rank_pymcdm_ms = side_by_side(rank, rank_pymcdm_lean, repeats=args.repeats * 20)
    heavy = max(3, args.repeats // 3)
    sensitivity_rank_ms, floor_ms, sensitivity_ms = side_by_side(
        sensitivity_rank, floor, sensitivity, repeats=heavy
    )
    quota_ms_514, chosen_514 = timed(lambda: select(scores, eligible, layout, quotas), args.repeats)
    quota_ms_50000, chosen_50000 = timed(
        lambda: select(scores_50000, eligible_50000, layout_50000, quotas_50000), heavy
    )

    print(f"regions={n}")
    print(f"criteria={CRITERIA}")
    print(f"draws={args.draws}")
    print(f"rank_ms={rank_ms:.3f}")
    print(f"rank_ms_pymcdm_lean={rank_pymcdm_ms:.3f}")
    print(f"sensitivity_rank_ms={sensitivity_rank_ms:.1f}")
    print(f"floor_ms={floor_ms:.1f}")
    print(f"sensitivity_vs_floor={sensitivity_rank_ms / floor_ms:.2f}")
    print(f"sensitivity_ms={sensitivity_ms:.1f}")
    print(f"sensitivity_ms_vs_floor={sensitivity_ms / floor_ms:.2f}")
    print(f"quota_ms_514={quota_ms_514:.2f}")
    print(f"quota_solver_514={chosen_514.solver}")
    print(f"quota_ms_50000={quota_ms_50000:.1f}")
    print(f"quota_solver_50000={chosen_50000.solver}")
    if args.no_milp_50000:
        return
    problem = (scores_50000, eligible_50000, layout_50000, quotas_50000)
    start = time.perf_counter()
    milp_pick = select_milp(*problem)
    print(f"quota_milp_ms_50000={(time.perf_counter() - start) * 1000:.1f}")
    equal = np.array_equal(milp_pick, select_laminar(*problem)[0])
    print(f"quota_milp_equal_50000={'yes' if equal else 'no'}")
    tied = (np.round(scores_50000, 3), *problem[1:])
    start = time.perf_counter()
    milp_pick = select_milp(*tied)
    print(f"quota_milp_ties_ms_50000={(time.perf_counter() - start) * 1000:.1f}")
    equal = np.array_equal(milp_pick, select_laminar(*tied)[0])
    print(f"quota_milp_ties_equal_50000={'yes' if equal else 'no'}")


if __name__ == "__main__":
    main()
