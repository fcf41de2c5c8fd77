from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from audit.context import client_ip
from kotacerdas.fields import Form


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('What the token is for, e.g. "Sync from SIPD".'),
    )


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses to check the password at all while the name or address is throttled."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed log-ins. Wait 15 minutes and try again."),
    }
    throttled = False

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else None
        if throttle.is_throttled(username, ip):
            self.throttled = True
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.note_failure(username, ip)
            raise
        throttle.clear(username)
        return cleaned
