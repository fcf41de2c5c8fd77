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
    NumberField,
    PercentField,
    RupiahField,
    VersionField,
    WholeNumberField,
    YearField,
)
from monitoring.evidence import evidence_kind, max_bytes
from monitoring.models import (
    Evidence,
    EvidenceKind,
    Milestone,
    Phase,
    ProgramStage,
    ProgressReport,
    quarter_label,
)


class PairChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.caption or obj.original_name} "
            f"({obj.get_phase_display()}, {obj.report.period_label})"
        )


def add_place_fields(form: forms.BaseForm, program: Any, exclude: int | None = None) -> None:
    """Where a photo was taken when it does not say so itself, picked on the map (or typed),
    and whether it shows the place before or after the work, paired with its counterpart
    among ``program``'s photos."""
    photos = Evidence.objects.filter(
        report__program=program, kind=EvidenceKind.PHOTO, phase__in=Phase.values
    ).select_related("report")
    form.fields.update(
        {
            "latitude": NumberField(
                label=gettext_lazy("Latitude"),
                required=False,
                decimal_places=6,
                min_value=-90,
                max_value=90,
                grouping=False,
                help_text=gettext_lazy("Used when the photo does not carry its own place (EXIF)."),
            ),
            "longitude": NumberField(
                label=gettext_lazy("Longitude"),
                required=False,
                decimal_places=6,
                min_value=-180,
                max_value=180,
                grouping=False,
            ),
            "phase": forms.ChoiceField(
                label=gettext_lazy("Before or after"),
                required=False,
                choices=[("", "–"), *Phase.choices],
            ),
            "pair_with": PairChoice(
                label=gettext_lazy("Paired with"),
                required=False,
                queryset=photos.exclude(pk=exclude) if exclude else photos,
                help_text=gettext_lazy("The photo of the same place before (or after) the work."),
            ),
        }
    )


def clean_place(form: forms.BaseForm, cleaned: dict[str, Any]) -> None:
    if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
        form.add_error(
            "longitude" if cleaned.get("longitude") is None else "latitude",
            _("A place needs both its latitude and its longitude."),
        )
    counterpart = cleaned.get("pair_with")
    if counterpart is not None:
        phase = cleaned.get("phase")
        if not phase:
            form.add_error("phase", _("Say whether this photo shows before or after."))
        elif counterpart.phase == phase:
            form.add_error(
                "pair_with",
                _("Pair a photo before with a photo after: both are “%(phase)s”.")
                % {"phase": counterpart.get_phase_display()},
            )


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
        add_place_fields(self, program)
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

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        clean_place(self, cleaned)
        return cleaned


class EvidenceForm(Form):
    """A photo's place picked on the map, its phase and its pair, changed after the upload."""

    version = VersionField()

    def __init__(self, *args: Any, evidence: Evidence, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"bukti{evidence.pk}")
        # Opened at the photo's current values and version; a disabled field keeps them.
        kwargs.setdefault(
            "initial",
            {
                "latitude": evidence.latitude,
                "longitude": evidence.longitude,
                "phase": evidence.phase,
                "pair_with": evidence.pair_id,
                "version": evidence.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.evidence = evidence
        add_place_fields(self, evidence.report.program, exclude=evidence.pk)
        if evidence.location_source == "exif":
            for name in ("latitude", "longitude"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("From the photo's EXIF.")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        clean_place(self, cleaned)
        return cleaned


class StageForm(ModelForm):
    # The version of the stage when the form was opened; 0 when it was not recorded yet.
    version = VersionField(required=False)

    class Meta:
        model = ProgramStage
        fields = ["stage", "planned_date", "actual_date", "note"]
        widgets = {
            "planned_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "actual_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "actual_date": gettext_lazy("Empty while the stage is not reached."),
        }


class MilestoneForm(ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "weight"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class KpiActualForm(Form):
    kpi = WholeNumberField(widget=forms.HiddenInput)
    year = YearField(label=gettext_lazy("Year"), min_value=2015, max_value=2100)
    value = FloatNumberField(label=gettext_lazy("Actual"))
    # The version of that year's value when the form was opened; 0 when there was none.
    version = VersionField(required=False)
