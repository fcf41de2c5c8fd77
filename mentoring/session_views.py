"""Pages of a region's own bimtek session: schedule it, upload its minutes, read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from audit.versioning import StaleEdit
from kotacerdas.downloads import stored_file
from mentoring.access import get_session_for_user
from mentoring.forms import MinutesForm, SessionForm
from mentoring.services import MentoringError, region_advisers
from mentoring.sessions import SESSION_FIELDS, minutes_upload, session_defaults, session_save


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, cohort: int, number: int, code: str) -> HttpResponse:
    """Schedule a stage for one region (or change it): the national team."""
    session = get_session_for_user(request.user, cohort, number, code, "workshop.manage", new=True)
    workshop, region = session.workshop, session.region
    people = {str(m.user_id): m.user for m in region_advisers(region)}
    for mentor in session.mentors.all() if session.pk else []:
        people.setdefault(str(mentor.pk), mentor)
    choices = [(pk, u.get_full_name() or u.username) for pk, u in people.items()]
    if session.pk:
        initial = {name: getattr(session, name) for name in SESSION_FIELDS}
        initial["mentors"] = [str(m.pk) for m in session.mentors.all()]
        initial["version"] = session.version
    else:
        initial = {**session_defaults(workshop), "mentors": list(people), "version": 0}
    form = SessionForm(request.POST or None, mentors=choices, initial=initial)
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            session_save(
                workshop=workshop,
                region=region,
                values={name: form.cleaned_data[name] for name in SESSION_FIELDS},
                mentors=list(User.objects.filter(pk__in=form.cleaned_data["mentors"])),
                base_version=form.cleaned_data["version"],
            )
        except StaleEdit as exc:
            conflict, status = exc, 409
            data = request.POST.copy()
            data["version"] = str(exc.version)
            form = SessionForm(data, mentors=choices)
        except MentoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Bimtek %(number)s of %(region)s saved.")
                % {"number": workshop.number, "region": region.name},
            )
            return redirect("mentoring:workshops", cohort)
    return render(
        request,
        "mentoring/session_form.html",
        {"session": session, "workshop": workshop, "form": form, "conflict": conflict},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_minutes(request: HttpRequest, cohort: int, number: int, code: str) -> HttpResponse:
    """Upload the minutes of a region's session: national team, the region's team, mentors."""
    session = get_session_for_user(request.user, cohort, number, code, "workshop.minutes")
    form = MinutesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_upload(session=session, upload=form.cleaned_data["minutes"])
        except MentoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The minutes were uploaded."))
            return redirect("mentoring:workshops", cohort)
    return render(
        request,
        "mentoring/session_minutes.html",
        {"session": session, "workshop": session.workshop, "form": form},
    )


@login_required
def session_minutes_file(request: HttpRequest, cohort: int, number: int, code: str) -> FileResponse:
    session = get_session_for_user(request.user, cohort, number, code, "workshop.minutes_view")
    return stored_file(session.minutes, session.minutes_name or "notulen")
