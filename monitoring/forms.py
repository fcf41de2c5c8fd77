from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.fields import (
    FloatNumberField,
    Form,
    ModelForm,
    PercentField,
    RupiahField,
    VersionField,
    WholeNumberField,
    YearField,
)
from monitoring.evidence import evidence_kind, max_bytes
from monitoring.models import Milestone, ProgressReport, quarter_label


class ReportForm(ModelForm):
    evidence = forms.FileField(
        label=gettext_lazy("Evidence (photo or PDF)"),
        required=False,
        help_text=gettext_lazy("JPEG, PNG or PDF."),
    )
    caption = forms.CharField(label=gettext_lazy("Caption"), max_length=200, required=False)
    percent_entered = PercentField(
        label=ProgressReport._meta.get_field("percent_entered").verbose_name, required=False
    )
    budget_realised = RupiahField(
        label=ProgressReport._meta.get_field("budget_realised").verbose_name, required=False
    )
    # The version of the quarter's report when the form was opened; 0 when there was none.
    version = VersionField(required=False)

    class Meta:
        model = ProgressReport
        fields = ["year", "quarter", "status", "percent_entered", "budget_realised", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, program: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["evidence"].help_text = _("JPEG, PNG or PDF, at most %(size)s.") % {
            "size": filesizeformat(max_bytes())
        }
        self.fields["quarter"].widget = forms.Select(
            choices=[(q, quarter_label(q)) for q in range(1, 5)]
        )
        if program.progress_mode == "milestones":
            self.fields["percent_entered"].disabled = True
            self.fields["percent_entered"].help_text = gettext_lazy(
                "Follows the milestones done by the end of the quarter."
            )

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if not self.program.start_year <= year <= self.program.end_year:
            raise ValidationError(
                gettext_lazy("The program runs %(start)s–%(end)s.")
                % {"start": self.program.start_year, "end": self.program.end_year}
            )
        return year

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload:
            self.evidence_kind = evidence_kind(upload)
        return upload


class MilestoneForm(ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "weight"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


class KpiActualForm(Form):
    kpi = WholeNumberField(widget=forms.HiddenInput)
    year = YearField(label=gettext_lazy("Year"), min_value=2015, max_value=2100)
    value = FloatNumberField(label=gettext_lazy("Actual"))
    # The version of that year's value when the form was opened; 0 when there was none.
    version = VersionField(required=False)
