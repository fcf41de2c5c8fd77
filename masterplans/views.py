"""Masterplan pages: the library, a masterplan, its editor, checklist, workflow and versions."""

import io
from datetime import timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from accounts.models import User
from audit.versioning import VersionConflict
from jobs.models import JobStatus
from kotacerdas import sheets
from kotacerdas.confirm import confirmation
from kotacerdas.downloads import attachment
from kotacerdas.lists import Column, listing
from kotacerdas.params import id_param, int_param
from kotacerdas.uploads import posted_workbook
from masterplans.access import get_masterplan_for_user
from masterplans.charts import budget_svg, budget_table, roadmap_svg
from masterplans.checks import run_checks
from masterplans.editing import (
    add_analysis_item,
    delete_analysis_item,
    delete_program,
    save_overview,
    save_program,
)
from masterplans.files import FORMATS, masterplan_book_job, masterplan_filename
from masterplans.forms import (
    AnalysisItemForm,
    MasterplanCreateForm,
    OverviewForm,
    ProgramEditor,
    TransitionForm,
    creatable_regions,
)
from masterplans.library import search_programs, year_total
from masterplans.models import (
    Dimension,
    FundingSource,
    Masterplan,
    Program,
    Status,
    WorkbookUpload,
)
from masterplans.versions import diff, readable_versions
from masterplans.workbook_export import masterplan_xlsx
from masterplans.workbook_import import (
    ChoicesNeeded,
    ImportResult,
    ProgramImportError,
    import_workbook,
)
from masterplans.workflow import (
    TRANSITIONS,
    WorkflowError,
    available_transitions,
    masterplan_create,
    masterplan_edition_create,
    transition,
)
from mentoring.services import region_advisers
from regions.models import IslandGroup
from selection.models import SelectionRound

PAGE_SIZE = 25


LIST_COLUMNS = [
    Column("region", gettext_lazy("Region"), ("region__name",), lambda m: m.region.name),
    Column("title", gettext_lazy("Masterplan"), ("title",)),
    Column(
        "period",
        gettext_lazy("Period"),
        ("start_year",),
        lambda m: f"{m.start_year}–{m.end_year}",
    ),
    Column("status", gettext_lazy("Status"), ("status",), lambda m: m.get_status_display()),
    Column("program_count", gettext_lazy("Programs"), ("program_count",), num=True),
    Column("quick_win_count", gettext_lazy("Quick wins"), ("quick_win_count",), num=True),
]


def masterplan_list(request: HttpRequest) -> HttpResponse:
    masterplans = Masterplan.objects.visible_to(request.user).annotate(
        program_count=Count("programs", distinct=True),
        quick_win_count=Count("programs", filter=Q(programs__is_quick_win=True), distinct=True),
    )
    status = request.GET.get("status", "")
    group = request.GET.get("island_group", "")
    query = request.GET.get("q", "").strip()
    if status in Status.values:
        masterplans = masterplans.filter(status=status)
    # "current": without the editions a newer approved or enacted one replaced, as the
    # dashboard counts them.
    edition = "current" if request.GET.get("edition") == "current" else ""
    if edition:
        masterplans = masterplans.exclude(pk__in=Masterplan.objects.superseded().values("pk"))
    if group in IslandGroup.values:
        masterplans = masterplans.filter(region__province__island_group=group)
    cohort = request.GET.get("cohort", "")
    if (cohort_id := id_param(cohort)) is not None:
        masterplans = masterplans.filter(cohort_id=cohort_id)
    province = request.GET.get("province", "")
    if province:
        masterplans = masterplans.filter(region__province__code=province)
    if query:
        masterplans = masterplans.filter(
            Q(title__icontains=query) | Q(region__name__icontains=query)
        )
    found = listing(
        request,
        masterplans.select_related("region__province").order_by("region__code", "-edition"),
        LIST_COLUMNS,
        per_page=PAGE_SIZE,
        filename="masterplan",
    )
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "masterplans/list.html",
        {
            "page": found.page,
            "listing": found,
            "statuses": Status.choices,
            "groups": IslandGroup.choices,
            "status": status,
            "edition": edition,
            "island_group": group,
            "cohorts": SelectionRound.objects.published().order_by("year", "pk"),
            "cohort": cohort,
            "q": query,
            "query": found.query,
            "can_create": creatable_regions(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def masterplan_new(request: HttpRequest) -> HttpResponse:
    regions = creatable_regions(request.user)
    if not regions.exists():
        raise PermissionDenied
    form = MasterplanCreateForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            masterplan = masterplan_create(user=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except WorkflowError as exc:
            form.add_error("region", str(exc))
        else:
            return redirect("masterplans:edit", masterplan.pk)
    return render(request, "masterplans/new.html", {"form": form})


def _programs(masterplan: Masterplan) -> list[Program]:
    return list(
        masterplan.programs.select_related("answers").prefetch_related(
            "budget_lines", "steps", "kpis__targets"
        )
    )


def _by_dimension(programs: list[Program]) -> list[dict[str, Any]]:
    return [
        {
            "key": value,
            "label": label,
            "programs": [p for p in programs if p.dimension == value],
        }
        for value, label in Dimension.choices
    ]


def masterplan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    masterplan = get_masterplan_for_user(request.user, pk)
    programs = _programs(masterplan)
    table = budget_table(masterplan)
    can_edit = masterplan.is_editable and access.can(
        request.user, "masterplan.edit", masterplan.region
    )
    can_see_comments = access.can(request.user, "masterplan.view_draft", masterplan.region)
    return render(
        request,
        "masterplans/detail.html",
        {
            "masterplan": masterplan,
            "advisers": region_advisers(masterplan.region) if can_see_comments else [],
            "dimensions": _by_dimension(programs),
            "quick_wins": [p for p in programs if p.is_quick_win],
            "analysis": masterplan.analysis.all(),
            "checks": run_checks(masterplan) if not masterplan.is_public else None,
            "transitions": available_transitions(masterplan, request.user),
            "transition_form": TransitionForm(),
            "can_edit": can_edit,
            "can_see_comments": can_see_comments,
            "can_new_edition": masterplan.status == Status.ENACTED
            and access.can(request.user, "masterplan.edit", masterplan.region)
            and not Masterplan.objects.filter(previous=masterplan).exists(),
            "versions": readable_versions(masterplan, request.user),
            "roadmap": roadmap_svg(masterplan, programs=programs) if programs else "",
            "budget": table,
            "budget_chart": budget_svg(masterplan, table=table) if table.rows else "",
            # What the reviewers asked for, beside the team's next step.
            "revision": masterplan.versions.filter(status=Status.REVISION)
            .select_related("created_by")
            .order_by("-number")
            .first()
            if masterplan.status == Status.REVISION and can_see_comments
            else None,
        },
    )


def _editable(request: HttpRequest, pk: int) -> Masterplan:
    masterplan = get_masterplan_for_user(request.user, pk, "masterplan.edit")
    if not masterplan.is_editable:
        messages.error(
            request,
            _("A masterplan that is %(status)s cannot be changed.")
            % {"status": masterplan.get_status_display()},
        )
        raise _Redirect(masterplan)
    return masterplan


class _Redirect(Exception):
    def __init__(self, masterplan: Masterplan) -> None:
        self.masterplan = masterplan


def _redirects(view: Any) -> Any:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response: HttpResponse = view(request, *args, **kwargs)
            return response
        except _Redirect as exc:
            return redirect("masterplans:detail", exc.masterplan.pk)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@login_required
@require_http_methods(["GET", "POST"])
@_redirects
def masterplan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor's home: the head of the masterplan, the program list and the checklist."""
    masterplan = _editable(request, pk)
    conflict = None
    initial = {
        "missions": "\n".join(m.text for m in masterplan.missions.all()),
        "targets": "\n".join(t.text for t in masterplan.targets.all()),
        "version": masterplan.version,
    }
    form = OverviewForm(request.POST or None, instance=masterplan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in OverviewForm.Meta.fields}
        try:
            save_overview(
                masterplan,
                request.user,
                base_version=data["version"],
                values=values,
                missions=OverviewForm.lines(data["missions"]),
                targets=OverviewForm.lines(data["targets"]),
            )
        except VersionConflict as exc:
            conflict = exc
            post = request.POST.copy()
            post["version"] = str(exc.version)
            form = OverviewForm(post, instance=masterplan)
        else:
            messages.success(request, _("Saved."))
            return redirect("masterplans:edit", masterplan.pk)
    return _edit_page(request, masterplan, form, conflict=conflict)


def _overview_form(masterplan: Masterplan) -> OverviewForm:
    initial = {
        "missions": "\n".join(m.text for m in masterplan.missions.all()),
        "targets": "\n".join(t.text for t in masterplan.targets.all()),
        "version": masterplan.version,
    }
    return OverviewForm(instance=masterplan, initial=initial)


def _edit_page(
    request: HttpRequest,
    masterplan: Masterplan,
    form: OverviewForm | None = None,
    *,
    analysis_form: AnalysisItemForm | None = None,
    conflict: VersionConflict | None = None,
) -> HttpResponse:
    """The editor's home; a form posted with errors comes back as typed."""
    return render(
        request,
        "masterplans/edit.html",
        {
            "masterplan": masterplan,
            "form": form or _overview_form(masterplan),
            "conflict": conflict,
            "dimensions": _by_dimension(_programs(masterplan)),
            "analysis": masterplan.analysis.all(),
            "analysis_form": analysis_form or AnalysisItemForm(),
            "readiness_gaps": _readiness_gaps(masterplan),
            "dimension_choices": Dimension.choices,
        },
        status=409 if conflict else 200,
    )


def masterplan_checklist(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist alone, for htmx to refresh while the team edits; opened as a page, the
    masterplan's page at its checklist."""
    masterplan = get_masterplan_for_user(request.user, pk, "masterplan.view_draft")
    if not request.headers.get("HX-Request"):
        return redirect(reverse("masterplans:detail", args=[masterplan.pk]) + "#checklist")
    return render(
        request,
        "masterplans/_checklist.html",
        {"masterplan": masterplan, "checks": run_checks(masterplan)},
    )


@login_required
@require_POST
@_redirects
def analysis_add(request: HttpRequest, pk: int) -> HttpResponse:
    masterplan = _editable(request, pk)
    form = AnalysisItemForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, masterplan, analysis_form=form)
    add_analysis_item(masterplan, request.user, form.save(commit=False))
    messages.success(request, _("Added to the analysis."))
    return redirect(reverse("masterplans:edit", args=[masterplan.pk]) + "#analisis")


@login_required
@require_POST
@_redirects
def analysis_delete(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    masterplan = _editable(request, pk)
    delete_analysis_item(masterplan, request.user, get_object_or_404(masterplan.analysis, pk=item))
    messages.success(request, _("Removed from the analysis."))
    return redirect(reverse("masterplans:edit", args=[masterplan.pk]) + "#analisis")


@login_required
@require_http_methods(["GET", "POST"])
@_redirects
def program_edit(request: HttpRequest, pk: int, program: int | None = None) -> HttpResponse:
    masterplan = _editable(request, pk)
    instance = (
        get_object_or_404(masterplan.programs.prefetch_related("kpis__targets"), pk=program)
        if program
        else Program(
            masterplan=masterplan,
            start_year=masterplan.start_year,
            end_year=masterplan.start_year + 1,
        )
    )
    more = request.POST.get("more")
    if more in ("budget", "kpi", "step"):
        # "More lines": the same form, as typed, with blank rows added; nothing is saved.
        data = request.POST.copy()
        total = int_param(data.get(f"{more}-TOTAL_FORMS"), 0)
        data[f"{more}-TOTAL_FORMS"] = str(min(total + 3, 1000))
        editor = ProgramEditor(data, masterplan=masterplan, program=instance)
        return render(
            request,
            "masterplans/program_form.html",
            {"masterplan": masterplan, "editor": editor, "form": editor.form, "program": instance},
        )
    editor = ProgramEditor(request.POST or None, masterplan=masterplan, program=instance)
    conflict = None
    if request.method == "POST" and editor.is_valid():
        try:
            saved = save_program(
                masterplan,
                instance,
                editor.content(),
                request.user,
                base_version=editor.form.cleaned_data.get("version"),
            )
        except VersionConflict as exc:
            conflict = exc
            post = request.POST.copy()
            post["version"] = str(exc.version)
            editor = ProgramEditor(post, masterplan=masterplan, program=instance)
            editor.is_valid()
        else:
            messages.success(request, _("Program %(code)s saved.") % {"code": saved.code})
            return redirect(reverse("masterplans:edit", args=[masterplan.pk]) + "#program")
    return render(
        request,
        "masterplans/program_form.html",
        {
            "masterplan": masterplan,
            "editor": editor,
            "form": editor.form,
            "program": instance,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@login_required
@require_POST
@_redirects
def program_delete(request: HttpRequest, pk: int, program: int) -> HttpResponse:
    masterplan = _editable(request, pk)
    doomed = get_object_or_404(masterplan.programs, pk=program)
    asked = confirmation(
        request,
        _("Remove program %(code)s %(title)s?") % {"code": doomed.code, "title": doomed.title},
        [
            _("The program leaves this draft with its KPIs, targets, budget lines and milestones."),
            _("Earlier versions of the masterplan keep it in their history."),
            _("A national administrator can restore it while the masterplan is a draft."),
        ],
        button=_("Remove this program"),
    )
    if asked:
        return asked
    delete_program(masterplan, request.user, doomed)
    messages.success(request, _("Program %(code)s removed.") % {"code": doomed.code})
    return redirect(reverse("masterplans:edit", args=[masterplan.pk]) + "#program")


# The steps that cannot be taken back, and what they do, as the confirmation says it.
IRREVERSIBLE = {
    "approve": [
        gettext_lazy(
            "The masterplan becomes public: anyone can read it, its programs and quick wins."
        ),
        gettext_lazy(
            "Its quarterly progress reports start: the region's team reports every quarter."
        ),
        gettext_lazy("It can then only be changed through a new edition."),
    ],
    "enact": [
        gettext_lazy(
            "The masterplan is recorded as enacted by the regional regulation (Perwali/Perbup)."
        ),
        gettext_lazy("It can then only be changed through a new edition."),
    ],
}


@login_required
@require_POST
def masterplan_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in TRANSITIONS:
        raise Http404
    masterplan = get_masterplan_for_user(request.user, pk, TRANSITIONS[name].action)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the note and the Perwali/Perbup date."))
        return redirect("masterplans:detail", masterplan.pk)
    if name in IRREVERSIBLE:
        asked = confirmation(
            request,
            _("%(step)s: %(masterplan)s?")
            % {
                "step": TRANSITIONS[name].label,
                "masterplan": f"{masterplan.title} ({masterplan.region.name})",
            },
            [str(text) for text in IRREVERSIBLE[name]],
            button=TRANSITIONS[name].label,
        )
        if asked:
            return asked
    try:
        transition(
            masterplan,
            name,
            request.user,  # type: ignore[arg-type]
            note=form.cleaned_data["note"],
            regulation_number=form.cleaned_data["regulation_number"],
            regulation_date=form.cleaned_data["regulation_date"],
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": TRANSITIONS[name].label})
    return redirect("masterplans:detail", masterplan.pk)


@login_required
@require_POST
def masterplan_new_edition(request: HttpRequest, pk: int) -> HttpResponse:
    masterplan = get_masterplan_for_user(request.user, pk, "masterplan.edit")
    try:
        edition = masterplan_edition_create(masterplan=masterplan, user=request.user)  # type: ignore[arg-type]
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("masterplans:detail", masterplan.pk)
    messages.success(request, _("Edition %(n)s started as a draft.") % {"n": edition.edition})
    return redirect("masterplans:edit", edition.pk)


def masterplan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """The versions kept at each status change, and the diff between any two of them."""
    masterplan = get_masterplan_for_user(request.user, pk)
    versions = readable_versions(masterplan, request.user)
    numbers = [v.number for v in versions]
    changes: list[dict[str, Any]] | None = None
    old = new = None
    if len(versions) >= 2:
        a = int_param(request.GET.get("a"), numbers[-2])
        b = int_param(request.GET.get("b"), numbers[-1])
        by_number = {v.number: v for v in versions}
        old, new = by_number.get(a), by_number.get(b)
        if old is not None and new is not None:
            sections = {
                "masterplan": _("masterplan"),
                "missions": _("missions"),
                "targets": _("targets"),
                "analysis": _("analysis"),
                "programs": _("programs"),
            }
            # The mentoring threads on each changed part, for those who may read them.
            threads: dict[tuple[str, str], list[Any]] = {}
            if access.can(request.user, "masterplan.view_draft", masterplan.region):
                from participation.services import threads_by_part

                threads = threads_by_part(masterplan, until=max(old.created_at, new.created_at))
            changes = [
                {"section": sections[c.section], "change": c, "threads": threads.get(c.part, [])}
                for c in diff(old.snapshot, new.snapshot)
            ]
    return render(
        request,
        "masterplans/versions.html",
        {
            "masterplan": masterplan,
            "versions": versions,
            "old": old,
            "new": new,
            "changes": changes,
        },
    )


LIBRARY_COLUMNS = [
    Column(
        "region",
        gettext_lazy("Region"),
        ("masterplan__region__name",),
        lambda p: p.masterplan.region.name,
    ),
    Column("code", gettext_lazy("Code"), ("code",)),
    Column("title", gettext_lazy("Program"), ("title",)),
    Column(
        "dimension", gettext_lazy("Dimension"), ("dimension",), lambda p: p.get_dimension_display()
    ),
    Column("opd", gettext_lazy("OPD"), ("opd",)),
    Column(
        "quick_win",
        gettext_lazy("Quick win"),
        ("is_quick_win",),
        lambda p: _("yes") if p.is_quick_win else _("no"),
    ),
    Column(
        "years", gettext_lazy("Years"), ("start_year",), lambda p: f"{p.start_year}–{p.end_year}"
    ),
    Column(
        "budget",
        gettext_lazy("Budget (Rp)"),
        (),
        lambda p: sum(line.amount for line in p.budget_lines.all()),
        num=True,
    ),
]


def program_library(request: HttpRequest) -> HttpResponse:
    """Every program of the published masterplans, searchable: what other regions planned."""
    access.require(request.user, "library.view")
    filters = {
        "dimension": request.GET.get("dimension", "")
        if request.GET.get("dimension", "") in Dimension.values
        else "",
        "island_group": request.GET.get("island_group", "")
        if request.GET.get("island_group", "") in IslandGroup.values
        else "",
        "source": request.GET.get("source", ""),
        "quick_wins": request.GET.get("quick_wins", ""),
        # What a figure of the national dashboard links to: its rows, as it counted them.
        "province": request.GET.get("province", "")[:10],
        "cohort": str(id_param(request.GET.get("cohort")) or ""),
        "edition": "current" if request.GET.get("edition") == "current" else "",
        "budget_year": str(id_param(request.GET.get("budget_year")) or ""),
        "realised_year": str(id_param(request.GET.get("realised_year")) or ""),
    }
    query = request.GET.get("q", "").strip()[:200]
    programs = search_programs(query, filters).prefetch_related("budget_lines")
    columns = list(LIBRARY_COLUMNS)
    if filters["budget_year"]:
        label = _("Planned %(year)s (Rp)") % {"year": filters["budget_year"]}
        columns.append(Column("year_planned", label, ("year_planned",), num=True))
    if filters["realised_year"]:
        label = _("Realised %(year)s (Rp)") % {"year": filters["realised_year"]}
        columns.append(Column("year_realised", label, ("year_realised",), num=True))
    found = listing(request, programs, columns, per_page=PAGE_SIZE, filename="program")
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "masterplans/library.html",
        {
            "page": found.page,
            "listing": found,
            "q": query,
            "filters": filters,
            "dimensions": Dimension.choices,
            "groups": IslandGroup.choices,
            "sources": FundingSource.choices,
            "query": found.query,
            "year_total": year_total(programs, filters),
        },
    )


def masterplan_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The masterplan book (PDF) or its workbook of programs, budgets and KPIs (Excel)."""
    masterplan = get_masterplan_for_user(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    if fmt == "xlsx":
        return attachment(masterplan_xlsx(masterplan), masterplan_filename(masterplan, fmt))
    # The book is typeset in the background: the person watches it on the job's page, or
    # takes the file at once when this version was typeset before.
    job = masterplan_book_job(masterplan=masterplan, user=request.user)
    if job.status == JobStatus.DONE:
        return redirect("jobs:file", job.pk)
    return redirect("jobs:detail", job.pk)


@login_required
@require_http_methods(["GET", "POST"])
@_redirects
def masterplan_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Import an edited workbook: programs updated by their code, nothing changed online
    overwritten and nothing removed without the team's choice, all or nothing."""
    masterplan = _editable(request, pk)
    problems: Any = []
    choices: ChoicesNeeded | None = None
    upload: WorkbookUpload | None = None
    if request.method == "POST":
        try:
            upload, problems = _workbook_upload(request, masterplan)
            if upload is not None:
                chosen = {
                    key.removeprefix("choice-"): value
                    for key, value in request.POST.items()
                    if key.startswith("choice-")
                }
                result = import_workbook(
                    masterplan,
                    io.BytesIO(upload.content),
                    request.user,
                    take=[code for code, value in chosen.items() if value == "take"],
                    keep=[code for code, value in chosen.items() if value == "keep"]
                    + request.POST.getlist("keep"),
                    remove=request.POST.getlist("remove"),
                )
        except ProgramImportError as exc:
            problems = exc.problems
        except ChoicesNeeded as exc:
            choices = exc
        except WorkflowError as exc:
            messages.error(request, str(exc))
            return redirect("masterplans:detail", masterplan.pk)
        else:
            if upload is not None:
                upload.delete()
                messages.success(request, _import_summary(result))
                return redirect(reverse("masterplans:edit", args=[masterplan.pk]) + "#program")
        if upload is not None and choices is None:
            upload.delete()
            upload = None
    return render(
        request,
        "masterplans/import.html",
        {
            "masterplan": masterplan,
            "problems": problems,
            "choices": choices,
            "upload": upload,
            "limits": sheets.limits(),
        },
        status=409 if choices else 200,
    )


def _workbook_upload(request: HttpRequest, masterplan: Masterplan) -> tuple[Any, list[str]]:
    """The workbook of this step: a new file, or the one kept from the step before."""
    pending = request.POST.get("upload", "")
    user = cast(User, request.user)  # the editor's page: signed in
    WorkbookUpload.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
    if pending:
        upload = WorkbookUpload.objects.filter(
            pk=int_param(pending, 0), masterplan=masterplan, user=user
        ).first()
        if upload is None:
            return None, [_("This import is no longer waiting: upload the workbook again.")]
        return upload, []
    file, problem = posted_workbook(request)
    if file is None:
        return None, [problem]
    return (
        WorkbookUpload.objects.create(
            masterplan=masterplan,
            user=user,
            file_name=(file.name or "")[:200],
            content=file.read(),
        ),
        [],
    )


def _import_summary(result: ImportResult) -> str:
    return _(
        "Workbook imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
        "%(kept)s kept as they are online, %(removed)s removed."
    ) % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "kept": result.kept,
        "removed": result.removed,
    }


def _readiness_gaps(masterplan: Masterplan) -> list[Any]:
    """Gaps of the region's latest readiness assessment not yet in the analysis."""
    from readiness.models import Assessment
    from readiness.profile import readiness_gaps

    assessment = (
        Assessment.objects.filter(region=masterplan.region_id)
        .order_by("-questionnaire__cohort__year", "-pk")
        .first()
    )
    if assessment is None:
        return []
    used = set(
        masterplan.analysis.exclude(readiness_ref="").values_list("readiness_ref", flat=True)
    )
    return [g for g in readiness_gaps(assessment) if str(g.answer.item_id) not in used]
