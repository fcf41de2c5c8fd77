"""The team's stage and photo forms on a program's progress page: plan a stage or record it
reached; place a photo on the map, say whether it shows before or after, pair it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.versioning import StaleEdit
from masterplans.access import get_program_for_user
from monitoring.access import get_evidence_for_user
from monitoring.forms import EvidenceForm, StageForm
from monitoring.models import Stage
from monitoring.services import ProgressError, StageRefused, evidence_update, program_stage_save
from monitoring.views import back_to_program, program_page


@login_required
@require_POST
def stage_save(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request.user, pk, "progress.report")
    form = StageForm(request.POST)
    if not form.is_valid():
        return program_page(request, program, stage_form=form)
    try:
        program_stage_save(
            program=program,
            user=request.user,
            data=form.cleaned_data,
            base_version=form.cleaned_data.get("version") or 0,
        )
    except StaleEdit as exc:
        again = StageForm({**request.POST.dict(), "version": str(exc.version)})
        again.is_valid()
        return program_page(request, program, stage_form=again, conflict=exc)
    except StageRefused as exc:
        form.add_error("actual_date", str(exc))
        return program_page(request, program, stage_form=form)
    except ProgressError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Stage “%(stage)s” saved.") % {"stage": Stage(form.cleaned_data["stage"]).label},
        )
    return back_to_program(program)


@login_required
@require_POST
def evidence_save(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_evidence_for_user(request.user, pk, "progress.report")
    program = evidence.report.program
    form = EvidenceForm(request.POST, evidence=evidence)
    if not form.is_valid():
        return program_page(request, program, evidence_form=form)
    try:
        evidence_update(
            evidence=evidence,
            user=request.user,
            data=form.cleaned_data,
            base_version=form.cleaned_data["version"],
        )
    except StaleEdit as exc:
        data = {**request.POST.dict(), form.add_prefix("version"): str(exc.version)}
        again = EvidenceForm(data, evidence=evidence)
        again.is_valid()
        return program_page(request, program, evidence_form=again, conflict=exc)
    except ProgressError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Photo saved."))
    return back_to_program(program)
