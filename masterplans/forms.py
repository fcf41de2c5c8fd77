"""Forms of the masterplan editor. Validation messages name the field; years stay in the period."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplans.models import (
    ANSWERABLE_KINDS,
    ELEMENT_DIMENSION,
    AnalysisItem,
    FundingSource,
    Masterplan,
    Program,
    Workshop,
)
from regions.models import Region


class MasterplanCreateForm(forms.ModelForm):
    class Meta:
        model = Masterplan
        fields = ["region", "title", "start_year", "period_years"]

    def __init__(self, *args: Any, regions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions  # type: ignore[attr-defined]


class OverviewForm(forms.ModelForm):
    """The masterplan's head: missions and targets one per line."""

    missions = forms.CharField(
        label=gettext_lazy("Missions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("One mission per line."),
    )
    targets = forms.CharField(
        label=gettext_lazy("Targets"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("One target per line."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Masterplan
        fields = ["title", "start_year", "period_years", "vision", "strategy", "budget_envelope"]
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 2}),
            "strategy": forms.Textarea(attrs={"rows": 4}),
        }

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class AnalysisItemForm(forms.ModelForm):
    class Meta:
        model = AnalysisItem
        fields = ["kind", "dimension", "text", "readiness_ref"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ProgramForm(forms.ModelForm):
    """A program with its budget per year (one source per year) and one KPI with yearly targets."""

    kpi_name = forms.CharField(label=gettext_lazy("KPI"), max_length=200, required=False)
    kpi_unit = forms.CharField(label=gettext_lazy("KPI unit"), max_length=40, required=False)
    kpi_baseline = forms.FloatField(label=gettext_lazy("KPI baseline"), required=False)
    steps = forms.CharField(
        label=gettext_lazy("Action plan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("One step per line."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Program
        fields = [
            "code",
            "dimension",
            "element",
            "title",
            "description",
            "answers",
            "technology",
            "opd",
            "partners",
            "term",
            "start_year",
            "end_year",
            "funding_source",
            "rpjmd_program",
            "is_quick_win",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, masterplan: Masterplan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.masterplan = masterplan
        self.fields["answers"].queryset = masterplan.analysis.filter(  # type: ignore[attr-defined]
            kind__in=ANSWERABLE_KINDS
        )
        for year in masterplan.years:
            self.fields[f"budget_{year}"] = forms.IntegerField(
                label=str(year), min_value=0, required=False
            )
            self.fields[f"budget_source_{year}"] = forms.ChoiceField(
                label=_("Source %(year)s") % {"year": year},
                choices=FundingSource.choices,
                required=False,
            )
            self.fields[f"target_{year}"] = forms.FloatField(label=str(year), required=False)

    @property
    def year_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "year": year,
                "budget": self[f"budget_{year}"],
                "source": self[f"budget_source_{year}"],
                "target": self[f"target_{year}"],
            }
            for year in self.masterplan.years
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dimension, element = data.get("dimension"), data.get("element")
        if dimension and element and ELEMENT_DIMENSION.get(element) != dimension:
            self.add_error("element", _("This element belongs to another dimension."))
        start, end = data.get("start_year"), data.get("end_year")
        first, last = self.masterplan.start_year, self.masterplan.end_year
        for name in ("start_year", "end_year"):
            year = data.get(name)
            if year is not None and not first <= year <= last:
                self.add_error(
                    name,
                    _("Choose a year within the masterplan's period, %(first)s–%(last)s.")
                    % {"first": first, "last": last},
                )
        if start and end and end < start:
            self.add_error("end_year", _("The end year comes before the start year."))
        code = data.get("code")
        if code:
            clash = self.masterplan.programs.filter(code=code).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("code", _("Another program already has this code."))
        for year in self.masterplan.years:
            amount = data.get(f"budget_{year}")
            if amount and start and end and not start <= year <= end:
                self.add_error(
                    f"budget_{year}",
                    _("A budget outside the program's years (%(year)s).") % {"year": year},
                )
        if data.get("kpi_name") and not data.get("kpi_unit"):
            self.add_error("kpi_unit", _("Give the KPI's unit."))
        return data


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    regulation_number = forms.CharField(
        label=gettext_lazy("Perwali/Perbup number"), max_length=120, required=False
    )
    regulation_date = forms.DateField(
        label=gettext_lazy("Perwali/Perbup date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def creatable_regions(user: Any) -> Any:
    """Regions where ``user`` may start a masterplan."""
    from accounts import access

    if access.can(user, "masterplan.create"):
        return Region.objects.order_by("code")
    ids = [
        rid for role, rid in access.roles_of(user) if rid is not None and role == "regional_lead"
    ]
    return Region.objects.filter(pk__in=ids).order_by("code")


class WorkshopForm(forms.ModelForm):
    """A bimtek of a cohort: which of the four, when and where, and what regions bring home."""

    class Meta:
        model = Workshop
        fields = ["number", "start_date", "end_date", "place", "outputs"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "outputs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, cohort: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        taken = Workshop.objects.filter(cohort=self.cohort, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This cohort already has workshop %(number)s.") % {"number": number}
            )
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day is before the first."))
        return data


class AttendanceForm(forms.Form):
    """One region's row at a workshop. Attendees left empty (or 0) are counted from the names."""

    present = forms.BooleanField(label=gettext_lazy("present"), required=False)
    attendees = forms.IntegerField(
        label=gettext_lazy("attendees"), min_value=0, max_value=99, required=False
    )
    names = forms.CharField(
        label=gettext_lazy("names and OPD"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        for field in self.fields.values():
            field.label = f"{region.name}: {field.label}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = [line for line in data.get("names", "").splitlines() if line.strip()]
        attendees = data.get("attendees")
        if not data.get("present"):
            if attendees or names:
                self.add_error(
                    "present",
                    _("%(region)s is marked absent but has attendees: tick present or clear them.")
                    % {"region": self.region.name},
                )
            data["attendees"] = 0
            return data
        if "attendees" in self.errors:
            return data  # not a number: said once is enough
        if not attendees:
            attendees = data["attendees"] = len(names)
        if attendees == 0:
            self.add_error(
                "attendees",
                _("%(region)s is present: give the number of attendees or their names.")
                % {"region": self.region.name},
            )
        elif len(names) > attendees:
            self.add_error(
                "attendees",
                _("%(region)s: %(names)s names are listed but %(attendees)s attendees.")
                % {"region": self.region.name, "names": len(names), "attendees": attendees},
            )
        return data


class AssignmentForm(forms.Form):
    """Assign a person (by user name or e-mail) a role for one region of the cohort."""

    region = forms.ModelChoiceField(label=gettext_lazy("Region"), queryset=Region.objects.none())
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    person = forms.CharField(
        label=gettext_lazy("User name or e-mail"),
        max_length=254,
        help_text=gettext_lazy(
            "The person needs an account first: the national administrator creates it."
        ),
    )

    def __init__(self, *args: Any, regions: Any, roles: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["role"].choices = roles  # type: ignore[attr-defined]

    def clean_person(self) -> Any:
        from masterplans.mentoring import find_person

        person = find_person(self.cleaned_data["person"])
        if person is None:
            raise forms.ValidationError(_("No active account has this user name or e-mail."))
        return person
