from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from accounts.models import DEFAULT_TOKEN_DAYS, TOKEN_DAYS, TokenScope
from audit.context import client_ip
from jobs.services import mail_send
from kotacerdas.fields import Form


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('What the token is for, e.g. "Sync from SIPD".'),
    )
    scope = forms.ChoiceField(
        label=_("It may"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=[(d, _("%(days)s days") % {"days": d}) for d in TOKEN_DAYS],
        coerce=int,
        initial=DEFAULT_TOKEN_DAYS,
    )


class Throttled:
    """Refuses to check the password at all while this name from this address waits; counts
    failures per name and address (accounts.throttle)."""

    throttled = False
    request: Any
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else None
        wait = throttle.wait_seconds(username, ip)
        if wait:
            self.throttled = True
            raise forms.ValidationError(
                _(
                    "Too many failed log-ins for this name from here. Try again in "
                    "%(minutes)s minutes, or unlock it with a link sent to its e-mail address."
                )
                % {"minutes": max(1, round(wait / 60))},
                code="throttled",
            )
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            throttle.note_failure(username, ip)
            raise
        throttle.clear(username, ip)
        return cleaned


class ThrottledAuthenticationForm(Throttled, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(Throttled, AdminAuthenticationForm):
    """The admin's own log-in, through the same throttle as the site's."""


class UnlockRequestForm(Form):
    username = forms.CharField(label=_("Username"), max_length=150)


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's, with the e-mail sent by the task worker: a slow mail server never holds the
    page, and the answer takes as long whether the address is known or not."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        mail_send(messages=[(subject, body, from_email, [to_email])])
