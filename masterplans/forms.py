"""Forms of the masterplan editor. Validation messages name the field; years stay in the period."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.fields import (
    FloatNumberField,
    Form,
    ModelForm,
    RupiahField,
    VersionField,
    examples,
)
from masterplans.editing import EDITABLE_PROGRAM_FIELDS, KpiContent, ProgramContent
from masterplans.models import (
    ANSWERABLE_KINDS,
    ELEMENT_DIMENSION,
    ActionStep,
    AnalysisItem,
    BudgetLine,
    FundingSource,
    Kpi,
    Masterplan,
    Program,
)


class MasterplanCreateForm(ModelForm):
    class Meta:
        model = Masterplan
        fields = ["region", "title", "start_year", "period_years"]

    def __init__(self, *args: Any, regions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions  # type: ignore[attr-defined]


class OverviewForm(ModelForm):
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
    budget_envelope = RupiahField(
        label=Masterplan._meta.get_field("budget_envelope").verbose_name,
        help_text=Masterplan._meta.get_field("budget_envelope").help_text,
        required=False,
    )
    version = VersionField()

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


class AnalysisItemForm(ModelForm):
    class Meta:
        model = AnalysisItem
        fields = ["kind", "dimension", "text", "readiness_ref"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ProgramForm(ModelForm):
    """A program's own fields. Its budget lines, KPIs and action plan are the formsets of
    ``ProgramEditor`` below."""

    version = VersionField(required=False)

    class Meta:
        model = Program
        fields = list(EDITABLE_PROGRAM_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, masterplan: Masterplan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.masterplan = masterplan
        self.fields["answers"].queryset = masterplan.analysis.filter(  # type: ignore[attr-defined]
            kind__in=ANSWERABLE_KINDS
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

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
        return data


def _year_choices(years: range) -> list[tuple[Any, str]]:
    return [("", "–")] + [(year, str(year)) for year in years]


class BudgetLineForm(ModelForm):
    """One budget line: a year, a funding source and an amount in Rupiah."""

    class Meta:
        model = BudgetLine
        fields = ["year", "source", "amount"]

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"), choices=_year_choices(years), coerce=int, empty_value=None
        )
        self.fields["amount"] = RupiahField(label=_("Budget (Rp)"))
        # The table says once what the sources are (below it), not once per row.
        self.fields["source"].help_text = ""


class KpiForm(ModelForm):
    """A KPI of the program with its target for every year of the masterplan."""

    class Meta:
        model = Kpi
        fields = ["name", "unit", "baseline"]

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        targets = {t.year: t.value for t in self.instance.targets.all()} if self.instance.pk else {}
        for year in years:
            self.fields[f"target_{year}"] = FloatNumberField(
                label=_("Target %(year)s") % {"year": year},
                required=False,
                initial=targets.get(year),
            )

    def targets(self) -> list[forms.BoundField]:
        return [self[f"target_{year}"] for year in self.years]


class StepForm(ModelForm):
    """A step of the action plan, with the year it is done in if known."""

    class Meta:
        model = ActionStep
        fields = ["text", "year"]

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            choices=_year_choices(years),
            coerce=int,
            empty_value=None,
            required=False,
        )


BudgetFormSet = forms.inlineformset_factory(
    Program, BudgetLine, form=BudgetLineForm, extra=2, can_delete=True
)
KpiFormSet = forms.inlineformset_factory(Program, Kpi, form=KpiForm, extra=1, can_delete=True)
StepFormSet = forms.inlineformset_factory(
    Program, ActionStep, form=StepForm, extra=2, can_delete=True
)


class ProgramEditor:
    """The whole program as one form: its fields, every budget line (year × source × amount),
    every KPI with its yearly targets, and every step of the action plan.

    What the editor shows is what it saves; posted back unchanged it changes nothing.
    """

    def __init__(self, data: Any = None, *, masterplan: Masterplan, program: Program) -> None:
        years = masterplan.years
        self.masterplan, self.program = masterplan, program
        self.form = ProgramForm(data, instance=program, masterplan=masterplan)
        self.budget = BudgetFormSet(
            data,
            instance=program,
            prefix="budget",
            queryset=BudgetLine.objects.order_by("year", "source"),
            form_kwargs={"years": years},
        )
        self.kpis = KpiFormSet(
            data,
            instance=program,
            prefix="kpi",
            queryset=Kpi.objects.prefetch_related("targets"),
            form_kwargs={"years": years},
        )
        self.steps = StepFormSet(
            data,
            instance=program,
            prefix="step",
            queryset=ActionStep.objects.order_by("position", "pk"),
            form_kwargs={"years": years},
        )

    @property
    def money_examples(self) -> str:
        return examples(money=True)

    @property
    def parts(self) -> list[Any]:
        return [self.form, self.budget, self.kpis, self.steps]

    @property
    def errors(self) -> bool:
        return any(
            bool(part.errors if part is self.form else part.total_error_count())
            for part in self.parts
        )

    def is_valid(self) -> bool:
        valid = all([part.is_valid() for part in self.parts])
        return self._check_rows() and valid

    def _check_rows(self) -> bool:
        """Rules across rows: one line per year and source, within the program's years."""
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        start, end = data.get("start_year"), data.get("end_year")
        seen: dict[tuple[int, str], int] = {}
        ok = True
        for row, form in enumerate(self._kept(self.budget), start=1):
            year, source = form.cleaned_data.get("year"), form.cleaned_data.get("source")
            if year is None or not source:
                continue
            if (year, source) in seen:
                form.add_error(
                    "source",
                    _(
                        "%(source)s %(year)s is already on line %(line)s: add the amounts in "
                        "one line."
                    )
                    % {
                        "source": FundingSource(source).label,
                        "year": year,
                        "line": seen[(year, source)],
                    },
                )
                ok = False
            seen.setdefault((year, source), row)
            if start and end and not start <= year <= end:
                form.add_error(
                    "year",
                    _("A budget outside the program's years (%(year)s).") % {"year": year},
                )
                ok = False
        return ok

    @staticmethod
    def _kept(formset: Any) -> list[Any]:
        """The rows that stay: filled in, not marked for removal."""
        return [
            form
            for form in formset.forms
            if hasattr(form, "cleaned_data")
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
        ]

    def content(self) -> ProgramContent:
        data = self.form.cleaned_data
        return ProgramContent(
            fields={name: data[name] for name in ProgramForm.Meta.fields},
            budget={
                (f.cleaned_data["year"], f.cleaned_data["source"]): f.cleaned_data["amount"]
                for f in self._kept(self.budget)
            },
            kpis=[
                KpiContent(
                    id=f.instance.pk,
                    name=f.cleaned_data["name"],
                    unit=f.cleaned_data["unit"],
                    baseline=f.cleaned_data.get("baseline"),
                    targets={
                        year: value
                        for year in f.years
                        if (value := f.cleaned_data.get(f"target_{year}")) is not None
                    },
                )
                for f in self._kept(self.kpis)
            ],
            steps=[
                (f.cleaned_data["text"], f.cleaned_data.get("year")) for f in self._kept(self.steps)
            ],
        )


class TransitionForm(Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    regulation_number = forms.CharField(
        label=gettext_lazy("Perwali/Perbup number"),
        max_length=120,
        required=False,
        help_text=Masterplan._meta.get_field("regulation_number").help_text,
    )
    regulation_date = forms.DateField(
        label=gettext_lazy("Perwali/Perbup date"),
        required=False,
        help_text=Masterplan._meta.get_field("regulation_date").help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def creatable_regions(user: Any) -> Any:
    """Regions where ``user`` may start a masterplan."""
    from accounts import access

    return access.regions_for(user, "masterplan.create").order_by("code")
