"""The number fields every form uses: text inputs, read in the page's language, refused with
a message that names the field, written back so that an unchanged form is an identity."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

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
from masterplans.models import BudgetLine


class Budget(Form):
    amount = RupiahField(label="Anggaran 2027")
    target = FloatNumberField(label="Target", required=False)
    score = NumberField(label="Skor", decimal_places=2, min_value=0, max_value=4, required=False)
    share = PercentField(label="Persen", required=False)
    year = YearField(label="Tahun", required=False)
    count = WholeNumberField(label="Jumlah", required=False)
    version = VersionField(required=False)


def test_a_number_is_a_text_input_a_phone_shows_digits_for() -> None:
    html = str(Budget()["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'type="number"' not in html
    assert "inputmode" not in str(Budget()["version"])


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("400.000.000", 400_000_000), ("Rp 1,2 miliar", 1_200_000_000), ("350 juta", 350_000_000)],
)
def test_rupiah_are_read_as_indonesians_write_them(typed: str, amount: int) -> None:
    with translation.override("id"):
        form = Budget({"amount": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount
    assert isinstance(form.cleaned_data["amount"], int)


def test_english_pages_read_the_english_way() -> None:
    with translation.override("en"):
        form = Budget({"amount": "400,000,000", "target": "2.5"})
        assert form.is_valid(), form.errors
        assert (form.cleaned_data["amount"], form.cleaned_data["target"]) == (400_000_000, 2.5)
        refused = Budget({"amount": "400.000.000"})
        assert not refused.is_valid()
        assert "Anggaran 2027" in refused.errors["amount"][0]


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        ("amount", "Rp -5.000", "negatif"),
        ("amount", "1.250.000,50", "rupiah bulat"),
        ("amount", "400.000.000,", "tanpa angka"),
        ("target", "2.5", "dua cara"),
        ("target", "1e9", "pangkat"),
        ("target", "\u0661\u0662\u0663", "0-9"),
        ("score", "4,5", "paling besar 4"),
        ("score", "3,125", "2 angka"),
        ("share", "101", "paling besar 100"),
        ("count", "2,5", "bilangan bulat"),
    ],
)
def test_a_refusal_names_the_field_and_says_why_in_indonesian(
    field: str, typed: str, words: str
) -> None:
    with translation.override("id"):
        form = Budget({"amount": "1", field: typed})
        assert not form.is_valid()
        message = form.errors[field][0]
    label = str(Budget.base_fields[field].label)
    assert message.startswith(f"{label}: ") and words in message, message


def test_a_refused_number_comes_back_exactly_as_typed() -> None:
    with translation.override("id"):
        form = Budget({"amount": "400.000.000", "target": "2.5"})
        assert not form.is_valid()
        assert 'value="2.5"' in str(form["target"])
        assert 'value="400.000.000"' in str(form["amount"])


def test_stored_numbers_are_written_back_in_the_page_language() -> None:
    initial = {"amount": 445_000_000, "target": 2.5, "score": Decimal("3.50"), "year": 2027}
    with translation.override("id"):
        form = Budget(initial=initial)
        shown = {name: form[name].value() for name in initial}
        again = Budget({**shown})
        assert again.is_valid(), again.errors
    assert shown == {"amount": "445.000.000", "target": "2,5", "score": "3,50", "year": "2027"}
    assert {name: again.cleaned_data[name] for name in initial} == initial


def test_a_percent_may_carry_its_sign() -> None:
    form = Budget({"amount": "0", "share": "75%"})
    assert form.is_valid() and form.cleaned_data["share"] == 75


class LineForm(ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["year", "amount"]


def test_a_model_form_gets_our_fields_for_the_model_numbers() -> None:
    form = LineForm()
    assert isinstance(form.fields["year"], YearField)
    assert isinstance(form.fields["amount"], WholeNumberField)
    assert not isinstance(form.fields["amount"], forms.IntegerField)


def test_line_breaks_a_browser_sends_as_crlf_are_read_as_shown() -> None:
    class Note(Form):
        text = forms.CharField(widget=forms.Textarea)

    form = Note({"text": "baris satu\r\nbaris dua"})
    assert form.is_valid() and form.cleaned_data["text"] == "baris satu\nbaris dua"


@pytest.mark.django_db
def test_the_admin_reads_numbers_as_people_type_them_too(client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings
    from django.contrib import admin
    from django.db import models

    from regions.models import Region

    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == "auth":
            continue  # Django's own groups: no number to type
        if model._meta.app_label == "django_tasks_database":
            # The task queue's results: read only, nothing typed (asserted, not assumed).
            assert not model_admin.has_add_permission(None)
            assert not model_admin.has_change_permission(None)
            continue
        overrides = model_admin.formfield_overrides
        assert overrides[models.IntegerField]["form_class"] is WholeNumberField, model
    admin_user = django_user_model.objects.create_superuser("admin.uji", "a@contoh.id", "x-Sandi-9")
    client.force_login(admin_user)
    region = Region.objects.get(code="32.73")
    page = client.get(f"/{settings.KC_ADMIN_PATH}regions/region/{region.pk}/change/")
    assert page.status_code == 200
    assert 'type="number"' not in page.content.decode()
