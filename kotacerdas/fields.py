"""Form fields for numbers and money as people type them (``kotacerdas.numbers``).

Every number a person types goes through ``NumberField`` or one of its kinds: a text input with
``inputmode="decimal"`` (Chromium's ``type="number"`` drops ``400.000.000``'s second dot and the
decimal comma while the person types), read in the page's language, refused with a message that
names the field and shows the accepted forms, and written back in the same language so that a
form posted back unchanged changes nothing. ``AsTyped`` turns the number fields Django makes
for model fields into these, so a form cannot forget.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import translation
from django.utils.translation import gettext as _

from kotacerdas.numbers import NumberError, format_number, language_of, parse_number


def current_language() -> str:
    return language_of(translation.get_language())


def examples(*, whole: bool = False, money: bool = False, small: bool = False) -> str:
    """The accepted forms, in the current language, for an error message or a help text;
    ``small``: a value below a thousand (a score, a percent), shown without thousands."""
    english = current_language() == "en"
    if money:
        shown = (
            ["400,000,000", "Rp 1.2 billion"]
            if english
            else ["400.000.000", "Rp 1,2 miliar", "350 juta"]
        )
    elif small:
        shown = ["3"] if whole else ["2.5"] if english else ["2,5"]
    else:
        shown = ["1,250", "2.5"] if english else ["1.250", "2,5"]
        if whole:
            shown = shown[:1]
    return ", ".join(shown)


def number_error_message(error: NumberError, label: str = "", **kind: bool) -> str:
    """What is wrong with a typed number, naming ``label`` and showing what is accepted."""
    text = error.text.strip()
    if current_language() == "en":
        convention = _("a comma groups thousands and a point marks decimals")
    else:
        convention = _("a dot groups thousands and a comma marks decimals")
    reasons = {
        "empty": _("a number is needed"),
        "too_long": _("too long to be a number"),
        "foreign_digits": _("write the digits 0-9"),
        "exponent": _("write the number in full, not as a power of ten"),
        "ambiguous": _("could be read two ways; here %(convention)s") % {"convention": convention},
        "grouping": _("thousands are grouped by three digits; here %(convention)s")
        % {"convention": convention},
        "decimals": _("has more than one decimal mark; here %(convention)s")
        % {"convention": convention},
        "trailing_mark": _("a decimal mark with no digits after it"),
        "scale": _("unknown word; write ribu, juta, miliar or triliun"),
        "percent": _("no percent sign here"),
        "malformed": _("not a number"),
    }
    reason = reasons.get(error.code, reasons["malformed"])
    message = _("“%(text)s”: %(reason)s. Write e.g. %(examples)s.") % {
        "text": text[:40],
        "reason": reason,
        "examples": examples(**kind),
    }
    return f"{label}: {message}" if label else message


class NumberInput(forms.TextInput):
    """A text input for numbers: a phone shows its number keyboard, nothing is dropped."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class NumberField(forms.Field):
    """A number typed the local way; cleans to a Decimal (exact) unless a kind says otherwise."""

    widget: type[forms.Widget] | forms.Widget = NumberInput
    whole = False
    money = False
    grouping = True

    def __init__(
        self,
        *,
        min_value: int | float | Decimal | None = None,
        max_value: int | float | Decimal | None = None,
        decimal_places: int | None = None,
        max_digits: int | None = None,
        percent: bool = False,
        grouping: bool | None = None,
        **kwargs: Any,
    ) -> None:
        self.min_value, self.max_value = min_value, max_value
        self.decimal_places, self.max_digits = decimal_places, max_digits
        self.percent = percent
        if grouping is not None:
            self.grouping = grouping
        kwargs.pop("localize", None)
        super().__init__(**kwargs)

    def _label(self) -> str:
        return str(self.label or "")

    def _named(self, message: str) -> str:
        """``message`` naming the field it is about (a hidden field has no name to give)."""
        return f"{self._label()}: {message}" if self.label else message

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValidationError(_("not a number"), code="invalid")
        if isinstance(value, int | float | Decimal):
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        else:
            try:
                number = parse_number(str(value), current_language(), percent=self.percent)
            except NumberError as error:
                small = self.max_value is not None and self.max_value < 1000
                raise ValidationError(
                    number_error_message(
                        error, self._label(), whole=self.whole, money=self.money, small=small
                    ),
                    code="invalid",
                ) from error
        return self.convert(number)

    def convert(self, number: Decimal) -> Any:
        if self.whole and number != number.to_integral_value():
            message = (
                _("“%(text)s”: whole rupiah only, no decimals.")
                if self.money
                else _("“%(text)s”: a whole number is needed.")
            )
            raise ValidationError(
                self._named(message % {"text": self.prepare_value(number)}), code="invalid"
            )
        if self.money and number < 0:
            raise ValidationError(self._named(_("an amount cannot be negative.")), code="min_value")
        if self.decimal_places is not None:
            exponent = number.normalize().as_tuple().exponent
            if isinstance(exponent, int) and -exponent > self.decimal_places:
                raise ValidationError(
                    self._named(
                        _("at most %(places)s digits after the decimal mark.")
                        % {"places": self.decimal_places}
                    ),
                    code="max_decimal_places",
                )
        if self.min_value is not None and number < Decimal(str(self.min_value)):
            raise ValidationError(
                self._named(
                    _("at least %(limit)s.") % {"limit": self.prepare_value(self.min_value)}
                ),
                code="min_value",
            )
        if self.max_value is not None and number > Decimal(str(self.max_value)):
            raise ValidationError(
                self._named(
                    _("at most %(limit)s.") % {"limit": self.prepare_value(self.max_value)}
                ),
                code="max_value",
            )
        if self.whole:
            return int(number)
        return number

    def prepare_value(self, value: Any) -> Any:
        """A stored number in the page's language; what the person typed stays as typed."""
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return value
        return format_number(value, current_language(), grouping=self.grouping)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.HiddenInput):
            attrs.pop("inputmode", None)
        return attrs


class WholeNumberField(NumberField):
    """A count or a whole number: ``1.250`` (id), ``1,250`` (en)."""

    whole = True


class FloatNumberField(NumberField):
    """A measured value stored as float (KPI targets and actuals): read exactly, kept as float."""

    def convert(self, number: Decimal) -> Any:
        value = super().convert(number)
        return None if value is None else float(value)


class RupiahField(NumberField):
    """Whole rupiah, never negative: ``400.000.000``, ``Rp 1,2 miliar``, ``350 juta``."""

    whole = True
    money = True

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class PercentField(NumberField):
    """A whole percent from 0 to 100; ``75`` or ``75%``."""

    whole = True

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        super().__init__(percent=True, **kwargs)


class YearField(NumberField):
    """A year, written without a thousands mark: ``2027``."""

    whole = True
    grouping = False


class VersionField(WholeNumberField):
    """The version a form was opened at (no lost update); hidden, never grouped."""

    widget = forms.HiddenInput
    grouping = False

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


# Django's number fields are never shown to people: AsTyped swaps them for ours.
DJANGO_NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)


def as_typed(name: str, field: forms.Field) -> forms.Field:
    """``field`` as one of ours when it is one of Django's number fields, else unchanged."""
    if isinstance(field, NumberField) or not isinstance(field, DJANGO_NUMBER_FIELDS):
        return field
    hidden = isinstance(field.widget, forms.HiddenInput)
    kind: type[NumberField]
    options: dict[str, Any] = {}
    if name == "version" or (hidden and isinstance(field, forms.IntegerField)):
        kind = VersionField if name == "version" else WholeNumberField
    elif isinstance(field, forms.FloatField):
        kind = FloatNumberField
    elif isinstance(field, forms.DecimalField):
        kind = NumberField
        options = {"decimal_places": field.decimal_places, "max_digits": field.max_digits}
    elif name == "year" or name.endswith("_year"):
        kind = YearField
    else:
        kind = WholeNumberField
    replacement = kind(
        required=field.required,
        label=field.label,
        initial=field.initial,
        help_text=field.help_text,
        disabled=field.disabled,
        min_value=getattr(field, "min_value", None),
        max_value=getattr(field, "max_value", None),
        validators=[
            v
            for v in field.validators
            if not isinstance(v, MinValueValidator | MaxValueValidator)
            and type(v).__name__ not in ("DecimalValidator", "StepValueValidator")
        ],
        **options,
    )
    if hidden:
        replacement.widget = forms.HiddenInput()
    else:
        replacement.widget.attrs.update(
            {k: v for k, v in field.widget.attrs.items() if k not in ("min", "max", "step")}
        )
    replacement.widget.is_required = field.required
    return replacement


class AsTyped:
    """Every form of the platform reads what people type as they typed it: its number fields
    are ours, and a browser's CRLF line breaks are read as the LF they were shown as (else a
    text posted back unchanged would change).

    This runs once the whole ``__init__`` chain is done (the metaclasses below), so fields a
    form adds in its own ``__init__`` (a budget per year) are covered too.
    """

    fields: dict[str, forms.Field]
    data: Any
    is_bound: bool

    def as_typed(self) -> None:
        for name, field in list(self.fields.items()):
            self.fields[name] = as_typed(name, field)
        if self.is_bound and hasattr(self.data, "lists"):
            data = self.data.copy()
            for key, values in self.data.lists():
                if any("\r" in value for value in values if isinstance(value, str)):
                    data.setlist(key, [_lf(v) for v in values])
            self.data = data
        elif self.is_bound and isinstance(self.data, dict):
            self.data = {k: _lf(v) for k, v in self.data.items()}


def _lf(value: Any) -> Any:
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class _FormMetaclass(forms.forms.DeclarativeFieldsMetaclass):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        form = super().__call__(*args, **kwargs)
        form.as_typed()
        return form


class _ModelFormMetaclass(forms.models.ModelFormMetaclass):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        form = super().__call__(*args, **kwargs)
        form.as_typed()
        return form


class Form(AsTyped, forms.Form, metaclass=_FormMetaclass):
    pass


class ModelForm(AsTyped, forms.ModelForm, metaclass=_ModelFormMetaclass):
    pass


# For the Django admin's ModelAdmin.formfield_overrides: its number fields read what people
# type, like every other form (the admin's own widgets are type="number").
ADMIN_NUMBER_FIELDS: dict[Any, dict[str, Any]] = {}


def _admin_number_fields() -> dict[Any, dict[str, Any]]:
    from django.db import models

    whole = {"form_class": WholeNumberField, "widget": NumberInput}
    return {
        models.IntegerField: whole,
        models.BigIntegerField: whole,
        models.SmallIntegerField: whole,
        models.PositiveIntegerField: whole,
        models.PositiveSmallIntegerField: whole,
        models.PositiveBigIntegerField: whole,
        models.DecimalField: {"form_class": NumberField, "widget": NumberInput},
        models.FloatField: {"form_class": FloatNumberField, "widget": NumberInput},
    }


ADMIN_NUMBER_FIELDS.update(_admin_number_fields())
