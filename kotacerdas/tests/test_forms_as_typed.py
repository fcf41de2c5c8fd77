"""Nothing typed is changed or lost, on every form of the route table (access_matrix.FORMS).

Each test reads a form off its page the way a browser submits it (line breaks as CRLF, the
selected options, the hidden version), so a new form is covered the day it gets a line there:

- posted back unchanged, an edit form changes nothing in the database, history included;
- posted with one field at fault, every other value comes back as it was typed;
- of two people saving from the same version, the second is refused and the first stays; a
  version that is not the current one (a future one too) is refused.
"""

import re
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent
from kotacerdas import access_matrix as matrix
from kotacerdas.numbers import format_number, parse_number
from kotacerdas.tests.html_forms import Control, HtmlForm, posting_forms
from kotacerdas.tests.world import fill

pytestmark = pytest.mark.django_db

EDIT_FORMS = sorted(name for name, page in matrix.FORMS.items() if page.edits)
ALL_FORMS = sorted(matrix.FORMS)
NOT_SENT_BACK = {"csrfmiddlewaretoken", "version"}
# Marks of use, not of content: a token's last use changes with every request it signs.
USE_MARKS = {"last_used_at", "last_used"}


def test_every_page_that_takes_a_post_is_in_the_form_tests_or_says_why_not() -> None:
    posting = {
        name
        for name, route in matrix.PAGES.items()
        if {c.method for c in route.checks} >= {"GET", "POST"}
    }
    unclassified = posting - set(matrix.FORMS) - set(matrix.FORMS_LEFT_OUT)
    assert not unclassified, f"add these to access_matrix.FORMS: {sorted(unclassified)}"
    assert not set(matrix.FORMS) & set(matrix.FORMS_LEFT_OUT)


def _url(name: str, users: dict[str, Any]) -> str:
    route = matrix.PAGES[name]
    url = reverse(name, kwargs={k: fill(v, users) for k, v in route.kwargs.items()})
    return url


def _client(users: dict[str, Any], persona: str) -> Client:
    client = Client()
    if users[persona] is not None:
        client.force_login(users[persona])
    return client


def _the_form(html: str, url: str) -> HtmlForm:
    """The page's own form: the one that posts back to the page."""
    path = url.split("?")[0]
    for form in posting_forms(html):
        action = form.action.split("?")[0]
        if action in ("", path) and any(c.type not in ("hidden", "submit") for c in form.controls):
            return form
    raise AssertionError(f"no form posting to {path}")


def _open(client: Client, url: str) -> HtmlForm:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return _the_form(response.content.decode(), url)


def _database() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the platform writes, and the history of changes."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        if model in (Session,) or model._meta.app_label in ("contenttypes", "auth", "admin"):
            continue
        queryset = model._default_manager.order_by("pk")
        if model is AuditEvent:
            queryset = queryset.exclude(action__in=[Action.LOGIN, Action.LOGOUT])
        rows[model._meta.label] = [
            {k: v for k, v in row.items() if k not in USE_MARKS} for row in queryset.values()
        ]
    return rows


@pytest.mark.parametrize("name", EDIT_FORMS)
def test_an_edit_form_posted_back_unchanged_changes_nothing(world, db, name: str) -> None:  # type: ignore[no-untyped-def]
    page = matrix.FORMS[name]
    url = _url(name, world)
    client = _client(world, page.persona)
    form = _open(client, url)
    before = _database()
    response = client.post(url, form.data())
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        errors = re.findall(r'class="field-error"[^>]*>([^<]*)<', response.content.decode())
        assert not errors, f"{name}: the unchanged form was refused: {errors}"
    after = _database()
    changed = {table for table in before if before[table] != after[table]}
    assert not changed, f"{name}: posting the form back unchanged wrote to {sorted(changed)}"


def _retyped(control: Control) -> str | None:
    """A new value for a field, as a person might type it; None to leave it."""
    value = control.value or ""
    if control.type == "hidden" or control.name in NOT_SENT_BACK:
        return None
    if control.is_number:
        if not value:
            return None
        # The same amount typed another way: it must come back as typed, not re-formatted.
        number = parse_number(value, "id")
        return "+" + format_number(number, "id", grouping=False) if number >= 0 else None
    if control.is_text:
        limit = int(control.attrs.get("maxlength") or 0)
        text = (value.rstrip() + " ✎").strip()
        return text[-limit:] if limit else text
    if control.tag == "select" and len(control.options) > 1:
        others = [o for o in control.options if o != value and o != ""]
        return others[-1] if others else None
    return None


def _break(form: HtmlForm) -> tuple[str, str]:
    """One field made wrong: a number that reads no way, an address that is none, a date that
    never was, else a choice that does not exist."""
    fields = [c for c in form.controls if c.value is not None and c.name not in NOT_SENT_BACK]
    for control in fields:
        if control.is_number:
            return control.name, "1.2.3"
    for control in fields:
        if control.type in ("email", "url"):
            return control.name, "bukan alamat"
    for control in fields:
        if control.type in ("date", "datetime-local"):
            return control.name, "31-02-2026"
    for control in fields:
        if control.tag == "select":
            return control.name, "bukan-pilihan"
    raise AssertionError("no number, address or choice to break")


@pytest.mark.parametrize("name", ALL_FORMS)
def test_a_form_with_one_error_keeps_every_other_value_as_typed(world, db, name: str) -> None:  # type: ignore[no-untyped-def]
    page = matrix.FORMS[name]
    url = _url(name, world)
    client = _client(world, page.persona)
    form = _open(client, url)
    data = form.data()
    typed: dict[str, str] = {}
    for control in form.controls:
        value = _retyped(control)
        if value is not None and not isinstance(data.get(control.name), list):
            data[control.name] = typed[control.name] = value
    broken, wrong = _break(form)
    data[broken] = wrong
    typed.pop(broken, None)
    before = _database()
    response = client.post(url, data)
    assert response.status_code in (200, 400), (name, response.status_code)
    html = response.content.decode()
    assert "field-error" in html or "message-error" in html, f"{name}: no error shown"
    again = _the_form(html, url)
    lost = {
        field: (value, (again.control(field) or Control(field, "", "", None, {})).value)
        for field, value in typed.items()
        if (again.control(field) or Control(field, "", "", None, {})).value != value
    }
    assert not lost, f"{name}: typed values that did not come back (typed, shown): {lost}"
    shown = again.control(broken)
    assert shown is not None, f"{name}: {broken} is gone"
    if shown.tag != "select":  # a choice that does not exist cannot be shown as chosen
        assert shown.value == wrong, f"{name}: {broken} not kept as typed"
    assert _database() == before, f"{name}: a form with an error wrote something"


def _named(form: HtmlForm, field: str) -> Control:
    control = next(
        (c for c in form.controls if c.name == field or c.name.endswith(f"-{field}")), None
    )
    assert control is not None, f"no field {field}"
    return control


def _changed(form: HtmlForm, page: matrix.FormPage, edit: int) -> tuple[dict[str, Any], str, str]:
    """The form with its ``change`` field edited (the first text field when none is named):
    the data to post, the field and the value typed into it."""
    data = form.data()
    if page.change:
        control = _named(form, page.change)
    else:
        control = next(c for c in form.controls if c.is_text or c.is_number)
    if control.is_number:
        typed = str(edit)
    else:
        limit = int(control.attrs.get("maxlength") or 10_000)
        typed = f"Suntingan {edit} {control.value or ''}".strip()[:limit]
    data[control.name] = typed
    for field, value in page.also:
        data[_named(form, field).name] = value
    return data, control.name, typed


@pytest.mark.parametrize("name", EDIT_FORMS)
def test_of_two_saves_from_one_version_the_second_is_refused(world, db, name: str) -> None:  # type: ignore[no-untyped-def]
    page = matrix.FORMS[name]
    url = _url(name, world)
    first, second = _client(world, page.persona), _client(world, page.persona)
    form_first, form_second = _open(first, url), _open(second, url)
    saved = first.post(url, _changed(form_first, page, 1)[0])
    assert saved.status_code == 302, f"{name}: the first save was refused ({saved.status_code})"
    before = _database()
    data, field, typed = _changed(form_second, page, 2)
    refused = second.post(url, data)
    assert refused.status_code == 409, f"{name}: a stale save answered {refused.status_code}"
    html = refused.content.decode()
    assert 'id="conflict"' in html
    shown = _the_form(html, url).control(field)
    assert shown is not None and shown.value is not None
    assert shown.value.replace("\r\n", "\n") == typed, f"{name}: the refused text is not kept"
    assert _database() == before, f"{name}: the stale save wrote something"


@pytest.mark.parametrize("name", EDIT_FORMS)
def test_a_version_that_is_not_the_current_one_is_refused(world, db, name: str) -> None:  # type: ignore[no-untyped-def]
    page = matrix.FORMS[name]
    url = _url(name, world)
    client = _client(world, page.persona)
    form = _open(client, url)
    current = (form.control("version") or Control("version", "", "", None, {})).value
    assert current, f"{name}: the form carries no version"
    future = str(int(current) + 1) if current.isdigit() else "0" * len(current)
    before = _database()
    data = _changed(form, page, 3)[0]
    data["version"] = future
    response = client.post(url, data)
    assert response.status_code == 409, f"{name}: version {future} answered {response.status_code}"
    assert _database() == before


def _pages() -> list[str]:
    return sorted(
        name
        for name, route in matrix.PAGES.items()
        if name != "admin:*" and any(c.method == "GET" for c in route.checks)
    )


def test_no_page_has_a_number_input_that_drops_what_people_type(world, db) -> None:  # type: ignore[no-untyped-def]
    """Chromium's type="number" drops the second dot of 400.000.000 and the comma of 2,5 while
    the person types, before the server sees anything."""
    found = []
    for name in _pages():
        check = next(c for c in matrix.PAGES[name].checks if c.method == "GET")
        preferred = [p for p in ("editor", "officer", "anonymous") if p in check.allowed]
        persona = (preferred or sorted(check.allowed))[0]
        response = _client(world, persona).get(_url(name, world))
        html = response.content.decode() if "text/html" in response.get("Content-Type", "") else ""
        if re.search(r'<input[^>]*type="number"', html):
            found.append(name)
    assert not found, f"pages with a type=number input: {found}"


# What a browser's date and date-time pickers read: anything else they show as empty, and the
# form is then sent back without the date it held.
PICKER_VALUES = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "datetime-local": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"),
}


def test_every_date_picker_holds_a_value_the_browser_reads(world, db) -> None:  # type: ignore[no-untyped-def]
    """A date rendered the Indonesian way (15-01-2027) in a type="date" input is dropped by the
    browser: the field shows empty and saving clears the date."""
    found = []
    for name in sorted(matrix.FORMS):
        html = _client(world, matrix.FORMS[name].persona).get(_url(name, world)).content.decode()
        for tag in re.findall(r"<input[^>]*>", html):
            kind = re.search(r'type="([^"]+)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if not (kind and kind.group(1) in PICKER_VALUES and value and value.group(1)):
                continue
            if not PICKER_VALUES[kind.group(1)].match(value.group(1)):
                found.append((name, value.group(1)))
    assert not found, f"date pickers with values a browser drops: {found}"
