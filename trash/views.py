"""Deleted records, for a national administrator to find and restore."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts import access
from kotacerdas.confirm import confirmation
from kotacerdas.lists import Column, listing
from trash.models import Deleted
from trash.services import TrashError, trash_restore

PAGE_SIZE = 30
COLUMNS = [
    Column("label", gettext_lazy("What"), ("label",)),
    Column("region", gettext_lazy("Region"), ("region__name",), lambda e: e.region or ""),
    Column("deleted_at", gettext_lazy("Deleted"), ("deleted_at",), lambda e: e.deleted_at),
    Column("deleted_by", gettext_lazy("deleted by"), (), lambda e: e.deleted_by or "", shown=False),
    Column("restored_at", gettext_lazy("State"), ("restored_at",), lambda e: e.restored_at or ""),
]


@login_required
@require_GET
def deleted_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "trash.restore")
    rows = Deleted.objects.select_related("region", "deleted_by", "restored_by")
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(label__icontains=query)
    state = request.GET.get("state", "")
    if state == "deleted":
        rows = rows.restorable()
    elif state == "restored":
        rows = rows.exclude(restored_at=None)
    found = listing(request, rows, COLUMNS, per_page=PAGE_SIZE, filename="data-terhapus")
    if isinstance(found, HttpResponse):
        return found
    return render(
        request,
        "trash/list.html",
        {"page": found.page, "listing": found, "q": query, "state": state, "query": found.query},
    )


@login_required
@require_POST
def deleted_restore(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "trash.restore")
    entry = get_object_or_404(Deleted, pk=pk)
    asked = confirmation(
        request,
        _("Restore %(what)s?") % {"what": entry.label},
        [
            _(
                "It comes back as it was when deleted, with everything deleted along with it "
                "(%(count)s records), and the same links."
            ),
            _("Its history records who restored it."),
        ],
        button=_("Restore"),
    )
    if asked:
        return asked
    try:
        trash_restore(entry=entry, user=request.user)
    except TrashError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Restored: %(what)s.") % {"what": entry.label})
    return redirect("trash:list")
