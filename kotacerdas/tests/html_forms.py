"""Forms read off a page the way a browser would submit them, for the generic form tests."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any


@dataclass
class Control:
    """One named input, select or textarea with the value a browser would send."""

    name: str
    tag: str
    type: str
    value: str | None  # None: not sent (an unticked box, a file input)
    attrs: dict[str, str]
    options: list[str] = field(default_factory=list)

    @property
    def is_number(self) -> bool:
        return self.attrs.get("inputmode") == "decimal" and self.type == "text"

    @property
    def is_text(self) -> bool:
        return (self.tag == "textarea" or self.type in ("text", "email", "url")) and (
            not self.is_number
        )


@dataclass
class HtmlForm:
    action: str
    method: str
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        """What submitting the form unchanged sends (lists for repeated names)."""
        sent: dict[str, Any] = {}
        for control in self.controls:
            if control.value is None or control.type in ("submit", "button", "file"):
                continue
            if control.name in sent:
                previous = sent[control.name]
                sent[control.name] = [
                    *(previous if isinstance(previous, list) else [previous]),
                    control.value,
                ]
            else:
                sent[control.name] = control.value
        return sent

    def control(self, name: str) -> Control | None:
        return next((c for c in self.controls if c.name == name), None)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: Control | None = None
        self._selected_seen = False
        self._option: dict[str, str] | None = None
        self._option_text = ""
        self._textarea: Control | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form":
            self._form = HtmlForm(attrs.get("action", ""), attrs.get("method", "get"), attrs)
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            value: str | None = attrs.get("value", "")
            if kind in ("checkbox", "radio"):
                value = (attrs.get("value") or "on") if "checked" in attrs else None
            if "disabled" in attrs:
                value = None
            self._form.controls.append(Control(name, "input", kind, value, attrs))
        elif tag == "select" and name:
            self._select = Control(name, "select", "select", None, attrs)
            self._selected_seen = False
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option, self._option_text = attrs, ""
        elif tag == "textarea" and name:
            self._textarea = Control(name, "textarea", "textarea", "", attrs)
            self._form.controls.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value = (self._textarea.value or "") + data
        elif self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option.get("value", self._option_text.strip())
            self._select.options.append(value)
            if "multiple" in self._select.attrs:
                # A list box sends each selected option, and nothing when none is: the first
                # is the control's value, each further one a control of the same name.
                if "selected" in self._option and self._select.value is None:
                    self._select.value = value
                elif "selected" in self._option and self._form is not None:
                    selected = Control(self._select.name, "select", "select", value, {})
                    self._form.controls.append(selected)
            # A browser sends the selected option, or the first one when none is.
            elif "selected" in self._option and not self._selected_seen:
                self._select.value, self._selected_seen = value, True
            elif self._select.value is None and not self._selected_seen:
                self._select.value = value
            self._option = None
        elif tag == "select":
            if self._select is not None and "disabled" in self._select.attrs:
                self._select.value = None
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the newline that follows <textarea> and sends line breaks as CRLF.
            text = (self._textarea.value or "").removeprefix("\n")
            self._textarea.value = text.replace("\r\n", "\n").replace("\n", "\r\n")
            self._textarea = None


def forms_on(html: str) -> list[HtmlForm]:
    reader = _Reader()
    reader.feed(html)
    return reader.forms


def posting_forms(html: str) -> list[HtmlForm]:
    return [f for f in forms_on(html) if f.method.lower() == "post"]
