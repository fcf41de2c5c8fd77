from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts import access
from audit.models import AuditEvent
from audit.presentation import history_rows
from audit.versioning import VersionConflict, save_versioned
from enrolment.services import cohort_of
from kotacerdas.lists import Column, listing
from kotacerdas.paging import page_of
from masterplans.models import Masterplan
from participation.models import ConsultationWindow
from regions.access import get_region_for_user
from regions.forms import PROFILE_FIELDS, RegionFilterForm, RegionProfileForm
from regions.models import Region
from regions.similar import regions_like
from selection.queries import latest_values

PAGE_SIZE = 50


LIST_COLUMNS = [
    Column("code", gettext_lazy("Code"), ("code",)),
    Column("name", gettext_lazy("Name"), ("name",)),
    Column("province", gettext_lazy("Province"), ("province__name",), lambda r: r.province.name),
    Column(
        "island_group",
        gettext_lazy("Island group"),
        ("province__island_group",),
        lambda r: r.province.get_island_group_display(),
    ),
    Column("population", gettext_lazy("Residents"), ("population",), num=True),
    Column("districts", gettext_lazy("Districts"), ("districts",), num=True),
]


def region_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "region.view")
    form = RegionFilterForm(request.GET or None)
    regions = form.filter(Region.objects.select_related("province"))
    found = listing(request, regions, LIST_COLUMNS, per_page=PAGE_SIZE, filename="wilayah")
    if isinstance(found, HttpResponse):
        return found
    context = {"form": form, "page": found.page, "listing": found, "query": found.query}
    template = "regions/_results.html" if request.headers.get("HX-Request") else "regions/list.html"
    return render(request, template, context)


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A region's public profile: its facts, masterplan and how it follows through (progress,
    evaluation, awards), regions like it and its indicators."""
    from masterplans.models import PUBLIC_STATUSES
    from monitoring.summary import cached_follow_through, evaluation_standing, region_awards

    region = get_region_for_user(request.user, code)
    masterplans = list(Masterplan.objects.visible_to(request.user).filter(region=region))
    followed = max(
        (m for m in masterplans if m.status in PUBLIC_STATUSES),
        key=lambda m: m.edition,
        default=None,
    )
    rubric, standing = evaluation_standing(region)
    similar = regions_like(region)
    return render(
        request,
        "regions/detail.html",
        {
            "region": region,
            "can_edit": access.can(request.user, "region.edit", region),
            "can_see_history": access.can(request.user, "region.history", region),
            "cohort": cohort_of(region.code),
            "consultation": ConsultationWindow.objects.open_now()
            .filter(masterplan__region=region)
            .select_related("masterplan")
            .first(),
            "indicators": latest_values(region),
            "masterplans": masterplans,
            "follow": cached_follow_through(followed) if followed else None,
            "rubric": rubric,
            "standing": standing,
            "awards": region_awards(region),
            "similar": similar,
            "similar_demo": any(item["demo"] for item in similar),
        },
    )


@login_required
def region_history(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code, "region.history")
    events = AuditEvent.objects.for_object(region).select_related("actor")
    page = page_of(request, events, PAGE_SIZE)
    return render(
        request,
        "regions/history.html",
        {
            "region": region,
            "page": page,
            "rows": history_rows(page.object_list, Region),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def region_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code, "region.edit")
    form = RegionProfileForm(
        request.POST or None, instance=region, initial={"version": region.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in PROFILE_FIELDS}
        try:
            save_versioned(region, base_version=form.cleaned_data["version"], values=values)
        except VersionConflict as exc:
            conflict = exc
            # Saving again now is a conscious overwrite of the changes shown.
            data = request.POST.copy()
            data["version"] = str(exc.current.version)  # type: ignore[attr-defined]
            form = RegionProfileForm(data, instance=region)
        else:
            messages.success(
                request, _("The profile of %(region)s was saved.") % {"region": region}
            )
            return redirect(region)
    return render(
        request,
        "regions/edit.html",
        {"region": region, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )
