import pytest
from django.core.management import call_command

from regions.models import Region
from selection.models import (
    IndicatorValue,
    PublishedRoundError,
    RoundStatus,
    SelectionRound,
)
from selection.rounds import (
    RoundError,
    build_snapshot,
    compute,
    final_selection,
    round_compute,
    round_override,
    round_publish,
    round_reproduces,
)
from selection.tests.factories import make_round

pytestmark = pytest.mark.django_db


def test_a_round_computes_a_selection_within_its_quotas(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(selection_round=make_round())
    assert selection_round.status == RoundStatus.COMPUTED
    chosen = selection_round.results.filter(selected=True).select_related("region__province")
    assert chosen.count() == 50
    groups = [r.region.province.island_group for r in chosen]
    assert groups.count("jawa") <= 15
    assert groups.count("papua") >= 2 and groups.count("maluku") >= 2
    per_province: dict[str, int] = {}
    for r in chosen:
        per_province[r.region.province.code] = per_province.get(r.region.province.code, 0) + 1
    assert max(per_province.values()) <= 4
    assert selection_round.results.count() == 508  # the autonomous regions
    probabilities = selection_round.results.values_list("probability", flat=True)
    assert sum(probabilities) == pytest.approx(50)


def test_a_kabupaten_is_scored_without_the_sustainable_city_index(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(selection_round=make_round())
    kabupaten = selection_round.results.get(region__code="32.04")
    assert set(kabupaten.contributions) == {"kkd", "kinerja"}
    assert sum(kabupaten.contributions.values()) == pytest.approx(kabupaten.score)


def test_a_published_round_is_immutable(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    selection_round.total = 10
    with pytest.raises(PublishedRoundError):
        selection_round.save()
    with pytest.raises(RoundError):
        round_compute(selection_round=SelectionRound.objects.get(pk=selection_round.pk))
    with pytest.raises(RoundError):
        round_override(
            selection_round=selection_round,
            region=Region.objects.get(code="32.73"),
            action="add",
            reason="x",
            user=None,
        )


def test_a_published_round_recomputes_to_the_same_hash(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    # Later imports change nothing about the frozen inputs.
    IndicatorValue.objects.filter(indicator__code="kkd").update(value=0)
    stored = SelectionRound.objects.get(pk=selection_round.pk)
    assert round_reproduces(stored)
    assert compute(stored.input_snapshot).result_hash == stored.result_hash


def test_a_tampered_snapshot_does_not_reproduce(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(selection_round=make_round())
    selection_round.input_snapshot["weights"][0] = 0.9
    assert not round_reproduces(selection_round)


def test_regions_selected_earlier_can_be_excluded(indicator_values) -> None:  # type: ignore[no-untyped-def]
    call_command("load_history", verbosity=0)
    selection_round = round_compute(
        selection_round=make_round(eligibility={"exclude_previous": True})
    )
    bandung = selection_round.results.get(region__code="32.73")
    assert not bandung.eligible and not bandung.selected
    assert bandung.ineligible_reason.startswith("previous:")
    # Every region named in an earlier cohort (the 2017-2024 files: 115), none other.
    assert selection_round.results.filter(eligible=False).count() == 115
    assert selection_round.results.get(region__code="75.03").eligible  # named, never signed


def test_thresholds_and_hand_exclusions_make_regions_ineligible(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(
        selection_round=make_round(
            eligibility={
                "thresholds": [{"indicator": "kkd", "op": ">=", "value": 1.0}],
                "excluded": ["32.75"],
            }
        )
    )
    low = IndicatorValue.objects.filter(
        indicator__code="kkd", value__lt=1.0, region__autonomous=True
    ).values_list("region__code", flat=True)
    ineligible = set(
        selection_round.results.filter(eligible=False).values_list("region__code", flat=True)
    )
    assert ineligible == set(low) | {"32.75"}


def test_infeasible_quotas_are_explained(indicator_values) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RoundError) as failure:
        round_compute(
            selection_round=make_round(quotas={"group_min": {"papua": 30}, "province_max": 4})
        )
    assert "Papua" in failure.value.problems[0]
    assert "24" in failure.value.problems[0]  # 6 provinces x 4


def test_missing_values_are_an_error_unless_the_round_imputes(indicator_values) -> None:  # type: ignore[no-untyped-def]
    IndicatorValue.objects.filter(region__code="32.73", indicator__code="kkd").delete()
    with pytest.raises(RoundError) as failure:
        round_compute(selection_round=make_round())
    assert "Kota Bandung (kkd)" in failure.value.problems[0]
    selection_round = round_compute(selection_round=make_round(imputation="median"))
    assert selection_round.results.get(region__code="32.73").score is not None


def test_an_override_needs_a_reason_and_changes_the_final_list(indicator_values) -> None:  # type: ignore[no-untyped-def]
    selection_round = round_compute(selection_round=make_round())
    outside = selection_round.results.filter(selected=False, eligible=True).first()
    with pytest.raises(RoundError):
        round_override(
            selection_round=selection_round,
            region=outside.region,
            action="add",
            reason="  ",
            user=None,
        )
    round_override(
        selection_round=selection_round,
        region=outside.region,
        action="add",
        reason="Komitmen kepala daerah sangat kuat",
        user=None,
    )
    assert outside.region.code in final_selection(selection_round)
    assert len(final_selection(selection_round)) == 51


def test_the_2017_cohort_is_a_published_historical_round() -> None:
    call_command("load_history", verbosity=0)
    call_command("load_history", verbosity=0)
    cohort = SelectionRound.objects.get(year=2017)
    assert cohort.is_published and cohort.method == "historical"
    assert len(final_selection(cohort)) == 25
    assert "32.73" in final_selection(cohort)


def test_unknown_weights_are_refused(indicator_values) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RoundError):
        build_snapshot(make_round(weights={"apbd": 1}))


def test_verify_rounds_recomputes_every_published_round(indicator_values, capsys) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import CommandError

    selection_round = round_publish(selection_round=round_compute(selection_round=make_round()))
    call_command("verify_rounds")
    assert "OK" in capsys.readouterr().out
    SelectionRound.objects.filter(pk=selection_round.pk).update(result_hash="0" * 64)
    with pytest.raises(CommandError):
        call_command("verify_rounds")
