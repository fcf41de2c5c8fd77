"""Forms of the readiness pages: a questionnaire item, and a region's answers and scores."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.fields import Form, ModelForm, VersionField
from readiness.models import SCALE_MAX, Answer, Item
from readiness.services import AnswerIn, ScoreIn

SCORES = [("", "–")] + [(str(n), str(n)) for n in range(SCALE_MAX + 1)]


class ItemForm(ModelForm):
    """A question of the cohort's questionnaire: its part and aspect, text, evidence, weight."""

    version = VersionField(required=False)

    class Meta:
        model = Item
        fields = ["part", "subpart", "text", "guidance", "weight"]
        help_texts = {
            "part": gettext_lazy(
                "Struktur: people, budget, governance. Infrastruktur: physical, digital, social. "
                "Suprastruktur: policies, regional regulations, institutions, procedures."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None


class AssessmentForm(Form):
    """The grid of a region's assessment: per item, the region's score, answer and evidence
    (its team, until submitted) and the assessor's score and note. Only what the person may
    fill is a field; the rest is not touched."""

    version = VersionField(
        error_messages={"required": gettext_lazy("This form is out of date: reload the page.")}
    )

    def __init__(
        self,
        *args: Any,
        items: list[Item],
        answers: dict[int, Answer],
        can_answer: bool,
        can_score: bool,
        version: int,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.items, self.can_answer, self.can_score = items, can_answer, can_score
        self.fields["version"].initial = version
        for item in items:
            answer = answers.get(item.pk)
            if can_answer:
                self.fields[f"self_{item.pk}"] = _score(
                    f"{item.text} ({_('self-assessment')})", getattr(answer, "self_score", None)
                )
                self.fields[f"answer_{item.pk}"] = forms.CharField(
                    label=f"{_('Answer')}: {item.text}",
                    max_length=3000,
                    required=False,
                    initial=getattr(answer, "answer", ""),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.fields[f"evidence_{item.pk}"] = forms.CharField(
                    label=f"{_('Evidence')}: {item.text}",
                    max_length=500,
                    required=False,
                    initial=getattr(answer, "evidence", ""),
                    widget=forms.TextInput(attrs={"placeholder": _("Evidence (document or link)")}),
                )
            if can_score:
                self.fields[f"score_{item.pk}"] = _score(
                    f"{item.text} ({_('assessor')})", getattr(answer, "assessor_score", None)
                )
                self.fields[f"note_{item.pk}"] = forms.CharField(
                    label=f"{_('Note')}: {item.text}",
                    max_length=3000,
                    required=False,
                    initial=getattr(answer, "assessor_note", ""),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def answers(self) -> list[AnswerIn]:
        data = self.cleaned_data
        if not self.can_answer:
            return []
        return [
            AnswerIn(i.pk, data[f"self_{i.pk}"], data[f"answer_{i.pk}"], data[f"evidence_{i.pk}"])
            for i in self.items
        ]

    def scores(self) -> list[ScoreIn]:
        data = self.cleaned_data
        if not self.can_score:
            return []
        return [ScoreIn(i.pk, data[f"score_{i.pk}"], data[f"note_{i.pk}"]) for i in self.items]

    def row(self, item: Item) -> dict[str, list[forms.BoundField]]:
        """The region's fields and the assessor's fields of one item (empty when not theirs)."""

        def bound(*names: str) -> list[forms.BoundField]:
            return [
                self[f"{name}_{item.pk}"] for name in names if f"{name}_{item.pk}" in self.fields
            ]

        return {"region": bound("self", "answer", "evidence"), "assessor": bound("score", "note")}


def _score(label: str, initial: int | None) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        initial=initial,
    )
