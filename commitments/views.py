"""Pages of a region's commitments: the overview with what is missing, the editors of the
Dewan Smart City and the Tim Pelaksana Smart City (SK and members), of the commitment
statement and of the contact persons, and the scans."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts import access
from audit.versioning import StaleEdit
from commitments.access import get_region_commitments_for_user
from commitments.forms import MAX_ROWS, BodyEditor, ContactsEditor, StatementForm
from commitments.models import Body, BodyKind, Contact, Statement
from commitments.services import (
    CommitmentError,
    body_removals,
    body_save,
    commitments_of,
    contact_removals,
    contacts_save,
    contacts_version,
    statement_save,
)
from enrolment.services import cohort_of
from kotacerdas.confirm import confirmation
from kotacerdas.downloads import stored_file
from kotacerdas.params import int_param
from regions.models import Region

# The scans a region's commitments hold, by the name in their address.
SCANS = {"sk-dewan": BodyKind.COUNCIL, "sk-tim": BodyKind.TEAM, "pernyataan": "statement"}


def _refused(form: Form, exc: CommitmentError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _removal_asked(
    request: HttpRequest, title: str, names: list[str], button: str
) -> HttpResponse | None:
    """The confirmation a save that removes people asks first (None once confirmed)."""
    consequences = [
        *names,
        _("The other changes are saved with it."),
        _("A national administrator can restore a removed person from “Deleted records”."),
    ]
    if request.FILES:
        consequences.append(_("The file you chose is not sent again: choose it once more after."))
    return confirmation(request, title, consequences, button=button)


def _more_rows(request: HttpRequest, prefix: str) -> Any:
    """The posted form as typed with three blank rows more (nothing is saved)."""
    data = request.POST.copy()
    total = int_param(data.get(f"{prefix}-TOTAL_FORMS"), 0)
    data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 3, MAX_ROWS))
    return data


@login_required
def overview(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_commitments_for_user(request.user, code)
    state = commitments_of(region)
    bodies = [
        (kind, BodyKind(kind).label, state.bodies[kind], reverse(name, args=[code]), scan_name)
        for kind, name, scan_name in (
            (BodyKind.COUNCIL, "commitments:council", "sk-dewan"),
            (BodyKind.TEAM, "commitments:team", "sk-tim"),
        )
    ]
    return render(
        request,
        "commitments/overview.html",
        {
            "region": region,
            "state": state,
            "bodies": bodies,
            "cohort": cohort_of(region.code),
            "head": region.head_title,
            "can_edit": access.can(request.user, "commitment.edit", region),
        },
    )


def _body(region: Region, kind: str) -> Body | None:
    return Body.objects.filter(region=region, kind=kind).first()


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """The SK forming the Dewan or the Tim Pelaksana, and its members one row each."""
    region = get_region_commitments_for_user(request.user, code, "commitment.edit")
    body = _body(region, kind)
    context = {"region": region, "kind": kind, "title": BodyKind(kind).label}
    if request.POST.get("more") == "members":
        editor = BodyEditor(_more_rows(request, "members"), body=body)
        return render(request, "commitments/body_form.html", {**context, "editor": editor})
    data = request.POST if request.method == "POST" else None
    editor = BodyEditor(data, request.FILES or None, body=body)
    status, conflict = 200, None
    if request.method == "POST" and editor.is_valid():
        values = editor.form.cleaned_data
        members = editor.member_inputs()
        removed = body_removals(
            region=region, kind=kind, members=members, base_version=values["version"]
        )
        if removed:
            asked = _removal_asked(
                request,
                ngettext(
                    "Remove %(count)d member from the %(body)s?",
                    "Remove %(count)d members from the %(body)s?",
                    len(removed),
                )
                % {"count": len(removed), "body": BodyKind(kind).label},
                [str(member) for member in removed],
                ngettext("Remove the member and save", "Remove the members and save", len(removed)),
            )
            if asked:
                return asked
        try:
            body_save(
                region=region,
                kind=kind,
                decree_number=values["decree_number"],
                decree_date=values["decree_date"],
                decree_scan=values["decree_scan"],
                members=members,
                base_version=values["version"],
                user=request.user,
            )
        except StaleEdit as exc:
            conflict, status = exc, 409
            posted = request.POST.copy()
            posted["version"] = str(exc.version)
            editor = BodyEditor(posted, body=_body(region, kind))
        except CommitmentError as exc:
            _refused(editor.form, exc)
        else:
            messages.success(
                request,
                _("The %(body)s of %(region)s was saved.")
                % {"body": BodyKind(kind).label, "region": region.name},
            )
            return redirect("commitments:overview", region.code)
    return render(
        request,
        "commitments/body_form.html",
        {**context, "editor": editor, "conflict": conflict},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_commitments_for_user(request.user, code, "commitment.edit")
    statement = Statement.objects.filter(region=region).first()
    data = request.POST if request.method == "POST" else None
    form = StatementForm(data, request.FILES or None, initial=StatementForm.initial_for(statement))
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            statement_save(
                region=region,
                text=form.cleaned_data["text"],
                signed_by=form.cleaned_data["signed_by"],
                signed_on=form.cleaned_data["signed_on"],
                scan=form.cleaned_data["scan"],
                base_version=form.cleaned_data["version"],
                user=request.user,
            )
        except StaleEdit as exc:
            conflict, status = exc, 409
            posted = request.POST.copy()
            posted["version"] = str(exc.version)
            form = StatementForm(posted)
        except CommitmentError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("The commitment statement of %(region)s was saved.") % {"region": region.name},
            )
            return redirect("commitments:overview", region.code)
    return render(
        request,
        "commitments/statement_form.html",
        {"region": region, "form": form, "conflict": conflict, "head": region.head_title},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contacts_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The region's contact persons (narahubung), one row each."""
    region = get_region_commitments_for_user(request.user, code, "commitment.edit")
    contacts = list(Contact.objects.filter(region=region).order_by("order", "pk"))
    version = contacts_version(region)
    if request.POST.get("more") == "contacts":
        editor = ContactsEditor(_more_rows(request, "contacts"), contacts=contacts, version=version)
        return render(
            request, "commitments/contacts_form.html", {"region": region, "editor": editor}
        )
    data = request.POST if request.method == "POST" else None
    editor = ContactsEditor(data, contacts=contacts, version=version)
    status, conflict = 200, None
    if request.method == "POST" and editor.is_valid():
        rows = editor.contact_inputs()
        removed = contact_removals(
            region=region, contacts=rows, base_version=editor.form.cleaned_data["version"]
        )
        if removed:
            asked = _removal_asked(
                request,
                ngettext(
                    "Remove %(count)d contact person?",
                    "Remove %(count)d contact persons?",
                    len(removed),
                )
                % {"count": len(removed)},
                [contact.name for contact in removed],
                ngettext(
                    "Remove the contact person and save",
                    "Remove the contact persons and save",
                    len(removed),
                ),
            )
            if asked:
                return asked
        try:
            contacts_save(
                region=region,
                contacts=rows,
                base_version=editor.form.cleaned_data["version"],
                user=request.user,
            )
        except StaleEdit as exc:
            conflict, status = exc, 409
            posted = request.POST.copy()
            posted["version"] = str(exc.version)
            editor = ContactsEditor(posted, contacts=contacts, version=str(exc.version))
        except CommitmentError as exc:
            _refused(editor.form, exc)
        else:
            messages.success(
                request,
                _("The contact persons of %(region)s were saved.") % {"region": region.name},
            )
            return redirect("commitments:overview", region.code)
    return render(
        request,
        "commitments/contacts_form.html",
        {"region": region, "editor": editor, "conflict": conflict},
        status=status,
    )


@login_required
def scan(request: HttpRequest, code: str, document: str) -> FileResponse:
    """A recorded scan (an SK, the signed statement), for those who may read the commitments."""
    region = get_region_commitments_for_user(request.user, code)
    kind = SCANS.get(document)
    file: FieldFile | None = None
    name = ""
    if kind == "statement":
        statement = Statement.objects.filter(region=region).first()
        if statement is not None:
            file, name = statement.scan, statement.scan_name
    elif kind is not None:
        body = _body(region, kind)
        if body is not None:
            file, name = body.decree_scan, body.decree_scan_name
    return stored_file(file, name or document)
