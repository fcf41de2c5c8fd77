import secrets
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST

from accounts import access, throttle
from accounts.forms import (
    ApiTokenForm,
    PasswordResetForm,
    ThrottledAuthenticationForm,
    UnlockRequestForm,
)
from accounts.models import ApiToken, User
from audit.context import client_ip
from jobs.services import mail_send

UNLOCK_SALT = "kotacerdas.accounts.unlock"
UNLOCK_SECONDS = 60 * 60


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledAuthenticationForm

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(form, "throttled", False):
            response.status_code = 429
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["unlock_form"] = (
            UnlockRequestForm(initial={"username": form.data.get("username", "")})
            if form is not None and getattr(form, "throttled", False)
            else None
        )
        return context


@require_POST
def unlock_request(request: HttpRequest) -> HttpResponse:
    """E-mail the owner of a name a link that lifts the log-in wait for this address. The
    answer is the same whether the name is known or not."""
    form = UnlockRequestForm(request.POST)
    if form.is_valid():
        user = User.objects.filter(
            username__iexact=form.cleaned_data["username"], is_active=True
        ).first()
        if user is not None and user.email:
            nonce = secrets.token_urlsafe(16)
            cache.set(f"unlock:{nonce}", user.pk, UNLOCK_SECONDS)
            token = signing.dumps(
                {"u": user.pk, "ip": client_ip(request), "n": nonce}, salt=UNLOCK_SALT
            )
            link = settings.KC_SITE_URL + reverse("accounts:unlock", args=[token])
            subject = _("Unlock your Kota Cerdas log-in")
            body = _(
                "Someone, maybe you, failed to log in as %(username)s too many times. "
                "If it was you, open this link within an hour to try again:\n\n%(link)s\n\n"
                "If it was not you, ignore this e-mail: your account stays locked for "
                "them, not for you."
            ) % {"username": user.get_username(), "link": link}
            mail_send(messages=[(subject, body, None, [user.email])])
    return render(request, "accounts/unlock.html", {"sent": True})


def unlock(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the unlock e-mail: lifts the wait once, within the hour."""
    try:
        data: dict[str, Any] = signing.loads(token, salt=UNLOCK_SALT, max_age=UNLOCK_SECONDS)
    except signing.BadSignature:
        data = {}
    nonce = str(data.get("n", ""))
    # Once: the nonce is taken from the cache the moment the link is used.
    user_pk = cache.get(f"unlock:{nonce}") if nonce else None
    user = User.objects.filter(pk=user_pk).first() if user_pk and user_pk == data.get("u") else None
    if user is None:
        return render(request, "accounts/unlock.html", {"expired": True})
    cache.delete(f"unlock:{nonce}")
    throttle.clear(user.get_username(), data.get("ip"))
    return render(request, "accounts/unlock.html", {"unlocked": True})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """A link by e-mail to set a new password; the same answer whether the address is known."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_extra_email_context(self) -> dict[str, Any]:
        return {"site_url": settings.KC_SITE_URL}

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "account.use")
    return render(
        request,
        "accounts/account.html",
        {
            "roles": access.describe_roles(request.user),
            "tokens": ApiToken.objects.filter(user=cast(User, request.user)),
            "form": ApiTokenForm(),
            "new_key": request.session.pop("kc_new_token", None),
            "can_restore": access.can(request.user, "trash.restore"),
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "account.use")
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        _token, key = ApiToken.issue(
            user=cast(User, request.user),
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
        # Shown once on the next page, then gone: only the hash is kept.
        request.session["kc_new_token"] = key
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:account")


@login_required
@require_POST
def token_delete(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "account.use")
    token = get_object_or_404(cast(User, request.user).api_tokens, pk=pk)
    token.delete()
    messages.success(request, _('Token "%(name)s" was revoked.') % {"name": token.name})
    return redirect("accounts:account")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Every refusal of a page (``handler403``): a visitor who is not logged in is asked to log
    in, as ``login_required`` does; a logged-in user who may not is told so (403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return defaults.permission_denied(request, exception)
