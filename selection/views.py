from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import access
from kotacerdas import sheets
from kotacerdas.downloads import attachment
from selection.forms import IndicatorUploadForm
from selection.imports import ImportFailed, indicators_import, template_csv, template_xlsx
from selection.models import DEMO_SOURCE, ImportRun, Indicator, IndicatorValue


def indicator_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "region.view")
    indicators = Indicator.objects.annotate(
        n_values=Count("values", filter=Q(values__replaced_by__isnull=True)),
        n_demo=Count(
            "values", filter=Q(values__replaced_by__isnull=True, values__source=DEMO_SOURCE)
        ),
        latest_year=Max("values__year", filter=Q(values__replaced_by__isnull=True)),
    )
    # Per indicator and year: how many current values are published and how many demo.
    by_year: dict[int, dict[int, list[int]]] = {}
    rows = (
        IndicatorValue.objects.current()
        .values_list("indicator_id", "year")
        .annotate(
            published=Count("pk", filter=~Q(source=DEMO_SOURCE)),
            demo=Count("pk", filter=Q(source=DEMO_SOURCE)),
        )
        .order_by("indicator_id", "year")
    )
    for indicator_id, year, published, demo in rows:
        by_year.setdefault(indicator_id, {})[year] = [published, demo]
    listed = [(i, sorted(by_year.get(i.pk, {}).items())) for i in indicators]
    return render(
        request,
        "selection/indicators.html",
        {
            "indicators": listed,
            "can_import": access.can(request.user, "indicator.import"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_import(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "indicator.import")
    form = IndicatorUploadForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    total = 0
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = indicators_import(
                content=upload.read(),
                file_name=upload.name,
                numbers=form.cleaned_data["numbers"],
                user=request.user,
            )
        except ImportFailed as exc:
            problems, total = exc.problems, exc.total
            status = 422
        else:
            messages.success(
                request,
                _(
                    "%(rows)s values imported from %(file)s; %(replaced)s earlier values were "
                    "replaced and kept in the history."
                )
                % {"rows": run.rows, "file": run.file_name, "replaced": run.replaced},
            )
            return redirect("selection:import")
    return render(
        request,
        "selection/import.html",
        {
            "form": form,
            "problems": problems,
            "problems_total": total,
            "limits": sheets.limits(),
            "runs": ImportRun.objects.select_related("imported_by")[:20],
        },
        status=status,
    )


def indicator_template(request: HttpRequest, fmt: str) -> HttpResponse:
    access.require(request.user, "region.view")
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    content = template_xlsx() if fmt == "xlsx" else template_csv()
    return attachment(content, f"templat-indikator.{fmt}")
