from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluation.index import COMPONENTS, default_weights
from evaluation.models import CATALOGUE_CATEGORIES, CUSTOM_PREFIX, Component, Rubric
from kotacerdas.fields import Form, ModelForm, NumberField, VersionField, WholeNumberField
from masterplans.models import Dimension

# What each component of the index looks at, beside its weight.
COMPONENT_HELP: dict[str, Any] = {
    Component.BASELINE: gettext_lazy("Where the region started, before its programs."),
    Component.OUTPUT: gettext_lazy("What the programs delivered: services, systems, facilities."),
    Component.OUTCOME: gettext_lazy("What changed for residents and the government."),
    Component.IMPACT: gettext_lazy("The lasting effect on the region's life and economy."),
    Component.QUICK_WIN: gettext_lazy("Whether the quick wins were delivered within two years."),
}


class RubricForm(ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Rubric
        fields = ["year", "title", "scale_max"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            # An open evaluation's year is its address; its scale stays once scoring began.
            self.fields["year"].disabled = True
            if self.instance.scale_is_fixed():
                self.fields["scale_max"].disabled = True
                self.fields["scale_max"].help_text = gettext_lazy(
                    "Fixed: regions and assessors have scored on this scale."
                )
        if self.instance.pk:
            weights = self.instance.weights
        else:
            year = self.initial.get("year") or timezone.localdate().year
            self.fields["year"].initial = year
            weights = default_weights(year)
        from evaluation.results import award_categories

        chosen = self.instance.award_categories if self.instance.pk else CATALOGUE_CATEGORIES
        self.fields["categories"] = forms.MultipleChoiceField(
            label=gettext_lazy("award categories proposed from the evaluation"),
            choices=award_categories(),
            required=False,
            initial=[c for c in chosen if c in CATALOGUE_CATEGORIES],
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["other_categories"] = forms.CharField(
            label=gettext_lazy("other award categories of this year"),
            help_text=gettext_lazy(
                "One per line; the jury awards them without a proposal from the scores."
            ),
            required=False,
            max_length=2000,
            initial="\n".join(
                c.removeprefix(CUSTOM_PREFIX) for c in chosen if c.startswith(CUSTOM_PREFIX)
            ),
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        for value, label in Component.choices:
            self.fields[f"weight_{value}"] = WholeNumberField(
                label=gettext_lazy("Weight: %(component)s") % {"component": label},
                min_value=0,
                max_value=100,
                initial=weights.get(value, 0),
                help_text=COMPONENT_HELP[value],
            )

        self.order_fields(
            ["year", "title", "scale_max", *[f"weight_{c}" for c in COMPONENTS], "categories"]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weights = {c: data.get(f"weight_{c}") or 0 for c in COMPONENTS}
        if sum(weights.values()) != 100:
            raise ValidationError(
                _("The weights add up to %(total)s; they must add up to 100.")
                % {"total": sum(weights.values())}
            )
        data["weights"] = weights
        others = [line.strip() for line in (data.get("other_categories") or "").splitlines()]
        if any(len(name) > 60 for name in others):
            self.add_error("other_categories", _("A category's name has at most 60 characters."))
        data["award_categories"] = [
            *[c for c in CATALOGUE_CATEGORIES if c in (data.get("categories") or [])],
            *dict.fromkeys(CUSTOM_PREFIX + name for name in others if name),
        ]
        if not data["award_categories"]:
            self.add_error("categories", _("Choose at least one award category."))
        return data


def score_field(scale_max: int, label: str) -> NumberField:
    return NumberField(
        label=label,
        min_value=0,
        max_value=scale_max,
        decimal_places=2,
        max_digits=5,
        required=False,
    )


NOTE_LENGTH = 2000


class ScoreGridForm(Form):
    """The scoring grid of one region: per dimension and component, the region's own score
    (its team) and the assessor's score and note (the assessor assigned to it).

    Only the columns the person may fill are fields: what the form does not show, it does not
    touch. ``version`` is the grid's version when it was opened (no lost update).
    """

    version = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": gettext_lazy("This form is out of date: reload the page.")},
    )

    def __init__(
        self,
        *args: Any,
        rubric: Rubric,
        cells: dict[tuple[str, str], Any],
        can_self: bool,
        can_score: bool,
        version: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rubric, self.cells_at_open = rubric, cells
        self.can_self, self.can_score = can_self, can_score
        self.fields["version"].initial = version
        self.cell_names: dict[str, tuple[str, str, str]] = {}
        components = dict(Component.choices)
        for dim, dim_label in Dimension.choices:
            for comp in Component.values:
                where = f"{dim_label} · {components[comp]}"
                score = cells.get((dim, comp))
                columns = []
                if can_self:
                    columns.append(("self_score", f"self_{dim}_{comp}", _("self-assessment")))
                if can_score:
                    columns.append(("assessor_score", f"assessor_{dim}_{comp}", _("assessor")))
                for attribute, name, who in columns:
                    field = score_field(rubric.scale_max, f"{where} ({who})")
                    field.initial = getattr(score, attribute, None)
                    self.fields[name] = field
                    self.cell_names[name] = (dim, comp, attribute)
                if can_score:
                    name = f"assessor_note_{dim}_{comp}"
                    self.fields[name] = forms.CharField(
                        label=f"{where} ({_('note')})",
                        max_length=NOTE_LENGTH,
                        required=False,
                        initial=getattr(score, "assessor_note", ""),
                        widget=forms.TextInput(attrs={"placeholder": _("Note")}),
                    )
                    self.cell_names[name] = (dim, comp, "assessor_note")

    def cells(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The cleaned values by (dimension, component), as ``scores_save`` takes them."""
        cells: dict[tuple[str, str], dict[str, Any]] = {}
        for name, (dim, comp, attribute) in self.cell_names.items():
            cells.setdefault((dim, comp), {})[attribute] = self.cleaned_data.get(name)
        return cells

    def cell(self, dim: str, comp: str) -> dict[str, forms.BoundField | None]:
        """The bound fields of one cell, for the template."""
        return {
            "self": self[f"self_{dim}_{comp}"] if f"self_{dim}_{comp}" in self.fields else None,
            "assessor": self[f"assessor_{dim}_{comp}"]
            if f"assessor_{dim}_{comp}" in self.fields
            else None,
            "note": self[f"assessor_note_{dim}_{comp}"]
            if f"assessor_note_{dim}_{comp}" in self.fields
            else None,
        }
