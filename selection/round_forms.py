"""The round editor: base fields plus one weight per indicator and the quotas per island group.

The JSON fields of SelectionRound (weights, quotas, eligibility) are edited as ordinary inputs.
"""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from kotacerdas.fields import (
    FloatNumberField,
    Form,
    ModelForm,
    NumberField,
    VersionField,
    WholeNumberField,
)
from regions.models import IslandGroup, Region
from selection.models import Indicator, RoundMethod, SelectionRound
from selection.rounds import ROUND_FIELDS, THRESHOLD_OPS, round_problems

THRESHOLD_ROWS = 3


class RoundForm(ModelForm):
    province_max = WholeNumberField(label=_("At most per province"), min_value=1, required=False)
    exclude_previous = forms.BooleanField(
        label=_("Leave out regions selected in earlier published rounds"), required=False
    )
    excluded = forms.ModelMultipleChoiceField(
        label=_("Leave out by hand"),
        queryset=Region.objects.filter(autonomous=True).select_related("province").order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Choose by name; hold Ctrl (⌘ on a Mac) to choose several."),
        error_messages={"invalid_choice": _("Choose regions from the list.")},
    )
    version = VersionField(required=False)

    class Meta:
        model = SelectionRound
        fields = list(ROUND_FIELDS)
        help_texts = {
            "name": _("As it will be published, e.g. “Gerakan Menuju Smart City 2027”."),
            "year": _("The year the cohort is mentored (bimtek) and writes its masterplan."),
            "total": _("How many kota/kabupaten the round selects."),
            "method": _("How the indicators are combined into one score."),
            "normalization": _("How each indicator is brought to a common scale before weighting."),
            "indicator_year": _(
                "The year of the indicator values; an older published value is carried forward "
                "and shown so on the round's page."
            ),
            "imputation": _(
                "What a missing value becomes; the regions filled are listed on the round's page."
            ),
            "sensitivity_draws": _(
                "How many random weight sets test the ranking (0: none); more is slower."
            ),
            "program_target": _("How many regions the movement aims to reach in all."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Historical rounds record announced lists; they are not made in the editor.
        self.fields["method"] = forms.ChoiceField(
            label=_("method"),
            choices=[c for c in RoundMethod.choices if c[0] != RoundMethod.HISTORICAL],
            help_text=self.Meta.help_texts["method"],
        )
        self.fields["sensitivity_draws"].validators.append(MaxValueValidator(50_000))
        instance: SelectionRound = self.instance
        self.indicators = list(Indicator.objects.all())
        for indicator in self.indicators:
            self.fields[f"weight_{indicator.code}"] = NumberField(
                label=indicator.name,
                min_value=0,
                max_value=100,
                decimal_places=3,
                required=False,
                initial=instance.weights.get(indicator.code, 0),
            )
        quotas = instance.quotas or {}
        for group in IslandGroup:
            self.fields[f"min_{group.value}"] = WholeNumberField(
                label=group.label,
                min_value=0,
                required=False,
                initial=quotas.get("group_min", {}).get(group.value, 0),
            )
            self.fields[f"max_{group.value}"] = WholeNumberField(
                label=group.label,
                min_value=0,
                required=False,
                initial=quotas.get("group_max", {}).get(group.value),
            )
        self.fields["province_max"].initial = quotas.get("province_max")
        eligibility = instance.eligibility or {}
        self.fields["exclude_previous"].initial = eligibility.get("exclude_previous", False)
        self.fields["excluded"].initial = list(eligibility.get("excluded", []))
        self.fields["excluded"].label_from_instance = _region_label  # type: ignore[attr-defined]
        choices = [("", "—")] + [(i.code, i.name) for i in self.indicators]
        rules = eligibility.get("thresholds", [])
        for row in range(THRESHOLD_ROWS):
            rule = rules[row] if row < len(rules) else {}
            self.fields[f"rule_{row}_indicator"] = forms.ChoiceField(
                label=_("Indicator"),
                choices=choices,
                required=False,
                initial=rule.get("indicator", ""),
            )
            self.fields[f"rule_{row}_op"] = forms.ChoiceField(
                label=_("Condition"),
                choices=[(op, op) for op in THRESHOLD_OPS],
                required=False,
                initial=rule.get("op", ">="),
            )
            self.fields[f"rule_{row}_value"] = FloatNumberField(
                label=_("Value"), required=False, initial=rule.get("value")
            )
        self.fields["version"].initial = instance.version

    def round_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{i.code}"] for i in self.indicators]

    def quota_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(g.label, self[f"min_{g.value}"], self[f"max_{g.value}"]) for g in IslandGroup]

    def rule_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"rule_{r}_indicator"], self[f"rule_{r}_op"], self[f"rule_{r}_value"])
            for r in range(THRESHOLD_ROWS)
        ]

    def clean_excluded(self) -> list[str]:
        return sorted(region.code for region in self.cleaned_data["excluded"] or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weights = {i.code: float(data.get(f"weight_{i.code}") or 0) for i in self.indicators}
        total = data.get("total") or 0
        self.json = {
            "weights": {code: w for code, w in weights.items() if w > 0},
            "quotas": {
                "group_min": {
                    g.value: data.get(f"min_{g.value}") or 0
                    for g in IslandGroup
                    if data.get(f"min_{g.value}")
                },
                "group_max": {
                    g.value: data[f"max_{g.value}"]
                    for g in IslandGroup
                    if data.get(f"max_{g.value}") is not None
                },
                "province_max": data.get("province_max") or total,
            },
            "eligibility": {
                "exclude_previous": bool(data.get("exclude_previous")),
                "excluded": data.get("excluded") or [],
                "thresholds": [
                    {
                        "indicator": data[f"rule_{r}_indicator"],
                        "op": data[f"rule_{r}_op"],
                        "value": data[f"rule_{r}_value"],
                    }
                    for r in range(THRESHOLD_ROWS)
                    if data.get(f"rule_{r}_indicator") and data.get(f"rule_{r}_value") is not None
                ],
            },
        }
        if "total" in data:  # the total's own error is shown already
            for name, message in round_problems(
                weights=self.json["weights"], quotas=self.json["quotas"], total=total
            ):
                self.add_error(self._field_of(name), message)
        return data

    def _field_of(self, name: str) -> str | None:
        """The form's field for a field of ``round_problems`` (None: the form as a whole)."""
        field = {"weights.": "weight_", "quotas.group_max.": "max_", "quotas.group_min.": "min_"}
        for prefix, form_prefix in field.items():
            if name.startswith(prefix) and form_prefix + name[len(prefix) :] in self.fields:
                return form_prefix + name[len(prefix) :]
        return name if name in self.fields else None

    def apply(self) -> SelectionRound:
        """The round with the form's values, not saved."""
        selection_round: SelectionRound = self.instance
        for name in self.Meta.fields:
            setattr(selection_round, name, self.cleaned_data[name])
        selection_round.weights = self.json["weights"]
        selection_round.quotas = self.json["quotas"]
        selection_round.eligibility = self.json["eligibility"]
        return selection_round


def _region_label(obj: Any) -> str:
    return f"{obj.name} ({obj.province.name})"


class RegionChoice(forms.ModelChoiceField):
    """A region picked by its name (its province beside it: twins share a name); the posted
    value stays its Kemendagri code."""

    def label_from_instance(self, obj: Any) -> str:
        return _region_label(obj)


class OverrideForm(Form):
    region = RegionChoice(
        label=_("Region"),
        queryset=Region.objects.select_related("province").order_by("name"),
        to_field_name="code",
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("add", _("add to the selection")), ("remove", _("remove from the selection"))],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError(_("Write the committee's reason (at least 10 characters)."))
        return str(reason)
