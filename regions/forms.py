from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.fields import Form, ModelForm, VersionField
from regions.models import IslandGroup, Province, Region, RegionKind, RegionQuerySet

# The region list's "in the program, whatever the cohort" choice.
PROGRAM_ANY = "ya"


class RegionFilterForm(Form):
    """The region list's search box and filters; every field optional, bad values ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("All provinces"),
    )
    island_group = forms.ChoiceField(
        label=_("Island group"),
        required=False,
        choices=[("", _("All island groups")), *IslandGroup.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Kota and kabupaten")), *RegionKind.choices],
    )
    frontier = forms.BooleanField(
        label=_("Only regions with outermost small islands"), required=False
    )
    program = forms.ChoiceField(label=_("Smart city program"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from enrolment.movement import cohort_choices

        program = cast(forms.ChoiceField, self.fields["program"])
        program.choices = [
            ("", _("In the program or not")),
            (PROGRAM_ANY, _("In the program (any cohort)")),
            *((str(pk), name) for pk, name in cohort_choices()),
        ]

    def program_partial(self) -> str:
        """When the list shows a cohort (or every cohort) only partly known by name: what is
        known against the official count; else empty."""
        if not self.is_valid() or not self.cleaned_data["program"]:
            return ""
        from enrolment.movement import movement

        board = movement()
        if self.cleaned_data["program"] == PROGRAM_ANY:
            return board.label if board.partial else ""
        chosen = int(self.cleaned_data["program"])
        count = next((c for c in board.cohorts if c.round.pk == chosen), None)
        return count.label if count is not None and count.partial else ""

    def filter(self, queryset: RegionQuerySet) -> RegionQuerySet:
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        queryset = queryset.search(data["q"])
        if data["province"]:
            queryset = queryset.filter(province=data["province"])
        if data["island_group"]:
            queryset = queryset.in_island_group(data["island_group"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["frontier"]:
            queryset = queryset.frontier()
        if data["program"]:
            from enrolment.services import program_members

            cohort = None if data["program"] == PROGRAM_ANY else int(data["program"])
            queryset = queryset.filter(pk__in=list(program_members(cohort)))
        return queryset


PROFILE_FIELDS = ["website", "contact_email", "description"]


class RegionProfileForm(ModelForm):
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )
    # The version the editor started from; a save from an older one is refused.
    version = VersionField(min_value=1)

    class Meta:
        model = Region
        fields = PROFILE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
