from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access
from accounts.forms import ApiTokenForm, ThrottledAuthenticationForm
from accounts.models import ApiToken, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledAuthenticationForm

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(form, "throttled", False):
            response.status_code = 429
        return response


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
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "account.use")
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        _token, key = ApiToken.issue(user=cast(User, request.user), name=form.cleaned_data["name"])
        # Shown once on the next page, then gone: only the hash is kept.
        request.session["kc_new_token"] = key
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:account")


@login_required
@require_POST
def token_delete(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "account.use")
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, _('Token "%(name)s" was revoked.') % {"name": token.name})
    return redirect("accounts:account")
