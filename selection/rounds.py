"""Selection rounds: gather the inputs, run the engine, store, publish, reproduce.

A round's inputs are frozen into a JSON snapshot (regions, values, weights, quotas,
eligibility) with its SHA-256. Computing from the snapshot is deterministic, so a published
round can be recomputed at any time and must give the same result hash.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.versioning import StaleEdit, changes_since
from kotacerdas.errors import DomainError
from regions.models import IslandGroup, Province, Region
from selection.engine.explain import explain
from selection.engine.format1 import select_format1
from selection.engine.methods import METHODS, SAW
from selection.engine.normalization import normalize_matrix
from selection.engine.quota import InfeasibleQuotas, Layout, Quotas, select
from selection.engine.sensitivity import analyse
from selection.models import (
    DEMO_SOURCE,
    Imputation,
    Indicator,
    IndicatorValue,
    RoundMethod,
    RoundOverride,
    RoundResult,
    RoundStatus,
    SelectionRound,
)

GROUPS = [choice.value for choice in IslandGroup]
# 2: regions chosen by ``quota.select`` (strict score order, exact ties by row). Rounds of
# format 1 keep the integer program they were chosen by (``engine.format1``).
SNAPSHOT_FORMAT = 2
SENSITIVITY_SEED = 2017
THRESHOLD_OPS = {
    ">=": np.greater_equal,
    "<=": np.less_equal,
    ">": np.greater,
    "<": np.less,
    "==": np.equal,
}


class RoundError(DomainError):
    """A round that cannot be computed, published or changed as asked; ``problems`` gives
    every reason, each one a detail about the ``round``."""

    code = "round_error"
    status = 422

    def __init__(
        self,
        problems: list[str],
        *,
        message: str = "",
        details: list[dict[str, str]] | None = None,
    ) -> None:
        if details is None:
            details = [{"field": "round", "message": p} for p in problems]
        super().__init__(message or " ".join(problems), details=details)
        self.problems = problems


class RoundInvalid(RoundError):
    """Settings no round can be computed with, each problem with the field it is about."""

    code = "invalid"

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(
            [message for _field, message in problems],
            message=_("The request has invalid fields."),
            details=[{"field": field, "message": message} for field, message in problems],
        )
        self.fields = problems


class RoundPublished(RoundError):
    """A published round no longer changes."""

    code = "published"
    status = 409

    def __init__(self) -> None:
        super().__init__([_("A published round cannot be changed.")], details=[])


def round_problems(*, weights: Any, quotas: Any, total: int) -> list[tuple[str, str]]:
    """Every reason these settings cannot make a round, as (field, message), fields named as
    in the API (``weights.kkd``, ``quotas.group_max.jawa``). The one rule for the round form
    and the API: both call it (the form in its ``clean``, the API through ``round_save``)."""
    if not isinstance(weights, dict):
        return [("weights", _("Give the weights as indicator code and weight."))]
    known = set(Indicator.objects.values_list("code", flat=True))
    problems = [
        (f"weights.{code}", _("Unknown indicator.")) for code in weights if code not in known
    ]
    for code, weight in weights.items():
        if not isinstance(weight, int | float) or isinstance(weight, bool) or weight != weight:
            problems.append((f"weights.{code}", _("A weight is a number.")))
        elif weight < 0:
            problems.append((f"weights.{code}", _("A weight cannot be negative.")))
    if not problems and not any(weight > 0 for weight in weights.values()):
        problems.append(("weights", _("Give at least one indicator a weight above zero.")))
    quotas = quotas if isinstance(quotas, dict) else {}
    group_min, group_max = quotas.get("group_min") or {}, quotas.get("group_max") or {}
    for group, high in group_max.items():
        if high is not None and (group_min.get(group) or 0) > high:
            problems.append((f"quotas.group_max.{group}", _("The maximum is below the minimum.")))
    if total is None or total < 1:
        problems.append(("total", _("Choose at least one region.")))
    return problems


def canonical_hash(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def previously_selected(selection_round: SelectionRound) -> dict[str, str]:
    """Region code → name of the earlier published round that selected it."""
    found: dict[str, str] = {}
    earlier = (
        SelectionRound.objects.published()
        .exclude(pk=selection_round.pk)
        .filter(year__lte=selection_round.year)
    )
    for other in earlier.order_by("year", "pk"):
        for code in final_selection(other):
            found.setdefault(code, other.name)
    return found


def final_selection(selection_round: SelectionRound) -> list[str]:
    """Codes selected after the committee's overrides."""
    chosen = set(
        selection_round.results.filter(selected=True).values_list("region__code", flat=True)
    )
    for override in selection_round.overrides.select_related("region"):
        if override.action == "add":
            chosen.add(override.region.code)
        else:
            chosen.discard(override.region.code)
    return sorted(chosen)


class Found(NamedTuple):
    value: float
    year: int
    demo: bool


def _values(indicators: list[Indicator], year: int) -> dict[tuple[int, int], Found]:
    """(region id, indicator id) → the value a round of ``year`` uses, with its year and
    whether it is demo: the latest published value at or before ``year`` (of any year for an
    indicator that does not vary by year), carried forward; else the demo value of ``year``."""
    found: dict[tuple[int, int], Found] = {}
    rows = (
        IndicatorValue.objects.current()
        .filter(indicator__in=indicators)
        .filter(Q(year__lte=year) | Q(indicator__varies_by_year=False))
        .order_by("year", "source", "pk")  # the first of equals wins, on every database
        .values_list("region_id", "indicator_id", "source", "value", "year")
    )
    for region_id, indicator_id, source, value, value_year in rows:
        is_demo = source == DEMO_SOURCE
        if is_demo and value_year != year:
            continue
        key = (region_id, indicator_id)
        kept = found.get(key)
        if kept is None or (not is_demo, value_year) > (not kept.demo, kept.year):
            found[key] = Found(value, value_year, is_demo)
    return found


def _provenance(
    indicators: list[Indicator],
    regions: list[Region],
    found: dict[tuple[int, int], Found],
    missing: list[tuple[Region, Indicator]],
) -> dict[str, Any]:
    """What the round's values are, per indicator: how many of each year (a year before the
    round's is carried forward), how many demo, and which regions had none (imputed)."""
    years: dict[str, dict[str, int]] = {i.code: {} for i in indicators}
    demo: dict[str, int] = {i.code: 0 for i in indicators}
    for region in regions:
        for indicator in indicators:
            item = found.get((region.pk, indicator.pk))
            if item is None or not indicator.applies_to_kind(region.kind):
                continue
            counts = years[indicator.code]
            counts[str(item.year)] = counts.get(str(item.year), 0) + 1
            demo[indicator.code] += item.demo
    imputed: dict[str, list[str]] = {}
    for region, indicator in missing:
        imputed.setdefault(indicator.code, []).append(region.code)
    return {"value_years": years, "value_demo": demo, "imputed": imputed}


def build_snapshot(selection_round: SelectionRound) -> dict[str, Any]:
    """Everything the computation needs, frozen. Raises RoundError on unusable inputs."""
    weights = {code: float(w) for code, w in selection_round.weights.items() if float(w) > 0}
    indicators = list(Indicator.objects.filter(code__in=weights))
    unknown = sorted(set(weights) - {i.code for i in indicators})
    problems = [_("Unknown indicator in the weights: %(code)s.") % {"code": c} for c in unknown]
    if not indicators:
        problems.append(_("Give at least one indicator a weight above zero."))
    if problems:
        raise RoundError(problems)

    eligibility = selection_round.eligibility or {}
    thresholds = eligibility.get("thresholds", [])
    by_code = {
        i.code: i
        for i in Indicator.objects.filter(
            code__in=[*weights, *(rule["indicator"] for rule in thresholds)]
        )
    }
    for rule in thresholds:
        if rule.get("indicator") not in by_code or rule.get("op") not in THRESHOLD_OPS:
            problems.append(_("Unusable eligibility rule: %(rule)s.") % {"rule": rule})
    if problems:
        raise RoundError(problems)

    # Only autonomous regions are candidates: never DKI Jakarta's administrative ones.
    regions = list(Region.objects.autonomous().select_related("province").order_by("code"))
    provinces = list(Province.objects.order_by("code"))
    province_index = {p.pk: i for i, p in enumerate(provinces)}
    found = _values(list(by_code.values()), selection_round.indicator_year)
    values = {key: item.value for key, item in found.items()}

    matrix: list[list[float | None]] = []
    applicable: list[list[bool]] = []
    missing = []
    for region in regions:
        row: list[float | None] = []
        applies: list[bool] = []
        for indicator in indicators:
            applies.append(indicator.applies_to_kind(region.kind))
            value = values.get((region.pk, indicator.pk)) if applies[-1] else None
            if applies[-1] and value is None:
                missing.append((region, indicator))
            row.append(value)
        matrix.append(row)
        applicable.append(applies)
    if missing and selection_round.imputation == Imputation.NONE:
        sample = ", ".join(f"{r.name} ({i.code})" for r, i in missing[:8])
        raise RoundError(
            [
                _(
                    "%(count)s values of %(year)s are missing, e.g. %(sample)s. Import them "
                    "or choose how missing values are filled."
                )
                % {"count": len(missing), "year": selection_round.indicator_year, "sample": sample}
            ]
        )

    excluded = set(eligibility.get("excluded", []))
    previous = previously_selected(selection_round) if eligibility.get("exclude_previous") else {}
    reasons = []
    for region in regions:
        reason = ""
        if region.code in excluded:
            reason = "excluded"
        elif region.code in previous:
            reason = f"previous:{previous[region.code]}"
        else:
            for rule in thresholds:
                # A region without a value for the rule's indicator is not judged by it.
                value = values.get((region.pk, by_code[rule["indicator"]].pk))
                if value is not None and not THRESHOLD_OPS[rule["op"]](value, rule["value"]):
                    reason = f"threshold:{rule['indicator']} {rule['op']} {rule['value']}"
                    break
        reasons.append(reason)

    quotas = selection_round.quotas or {}
    total = selection_round.total
    return {
        "format": SNAPSHOT_FORMAT,
        "method": selection_round.method,
        "normalization": selection_round.normalization,
        "imputation": selection_round.imputation,
        "indicator_year": selection_round.indicator_year,
        "total": total,
        "draws": selection_round.sensitivity_draws,
        "seed": SENSITIVITY_SEED,
        "criteria": [i.code for i in indicators],
        "cost": [i.direction == "cost" for i in indicators],
        "weights": [weights[i.code] for i in indicators],
        "regions": [r.code for r in regions],
        "province": [province_index[r.province_id] for r in regions],
        "province_codes": [p.code for p in provinces],
        "province_group": [GROUPS.index(p.island_group) for p in provinces],
        "groups": GROUPS,
        "group_min": [int(quotas.get("group_min", {}).get(g, 0)) for g in GROUPS],
        "group_max": [int(quotas.get("group_max", {}).get(g, total)) for g in GROUPS],
        "province_max": int(quotas.get("province_max") or total),
        "values": matrix,
        "applicable": applicable,
        "ineligible": reasons,
        **_provenance(list(by_code.values()), regions, found, missing),
    }


@dataclass(frozen=True)
class Outcome:
    rows: list[dict[str, Any]]
    result_hash: str


def snapshot_layout(snapshot: dict[str, Any]) -> Layout:
    """The island group and province of each region of a snapshot."""
    province_group = np.array(snapshot["province_group"], dtype=np.intp)
    province = np.array(snapshot["province"], dtype=np.intp)
    return Layout(group=province_group[province], province=province, province_group=province_group)


def compute(snapshot: dict[str, Any], *, with_sensitivity: bool = True) -> Outcome:
    """Run the engine on a snapshot. Pure: the same snapshot gives the same outcome."""
    codes = snapshot["regions"]
    raw = np.array(
        [[np.nan if v is None else v for v in row] for row in snapshot["values"]], dtype=np.float64
    )
    # Not applicable (the IKB of a kabupaten) stays out; missing is filled as the round chose.
    applicable = np.array(snapshot["applicable"], dtype=bool)
    cost = np.array(snapshot["cost"], dtype=bool)
    raw = _impute(raw, applicable, cost, snapshot["imputation"])
    normalized = normalize_matrix(np.nan_to_num(raw), applicable, cost, snapshot["normalization"])
    weights = np.array(snapshot["weights"], dtype=np.float64)
    method = METHODS[snapshot["method"]]
    scores = method.score(normalized, weights)
    eligible = np.array([not reason for reason in snapshot["ineligible"]], dtype=bool)
    layout = snapshot_layout(snapshot)
    quotas = Quotas(
        snapshot["total"],
        np.array(snapshot["group_min"], dtype=np.intp),
        np.array(snapshot["group_max"], dtype=np.intp),
        np.full(len(snapshot["province_codes"]), snapshot["province_max"], dtype=np.intp),
    )
    try:
        # The laminar method for the registry's layout; which ran: ``selection_tags.solver``.
        if snapshot["format"] < 2:
            selected = select_format1(scores, eligible, layout, quotas)
        else:
            selected = select(scores, eligible, layout, quotas).selected
    except InfeasibleQuotas as exc:
        raise RoundError([describe_conflict(c, snapshot) for c in exc.conflicts]) from exc
    verdicts = explain(scores, eligible, selected, layout, quotas)
    contributions = (
        SAW.contributions(normalized, weights)
        if snapshot["method"] == "saw"
        else np.nan_to_num(normalized) * weights / weights.sum()
    )
    sensitivity = None
    if with_sensitivity and snapshot["draws"] > 0:
        sensitivity = analyse(
            normalized,
            method,
            weights,
            eligible,
            layout,
            quotas,
            draws=snapshot["draws"],
            seed=snapshot["seed"],
        )
    rows = []
    for i, code in enumerate(codes):
        rows.append(
            {
                "region": code,
                "eligible": bool(eligible[i]),
                "ineligible_reason": snapshot["ineligible"][i],
                "rank": verdicts[i].rank,
                "score": round(float(scores[i]), 12),
                "selected": bool(selected[i]),
                "reason": verdicts[i].reason,
                "reason_limit": verdicts[i].limit,
                "probability": round(float(sensitivity.probability_selected[i]), 6)
                if sensitivity
                else None,
                "rank_low": float(sensitivity.rank_low[i]) if sensitivity else None,
                "rank_high": float(sensitivity.rank_high[i]) if sensitivity else None,
                "contributions": {
                    c: round(float(contributions[i, j]), 9)
                    for j, c in enumerate(snapshot["criteria"])
                    if not np.isnan(normalized[i, j])
                },
            }
        )
    hashed = [
        {
            k: r[k]
            for k in ("region", "eligible", "rank", "score", "selected", "reason", "probability")
        }
        for r in rows
    ]
    return Outcome(rows, canonical_hash(hashed))


def _impute(raw: np.ndarray, applicable: np.ndarray, cost: np.ndarray, how: str) -> np.ndarray:
    if how == "none":
        return raw
    filled = raw.copy()
    for column in range(raw.shape[1]):
        gaps = applicable[:, column] & np.isnan(raw[:, column])
        known = raw[applicable[:, column] & ~np.isnan(raw[:, column]), column]
        if gaps.any() and len(known):
            worst = known.max() if cost[column] else known.min()
            filled[gaps, column] = np.median(known) if how == "median" else worst
    return filled


def describe_conflict(conflict: Any, snapshot: dict[str, Any]) -> str:
    group = snapshot["groups"][conflict.group] if conflict.group is not None else ""
    label = dict(IslandGroup.choices).get(group, group)
    messages = {
        "group_min_above_max": _(
            "%(group)s: the minimum (%(needed)s) is above the maximum (%(available)s)."
        ),
        "group_min_above_available": _(
            "%(group)s: the minimum asks for %(needed)s regions, but only %(available)s "
            "eligible regions fit under the province maximum."
        ),
        "total_above_reachable": _(
            "%(needed)s regions are asked for, but the island-group maxima and the province "
            "maximum allow at most %(available)s."
        ),
        "minimums_above_total": _(
            "The island-group minima add up to %(needed)s, more than the %(available)s "
            "regions to select."
        ),
    }
    template = messages.get(conflict.kind, _("The quotas cannot all be met."))
    return template % {"group": label, "needed": conflict.needed, "available": conflict.available}


def _store(selection_round: SelectionRound, outcome: Outcome) -> None:
    regions = dict(Region.objects.values_list("code", "pk"))
    selection_round.results.all().delete()
    RoundResult.objects.bulk_create(
        [
            RoundResult(
                round=selection_round,
                region_id=regions[row["region"]],
                **{k: v for k, v in row.items() if k != "region"},
            )
            for row in outcome.rows
        ],
        batch_size=1000,
    )


# A round's settings: the fields its editor shows as they are, and those it builds.
ROUND_FIELDS = (
    "name",
    "year",
    "total",
    "method",
    "normalization",
    "indicator_year",
    "imputation",
    "sensitivity_draws",
    "program_target",
)
ROUND_SETTINGS = (*ROUND_FIELDS, "weights", "quotas", "eligibility")


def _settings(selection_round: SelectionRound) -> dict[str, Any]:
    """A round's settings with every default spelled out, so that two ways of writing the
    same settings (a weight of 1 or 1.0, no quotas or empty ones) compare equal."""
    settings = {name: getattr(selection_round, name) for name in ROUND_SETTINGS}
    settings["weights"] = {k: float(v) for k, v in (selection_round.weights or {}).items() if v}
    quotas = selection_round.quotas or {}
    settings["quotas"] = {
        "group_min": {k: v for k, v in (quotas.get("group_min") or {}).items() if v},
        "group_max": dict(quotas.get("group_max") or {}),
        "province_max": quotas.get("province_max") or selection_round.total,
    }
    eligibility = selection_round.eligibility or {}
    settings["eligibility"] = {
        "exclude_previous": bool(eligibility.get("exclude_previous")),
        "excluded": sorted(eligibility.get("excluded") or []),
        "thresholds": list(eligibility.get("thresholds") or []),
    }
    return settings


def round_save(*, selection_round: SelectionRound, base_version: int | None) -> SelectionRound:
    """Save a round's settings as the editor gives them (``selection_round`` carries them,
    unsaved). A new round is created as a draft. An existing one must still be at
    ``base_version`` (StaleEdit otherwise); settings that change nothing write nothing, so a
    computed round keeps its result; changed settings make it a draft again. Settings that
    cannot make a round raise RoundInvalid (``round_problems``), nothing written.
    """
    problems = round_problems(
        weights=selection_round.weights,
        quotas=selection_round.quotas,
        total=selection_round.total,
    )
    if problems:
        raise RoundInvalid(problems)
    if selection_round.pk is None:
        selection_round.save()
        return selection_round
    with transaction.atomic():
        current = SelectionRound.objects.select_for_update().get(pk=selection_round.pk)
        if current.is_published:
            raise RoundPublished
        if base_version is None or current.version != base_version:
            changes, by = changes_since(current, base_version or 0)
            raise StaleEdit(current.version, base_version, changes, by)
        if _settings(current) == _settings(selection_round):
            return current
        for name in ROUND_SETTINGS:
            setattr(current, name, getattr(selection_round, name))
        current.status = RoundStatus.DRAFT
        current.version += 1
        current.save()
        current.results.all().delete()
    return current


def round_compute(*, selection_round: SelectionRound) -> SelectionRound:
    """Freeze the inputs, run the engine and store the result (status: computed)."""
    if selection_round.is_published:
        raise RoundError([_("A published round cannot be computed again.")])
    if selection_round.method == RoundMethod.HISTORICAL:
        raise RoundError([_("A historical round records an announced list; it is not computed.")])
    snapshot = build_snapshot(selection_round)
    outcome = compute(snapshot)
    with transaction.atomic():
        _store(selection_round, outcome)
        selection_round.input_snapshot = snapshot
        selection_round.input_hash = canonical_hash(snapshot)
        selection_round.result_hash = outcome.result_hash
        selection_round.status = RoundStatus.COMPUTED
        selection_round.computed_at = timezone.now()
        selection_round.version += 1
        selection_round.save()
    return selection_round


def round_publish(*, selection_round: SelectionRound) -> SelectionRound:
    """Make a computed round final: from now on nothing about it changes."""
    if selection_round.status != RoundStatus.COMPUTED:
        raise RoundError([_("Only a computed round can be published.")])
    selection_round.status = RoundStatus.PUBLISHED
    selection_round.published_at = timezone.now()
    selection_round.version += 1
    # The guard in save() looks at the stored status, which is still "computed".
    selection_round.save()
    return selection_round


def round_reproduces(selection_round: SelectionRound) -> bool:
    """Recompute from the frozen inputs: the same inputs hash and the same result hash."""
    snapshot = selection_round.input_snapshot
    if not snapshot:
        return False
    return (
        canonical_hash(snapshot) == selection_round.input_hash
        and compute(snapshot).result_hash == selection_round.result_hash
    )


def round_override(
    *, selection_round: SelectionRound, region: Region, action: str, reason: str, user: Any
) -> RoundOverride:
    if selection_round.is_published:
        raise RoundPublished
    if not reason.strip():
        raise RoundError([_("An override needs a written reason.")])
    if action == "add" and not region.autonomous:
        raise RoundError(
            [
                _("%(region)s is not an autonomous region: it cannot be selected.")
                % {"region": region.name}
            ]
        )
    override, _created = RoundOverride.objects.update_or_create(
        round=selection_round,
        region=region,
        defaults={"action": action, "reason": reason.strip(), "decided_by": user},
    )
    return override
