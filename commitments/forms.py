"""Forms of a region's commitments: a body's SK with its members (rows), the commitment
statement, the contact persons (rows). A row left empty is no row: clearing one removes it."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments.models import Body, Contact, MemberRole, Statement
from commitments.services import ContactInput, MemberInput
from kotacerdas.fields import Form, VersionField

MAX_ROWS = 200
OPD_HELP = gettext_lazy("OPD: the regional government agency the person works in, e.g. Bappeda.")


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _scan_field(label: Any, help_text: Any) -> forms.FileField:
    return forms.FileField(label=label, required=False, help_text=help_text)


def _checked_scan(upload: Any) -> Any:
    from monitoring.evidence import evidence_kind

    if upload:
        evidence_kind(upload)  # ValidationError naming the file: wrong type, empty, too large
    return upload or None


def _rows(formset: Any) -> list[dict[str, Any]]:
    """The rows filled in, in order."""
    return [
        form.cleaned_data
        for form in formset.forms
        if hasattr(form, "cleaned_data") and form.cleaned_data.get("name")
    ]


class BodyForm(Form):
    decree_number = forms.CharField(
        label=gettext_lazy("SK number"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("As on the decree, e.g. 050/Kep.123-Diskominfo/2024."),
    )
    decree_date = _date_field(gettext_lazy("SK date"))
    decree_scan = _scan_field(
        gettext_lazy("SK scan (PDF, JPEG or PNG)"),
        gettext_lazy("The signed decree, scanned. Leave empty to keep the one recorded."),
    )
    version = VersionField()

    def clean_decree_scan(self) -> Any:
        return _checked_scan(self.cleaned_data.get("decree_scan"))


def _record_id() -> forms.IntegerField:
    """Which stored record a row shows: a cleared row removes that one, not whichever is last."""
    return forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class MemberForm(Form):
    id = _record_id()
    name = forms.CharField(label=gettext_lazy("name"), required=False, max_length=200)
    role_in_body = forms.ChoiceField(
        label=gettext_lazy("role in the body"),
        required=False,
        choices=[("", "—"), *MemberRole.choices],
    )
    opd = forms.CharField(
        label=gettext_lazy("OPD"),
        required=False,
        max_length=200,
        help_text=OPD_HELP,
        # Said once beside the table (id "opd-help"), not once per row.
        widget=forms.TextInput(attrs={"aria-describedby": "opd-help"}),
    )
    position = forms.CharField(label=gettext_lazy("position"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = ("name", "role_in_body", "opd", "position")
        if any((data.get(name) or "").strip() for name in texts) or self.errors:
            if not (data.get("name") or "").strip() and "name" not in self.errors:
                self.add_error("name", _("Name the member, or clear the row."))
            if not data.get("role_in_body") and "role_in_body" not in self.errors:
                self.add_error("role_in_body", _("Choose the member's role."))
        return data


MemberFormSet = forms.formset_factory(
    MemberForm, extra=3, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
)


class BodyEditor:
    """A body as one form: its SK and every member, one row each."""

    def __init__(self, data: Any = None, files: Any = None, *, body: Body | None) -> None:
        self.form = BodyForm(
            data,
            files,
            initial={
                "decree_number": body.decree_number if body else "",
                "decree_date": body.decree_date if body else None,
                "version": body.version if body else 0,
            },
        )
        self.members = MemberFormSet(
            data,
            prefix="members",
            initial=[
                {
                    "id": m.pk,
                    "name": m.name,
                    "role_in_body": m.role_in_body,
                    "opd": m.opd,
                    "position": m.position,
                }
                for m in (body.members.order_by("order", "pk") if body else [])
            ],
        )

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or self.members.total_error_count() > 0

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.members.is_valid()])

    def member_inputs(self) -> list[MemberInput]:
        return [
            MemberInput(
                row["name"], row["role_in_body"], row["opd"], row["position"], id=row.get("id")
            )
            for row in _rows(self.members)
        ]


class StatementForm(Form):
    text = forms.CharField(
        label=gettext_lazy("commitment statement"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("The text the region head signed, as signed."),
    )
    signed_by = forms.CharField(
        label=gettext_lazy("signed by"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Name and position, e.g. the Wali Kota or Bupati."),
    )
    signed_on = _date_field(gettext_lazy("signed on"))
    scan = _scan_field(
        gettext_lazy("signed scan (PDF, JPEG or PNG)"),
        gettext_lazy("The statement as signed, scanned. Leave empty to keep the one recorded."),
    )
    version = VersionField()

    def clean_scan(self) -> Any:
        return _checked_scan(self.cleaned_data.get("scan"))

    @staticmethod
    def initial_for(statement: Statement | None) -> dict[str, Any]:
        if statement is None:
            return {"version": 0}
        return {
            "text": statement.text,
            "signed_by": statement.signed_by,
            "signed_on": statement.signed_on,
            "version": statement.version,
        }


phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{5,38}$",
    gettext_lazy("Write the phone number in digits, e.g. 0812 3456 7890 or +62 22 423 4567."),
)


class ContactForm(Form):
    id = _record_id()
    name = forms.CharField(label=gettext_lazy("name"), required=False, max_length=200)
    position = forms.CharField(label=gettext_lazy("position"), required=False, max_length=200)
    opd = forms.CharField(
        label=gettext_lazy("OPD"),
        required=False,
        max_length=200,
        help_text=OPD_HELP,
        # Said once beside the table (id "opd-help"), not once per row.
        widget=forms.TextInput(attrs={"aria-describedby": "opd-help"}),
    )
    email = forms.EmailField(label=gettext_lazy("e-mail"), required=False, max_length=254)
    phone = forms.CharField(
        label=gettext_lazy("phone"), required=False, max_length=40, validators=[phone_number]
    )
    primary = forms.BooleanField(label=gettext_lazy("primary contact"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = ("name", "position", "opd", "email", "phone")
        if any((data.get(name) or "").strip() for name in texts) or self.errors:
            if not (data.get("name") or "").strip() and "name" not in self.errors:
                self.add_error("name", _("Name the contact person, or clear the row."))
            if not data.get("email") and not data.get("phone") and not self.errors:
                self.add_error("email", _("Give an e-mail address or a phone number."))
        return data


class BaseContactFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if sum(bool(row.get("primary")) for row in _rows(self)) > 1:
            raise ValidationError(_("Mark one contact person as the primary one."))


ContactFormSet = forms.formset_factory(
    ContactForm,
    formset=BaseContactFormSet,
    extra=2,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS,
)


class ContactsForm(Form):
    version = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ContactsEditor:
    """Every contact person, one row each, and the version of the list."""

    def __init__(self, data: Any = None, *, contacts: list[Contact], version: str) -> None:
        self.form = ContactsForm(data, initial={"version": version})
        self.contacts = ContactFormSet(
            data,
            prefix="contacts",
            initial=[
                {"id": c.pk, **{name: getattr(c, name) for name in Contact.FIELDS}}
                for c in contacts
            ],
        )

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or self.contacts.total_error_count() > 0

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.contacts.is_valid()])

    def contact_inputs(self) -> list[ContactInput]:
        return [
            ContactInput(
                row["name"],
                row["position"],
                row["opd"],
                row["email"],
                row["phone"],
                bool(row.get("primary")),
                id=row.get("id"),
            )
            for row in _rows(self.contacts)
        ]
