"""Forms of the steps from the ranking to the MoU."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enrolment.models import ChangeAction, Criterion, Invitation
from kotacerdas.fields import Form, NumberField, VersionField, WholeNumberField

MAX_CRITERIA = 10


class InviteForm(Form):
    count = WholeNumberField(
        label=gettext_lazy("regions to invite"),
        min_value=1,
        max_value=514,
        help_text=gettext_lazy(
            "The regions the ranking and quotas selected, then the next ones by rank. The "
            "program has invited three to four times the regions it selects."
        ),
    )


class InvitationChangeForm(Form):
    region = forms.ChoiceField(label=gettext_lazy("region"))
    action = forms.ChoiceField(
        label=gettext_lazy("change"), choices=ChangeAction.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=gettext_lazy("reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "—"), *regions]  # type: ignore[attr-defined]


class PanelForm(Form):
    """The scoring sheet (one row per criterion: name, weight, highest score) and the panel."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    members = forms.MultipleChoiceField(
        label=gettext_lazy("panel of assessors"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, assessors: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = assessors  # type: ignore[attr-defined]
        for i in range(MAX_CRITERIA):
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("criterion %(n)s") % {"n": i + 1}, required=False, max_length=200
            )
            self.fields[f"weight_{i}"] = WholeNumberField(
                label=_("weight"), required=False, min_value=1, max_value=100
            )
            self.fields[f"max_{i}"] = WholeNumberField(
                label=_("highest score"), required=False, min_value=1, max_value=100
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"name": self[f"name_{i}"], "weight": self[f"weight_{i}"], "max": self[f"max_{i}"]}
            for i in range(MAX_CRITERIA)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        criteria = []
        for i in range(MAX_CRITERIA):
            name = (data.get(f"name_{i}") or "").strip()
            weight, top = data.get(f"weight_{i}"), data.get(f"max_{i}")
            if not name and weight is None and top is None:
                continue
            if not name:
                self.add_error(f"name_{i}", _("Name the criterion."))
            if weight is None:
                self.add_error(f"weight_{i}", _("Give the criterion a weight."))
            if top is None:
                self.add_error(f"max_{i}", _("Give the highest score."))
            if name and weight is not None and top is not None:
                criteria.append((name, int(weight), int(top)))
        if not criteria and not self.errors:
            self.add_error("name_0", _("Give the sheet at least one criterion."))
        data["criteria"] = criteria
        return data

    @staticmethod
    def initial_for(criteria: list[Criterion], members: list[int], version: str) -> dict[str, Any]:
        initial: dict[str, Any] = {"members": [str(m) for m in members], "version": version}
        for i, c in enumerate(criteria):
            initial.update({f"name_{i}": c.name, f"weight_{i}": c.weight, f"max_{i}": c.max_score})
        return initial


class ScheduleForm(Form):
    interview_at = forms.DateTimeField(
        label=gettext_lazy("interview at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    interview_place = forms.CharField(
        label=gettext_lazy("place or meeting link"), required=False, max_length=200
    )
    version = VersionField()


class SheetForm(Form):
    """An assessor's scores on each criterion, with notes."""

    notes = forms.CharField(
        label=gettext_lazy("notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    version = VersionField()

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"c{c.pk}"] = NumberField(
                label=f"{c.name} (0–{c.max_score})",
                required=False,
                min_value=0,
                max_value=c.max_score,
                decimal_places=2,
            )

    def criterion_fields(self) -> list[Any]:
        return [self[f"c{c.pk}"] for c in self.criteria]

    def scores(self) -> dict[str, Any]:
        return {str(c.pk): self.cleaned_data.get(f"c{c.pk}") for c in self.criteria}


class DecisionForm(Form):
    number = forms.CharField(
        label=gettext_lazy("letter number"),
        max_length=120,
        help_text=gettext_lazy("As on the letter announcing the result (surat penyampaian hasil)."),
    )
    date = forms.DateField(
        label=gettext_lazy("letter date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    signatory = forms.CharField(label=gettext_lazy("signed by"), max_length=120)
    signatory_title = forms.CharField(
        label=gettext_lazy("position of the signatory"), max_length=200
    )
    selected = forms.MultipleChoiceField(
        label=gettext_lazy("regions selected"), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=gettext_lazy("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Needed when the selection differs from the panel's proposal."),
    )

    def __init__(self, *args: Any, invitations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = invitations  # type: ignore[attr-defined]


class AgreementForm(Form):
    signed_on = forms.DateField(
        label=gettext_lazy("signed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=gettext_lazy("place of signing"), max_length=120)
    number = forms.CharField(
        label=gettext_lazy("MoU number"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("As on the signed memorandum of understanding (nota kesepakatan)."),
    )
    region_signatory = forms.CharField(
        label=gettext_lazy("signed for the region by"), max_length=120
    )
    ministry_signatory = forms.CharField(
        label=gettext_lazy("signed for the ministry by"), max_length=120
    )
    scan = forms.FileField(
        label=gettext_lazy("signed scan (PDF, JPEG or PNG)"),
        help_text=gettext_lazy("The MoU as signed, scanned: it is kept with the record."),
    )

    def clean_scan(self) -> Any:
        from monitoring.evidence import evidence_kind

        scan = self.cleaned_data["scan"]
        evidence_kind(scan)  # ValidationError naming the file: wrong type, empty, too large
        return scan


def invitation_label(invitation: Invitation) -> str:
    return f"{invitation.region.name} ({invitation.region.province.name})"
