from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import access
from regions.forms import RegionFilterForm, RegionProfileForm
from regions.models import Region

PAGE_SIZE = 50


def region_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "region.view")
    form = RegionFilterForm(request.GET or None)
    regions = form.filter(Region.objects.select_related("province"))
    page = Paginator(regions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "regions/_results.html" if request.headers.get("HX-Request") else "regions/list.html"
    return render(request, template, context)


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = access.get_region_for_user(request.user, code)
    return render(
        request,
        "regions/detail.html",
        {
            "region": region,
            "can_edit": access.can(request.user, "region.edit", region),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def region_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = access.get_region_for_user(request.user, code, write=True)
    form = RegionProfileForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The profile of %(region)s was saved.") % {"region": region})
        return redirect(region)
    return render(request, "regions/edit.html", {"region": region, "form": form})
