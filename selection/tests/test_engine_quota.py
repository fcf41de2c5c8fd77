"""Quota-optimal selection: MILP, the laminar method and brute force agree, ties included;
the laminarity check picks the method; conflicts explained."""

from itertools import combinations

import numpy as np
import pytest

from selection.engine.explain import explain
from selection.engine.quota import (
    LAMINAR,
    MILP,
    InfeasibleQuotas,
    Layout,
    NotLaminar,
    Quotas,
    check_quotas,
    is_laminar,
    select,
    select_laminar,
    select_milp,
)


def make_layout(province_group: list[int], province: list[int]) -> Layout:
    province_arr = np.array(province)
    groups = np.array(province_group)
    return Layout(group=groups[province_arr], province=province_arr, province_group=groups)


def random_instance(seed: int, n: int, provinces: int, groups: int, total: int):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    province_group = list(rng.integers(0, groups, provinces))
    province_group[:groups] = list(range(groups))  # every group has a province
    layout = make_layout(province_group, list(rng.integers(0, provinces, n)))
    group_min = rng.integers(0, 2, groups)
    quotas = Quotas(
        total=total,
        group_min=group_min,
        group_max=group_min + rng.integers(1, total + 1, groups),
        province_max=rng.integers(1, 4, provinces),
    )
    eligible = rng.random(n) > 0.15
    return rng.random(n), eligible, layout, quotas


def brute_force_all(scores, eligible, layout, quotas):  # type: ignore[no-untyped-def]
    """Every selection that keeps the rules, with its total: (rows, total) pairs."""
    found = []
    for chosen in combinations(np.flatnonzero(eligible), quotas.total):
        index = np.array(chosen)
        per_group = np.bincount(layout.group[index], minlength=len(quotas.group_min))
        per_province = np.bincount(layout.province[index], minlength=len(quotas.province_max))
        if (
            np.all(per_group >= quotas.group_min)
            and np.all(per_group <= quotas.group_max)
            and np.all(per_province <= quotas.province_max)
        ):
            found.append((index, scores[index].sum()))
    return found


def brute_force(scores, eligible, layout, quotas):  # type: ignore[no-untyped-def]
    found = brute_force_all(scores, eligible, layout, quotas)
    return max(total for _index, total in found) if found else None


def brute_force_pick(scores, eligible, layout, quotas):  # type: ignore[no-untyped-def]
    """The documented rule: the greatest total, then the rows that add up to least."""
    found = brute_force_all(scores, eligible, layout, quotas)
    best = max(total for _index, total in found)
    index = min((index for index, total in found if total >= best - 1e-9), key=sum)
    mask = np.zeros(len(scores), dtype=bool)
    mask[index] = True
    return mask


def split_instance(seed: int, n: int, provinces: int, groups: int, total: int):  # type: ignore[no-untyped-def]
    """Like ``random_instance``, but regions of one province may sit in different island
    groups: the rules are no longer laminar."""
    scores, eligible, _layout, quotas = random_instance(seed, n, provinces, groups, total)
    rng = np.random.default_rng(seed + 1000)
    province = rng.integers(0, provinces, n)
    group = rng.integers(0, groups, n)
    layout = Layout(group=group, province=province, province_group=np.zeros(provinces, np.intp))
    return scores, eligible, layout, quotas


def scaled_instance(seed: int, n: int, ties: bool):  # type: ignore[no-untyped-def]
    """``n`` regions over 38 provinces in 7 island groups, the program's quotas scaled; with
    ``ties``, scores on a coarse grid so that many are equal."""
    rng = np.random.default_rng(seed)
    province_group = np.concatenate([np.arange(7), rng.integers(0, 7, 31)])
    province = rng.integers(0, 38, n)
    layout = Layout(province_group[province], province, province_group)
    total = max(7, n // 5)
    quotas = Quotas(
        total,
        np.full(7, total // 20),
        np.full(7, max(total * 3 // 10, total // 7 + 1)),
        np.full(38, max(1, total * 6 // 100)),
    )
    scores = rng.random(n)
    if ties:
        scores = np.round(scores * 20) / 20
    return scores, rng.random(n) > 0.1, layout, quotas


def total(scores, mask):  # type: ignore[no-untyped-def]
    return float(scores[mask].sum())


@pytest.mark.parametrize("seed", range(60))
def test_milp_and_laminar_equal_brute_force_on_small_cases(seed: int) -> None:
    scores, eligible, layout, quotas = random_instance(seed, n=11, provinces=5, groups=3, total=4)
    expected = brute_force(scores, eligible, layout, quotas)
    if expected is None:
        assert check_quotas(eligible, layout, quotas)
        with pytest.raises(InfeasibleQuotas):
            select_milp(scores, eligible, layout, quotas)
        with pytest.raises(InfeasibleQuotas):
            select_laminar(scores, eligible, layout, quotas)
        return
    assert not check_quotas(eligible, layout, quotas)
    milp_pick = select_milp(scores, eligible, layout, quotas)
    laminar_pick = select_laminar(scores, eligible, layout, quotas)[0]
    assert total(scores, milp_pick) == pytest.approx(expected, abs=1e-9)
    assert total(scores, laminar_pick) == pytest.approx(expected, abs=1e-9)
    np.testing.assert_array_equal(milp_pick, laminar_pick)


@pytest.mark.parametrize("seed", range(10))
def test_laminar_equals_milp_at_national_scale(seed: int) -> None:
    scores, eligible, layout, quotas = random_instance(
        seed, n=514, provinces=38, groups=7, total=100
    )
    quotas = Quotas(100, np.full(7, 5), np.full(7, 30), np.full(38, 5))
    np.testing.assert_array_equal(
        select_milp(scores, eligible, layout, quotas),
        select_laminar(scores, eligible, layout, quotas)[0],
    )


@pytest.mark.parametrize(
    ("n", "seeds"), [(60, range(8)), (514, range(4)), (2000, range(2)), (5000, range(1))]
)
@pytest.mark.parametrize("ties", [False, True], ids=["distinct", "ties"])
def test_laminar_equals_milp_on_random_laminar_instances(n: int, seeds: range, ties: bool) -> None:
    for seed in seeds:
        scores, eligible, layout, quotas = scaled_instance(seed, n, ties)
        assert is_laminar(layout)
        np.testing.assert_array_equal(
            select_milp(scores, eligible, layout, quotas),
            select_laminar(scores, eligible, layout, quotas)[0],
            err_msg=f"n={n} seed={seed}",
        )


@pytest.mark.parametrize("seed", range(40))
def test_milp_equals_brute_force_when_provinces_span_island_groups(seed: int) -> None:
    scores, eligible, layout, quotas = split_instance(seed, n=11, provinces=3, groups=3, total=4)
    quotas = Quotas(4, quotas.group_min, quotas.group_max, np.array([1, 2, 2]))
    found = brute_force_all(scores, eligible, layout, quotas)
    if not found:
        with pytest.raises(InfeasibleQuotas):
            select_milp(scores, eligible, layout, quotas)
        return
    chosen = select_milp(scores, eligible, layout, quotas)
    assert total(scores, chosen) == pytest.approx(max(t for _i, t in found), abs=1e-9)
    per_province = np.bincount(layout.province[chosen], minlength=3)
    assert np.all(per_province <= quotas.province_max)


@pytest.mark.parametrize("seed", range(30))
def test_ties_choose_the_earliest_rows_among_the_best_selections(seed: int) -> None:
    scores, eligible, layout, quotas = random_instance(seed, n=11, provinces=5, groups=3, total=4)
    scores = np.random.default_rng(seed).choice([0.2, 0.5, 0.7], size=11)
    if brute_force(scores, eligible, layout, quotas) is None:
        return
    expected = brute_force_pick(scores, eligible, layout, quotas)
    np.testing.assert_array_equal(select_milp(scores, eligible, layout, quotas), expected)
    np.testing.assert_array_equal(select_laminar(scores, eligible, layout, quotas)[0], expected)


def test_provinces_inside_island_groups_are_laminar() -> None:
    assert is_laminar(make_layout([0, 0, 1], [0, 1, 2, 2, 1]))
    assert is_laminar(Layout(np.array([], np.intp), np.array([], np.intp), np.array([0, 1])))


def test_a_province_in_two_island_groups_is_not_laminar() -> None:
    layout = make_layout([0, 1], [0, 0, 1, 1])
    split = Layout(np.array([0, 1, 1, 1]), layout.province, layout.province_group)
    assert not is_laminar(split)
    # A province whose recorded island group is not its regions' one is not laminar either.
    assert not is_laminar(Layout(layout.group, layout.province, np.array([1, 0])))


def test_select_uses_the_laminar_method_where_it_can_and_says_so() -> None:
    scores, eligible, layout, quotas = random_instance(3, n=40, provinces=6, groups=3, total=8)
    quotas = Quotas(8, np.array([1, 1, 1]), np.array([5, 5, 5]), np.full(6, 3))
    chosen = select(scores, eligible, layout, quotas)
    assert chosen.solver == LAMINAR
    np.testing.assert_array_equal(chosen.selected, select_milp(scores, eligible, layout, quotas))


def test_select_falls_back_on_the_integer_program_for_a_split_province() -> None:
    scores, eligible, layout, quotas = split_instance(4, n=40, provinces=6, groups=3, total=8)
    quotas = Quotas(8, np.array([1, 1, 1]), np.array([5, 5, 5]), np.full(6, 3))
    chosen = select(scores, eligible, layout, quotas)
    assert chosen.solver == MILP
    np.testing.assert_array_equal(chosen.selected, select_milp(scores, eligible, layout, quotas))
    with pytest.raises(NotLaminar):
        select_laminar(scores, eligible, layout, quotas)


def test_laminar_over_many_draws_equals_milp_per_draw() -> None:
    _, eligible, layout, _ = random_instance(5, n=120, provinces=12, groups=4, total=20)
    quotas = Quotas(20, np.array([2, 2, 1, 0]), np.array([9, 8, 10, 6]), np.full(12, 3))
    draws = np.random.default_rng(9).random((25, 120))
    together = select_laminar(draws, eligible, layout, quotas)
    for row, scores in enumerate(draws):
        np.testing.assert_array_equal(together[row], select_milp(scores, eligible, layout, quotas))


def test_equal_scores_are_broken_by_row_order_in_both_methods() -> None:
    layout = make_layout([0, 1], [0, 0, 0, 1, 1, 1])
    scores = np.array([0.5, 0.9, 0.5, 0.5, 0.9, 0.5])
    quotas = Quotas(3, np.array([0, 0]), np.array([3, 3]), np.array([3, 3]))
    eligible = np.ones(6, dtype=bool)
    expected = [True, True, False, False, True, False]  # both 0.9s, then the first 0.5 by row
    np.testing.assert_array_equal(select_milp(scores, eligible, layout, quotas), expected)
    np.testing.assert_array_equal(select_laminar(scores, eligible, layout, quotas)[0], expected)


def test_a_group_minimum_beyond_what_is_available_is_explained() -> None:
    layout = make_layout([0, 1], [0, 0, 0, 1])
    quotas = Quotas(2, np.array([0, 2]), np.array([2, 2]), np.array([3, 3]))
    conflicts = check_quotas(np.ones(4, dtype=bool), layout, quotas)
    assert [(c.kind, c.group, c.needed, c.available) for c in conflicts] == [
        ("group_min_above_available", 1, 2, 1)
    ]


def test_province_caps_count_against_what_a_group_can_give() -> None:
    layout = make_layout([0, 1], [0, 0, 0, 1, 1])
    quotas = Quotas(3, np.array([2, 0]), np.array([3, 3]), np.array([1, 2]))
    conflicts = check_quotas(np.ones(5, dtype=bool), layout, quotas)
    assert conflicts[0].kind == "group_min_above_available"
    assert (conflicts[0].needed, conflicts[0].available) == (2, 1)


def test_minimums_above_the_total_and_an_unreachable_total_are_explained() -> None:
    layout = make_layout([0, 1], [0, 1, 1])
    quotas = Quotas(5, np.array([1, 1]), np.array([1, 1]), np.array([1, 2]))
    kinds = {c.kind for c in check_quotas(np.ones(3, dtype=bool), layout, quotas)}
    assert kinds == {"total_above_reachable"}
    quotas = Quotas(1, np.array([1, 1]), np.array([1, 1]), np.array([1, 2]))
    kinds = {c.kind for c in check_quotas(np.ones(3, dtype=bool), layout, quotas)}
    assert kinds == {"minimums_above_total"}


def test_explanation_names_the_binding_rule() -> None:
    # Group 0 ("Jawa"): provinces 0 and 1; group 1: province 2.
    layout = make_layout([0, 0, 1], [0, 0, 0, 1, 1, 2, 2])
    scores = np.array([0.99, 0.98, 0.97, 0.96, 0.95, 0.10, 0.05])
    eligible = np.array([True, True, True, True, True, True, False])
    quotas = Quotas(3, np.array([0, 1]), np.array([2, 4]), np.array([2, 3, 3]))
    selected = select_milp(scores, eligible, layout, quotas)
    verdicts = explain(scores, eligible, selected, layout, quotas)
    reasons = [(v.reason, v.limit) for v in verdicts]
    assert reasons == [
        ("selected", None),
        ("selected", None),
        ("province_cap", 2),  # third of its province
        ("group_cap", 2),  # Jawa is full
        ("group_cap", 2),
        ("selected_by_minimum", 1),  # the other group's minimum
        ("ineligible", None),
    ]
