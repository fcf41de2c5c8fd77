"""Nothing irreversible on a single click: an action that cannot be undone first answers its
POST with a page that states the consequence in plain words and posts the same fields again
with the confirmation; only a POST that carries it goes through.

A view calls ``confirmation`` after its access check and before it changes anything::

    asked = confirmation(request, _("Publish the round?"), [_("It becomes public.")])
    if asked:
        return asked
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

CONFIRMED = "confirmed"
NOT_REPOSTED = {"csrfmiddlewaretoken", CONFIRMED}


def _back(request: HttpRequest) -> str:
    """Where "Cancel" goes: the page the action was asked from, on this site only."""
    referer = request.headers.get("Referer", "")
    allowed = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if allowed else ""


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRMED) == "1"


def confirmation(
    request: HttpRequest, title: Any, consequences: list[Any], *, button: Any = None
) -> HttpResponse | None:
    """None when the POST carries the confirmation; else the page asking for it."""
    if is_confirmed(request):
        return None
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_REPOSTED
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "fields": fields,
            "action": request.path,
            "button": button or title,
            "back": _back(request),
        },
    )
