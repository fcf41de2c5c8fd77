import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import access
from portal.summary import national_summary


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "summary": national_summary(),
            "my_regions": access.editable_regions(request.user)[:10]
            if request.user.is_authenticated and not access.is_national_staff(request.user)
            else [],
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    manifest = json.loads((settings.KC_DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    return render(request, "portal/about.html", {"manifest": manifest})
