from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.fields import Form, ModelForm
from participation.models import PublicComment, Section


class CommentForm(Form):
    section = forms.ChoiceField(label=_("Part"), choices=Section.choices, initial=Section.WHOLE)
    program: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Program (optional)"), queryset=None, required=False
    )
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args: Any, masterplan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = masterplan.programs.all()  # type: ignore[attr-defined]


class PublicCommentForm(ModelForm):
    # A field people never see: a bot filling every field fills this one too.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = PublicComment
        fields = ["name", "email", "section", "program", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, masterplan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = masterplan.programs.all()  # type: ignore[attr-defined]
        self.fields["program"].required = False
        self.fields["email"].required = True
        self.fields["website"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1", "class": "honeypot"}
        )


class OpenConsultationForm(Form):
    closes_at = forms.DateField(
        label=_("Open until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    intro = forms.CharField(
        label=_("Invitation to residents"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )
