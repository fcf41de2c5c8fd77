from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluation.index import COMPONENTS, DEFAULT_WEIGHTS
from evaluation.models import Component, Rubric


class RubricForm(forms.ModelForm):
    class Meta:
        model = Rubric
        fields = ["year", "title", "scale_max"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An open evaluation's year is its address; its scale stays once scoring began.
            self.fields["year"].disabled = True
            if self.instance.scale_is_fixed():
                self.fields["scale_max"].disabled = True
                self.fields["scale_max"].help_text = gettext_lazy(
                    "Fixed: regions and assessors have scored on this scale."
                )
        weights = (self.instance.weights if self.instance.pk else None) or DEFAULT_WEIGHTS
        for value, label in Component.choices:
            self.fields[f"weight_{value}"] = forms.IntegerField(
                label=gettext_lazy("Weight: %(component)s") % {"component": label},
                min_value=0,
                max_value=100,
                initial=weights.get(value, 0),
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
        return data


def score_field(scale_max: int, label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=scale_max,
        decimal_places=2,
        max_digits=5,
        required=False,
    )
