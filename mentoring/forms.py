"""Forms of mentoring: a cohort's workshops (bimtek), each region's attendance, and who
mentors which region."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.fields import Form, ModelForm, VersionField, WholeNumberField
from mentoring.models import Section, Workshop
from regions.models import Region


class WorkshopForm(ModelForm):
    """A bimtek of a cohort: which of the four, when and where, and what regions bring home."""

    class Meta:
        model = Workshop
        fields = ["number", "start_date", "end_date", "place", "outputs"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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


class AttendanceForm(Form):
    """One region's row at a workshop. Attendees left empty (or 0) are counted from the names."""

    present = forms.BooleanField(label=gettext_lazy("present"), required=False)
    attendees = WholeNumberField(
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


class AssignmentForm(Form):
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
        from mentoring.services import find_person

        person = find_person(self.cleaned_data["person"])
        if person is None:
            raise forms.ValidationError(_("No active account has this user name or e-mail."))
        return person


class SessionForm(Form):
    """A bimtek stage as held for one region."""

    start_date = forms.DateField(
        label=gettext_lazy("start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end_date = forms.DateField(
        label=gettext_lazy("end date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=gettext_lazy("place"), max_length=200)
    mentors = forms.MultipleChoiceField(
        label=gettext_lazy("mentors"), required=False, widget=forms.CheckboxSelectMultiple
    )
    agenda = forms.CharField(
        label=gettext_lazy("agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    outputs = forms.CharField(
        label=gettext_lazy("expected output"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    section = forms.ChoiceField(
        label=gettext_lazy("feeds the masterplan section"), choices=Section.choices
    )
    version = VersionField()

    def __init__(self, *args: Any, mentors: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentors"].choices = mentors  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day is before the first."))
        return data


class MinutesForm(Form):
    minutes = forms.FileField(
        label=gettext_lazy("minutes (PDF, JPEG or PNG)"),
        help_text=gettext_lazy("The minutes (notulen) of the session, signed or as sent."),
    )

    def clean_minutes(self) -> Any:
        from monitoring.evidence import evidence_kind

        upload = self.cleaned_data["minutes"]
        evidence_kind(upload)
        return upload
