"""What is waiting for you: the worklist, the notifications, and how they reach your e-mail."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import access
from inbox.forms import PreferenceForm
from inbox.models import Notification
from inbox.services import mark_read, preference_of, unread_count
from inbox.worklist import Group, Task, tasks_for
from kotacerdas.paging import filters_query, page_of
from kotacerdas.params import posted_id

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in: the work waiting for them, then what they were
    told; its buttons mark one notification read, or all of them."""
    access.require(request.user, "account.use")
    user = request.user
    if request.method == "POST":
        pk = posted_id(request, "notification") if "notification" in request.POST else None
        mark_read(user=user, pk=pk)  # type: ignore[arg-type]
        return redirect("inbox:home")
    mine = Notification.objects.filter(user_id=int(user.pk or 0))
    only_unread = request.GET.get("unread") == "1"
    if only_unread:
        mine = mine.filter(read_at=None)
    tasks = tasks_for(user, timezone.localdate())
    return render(
        request,
        "inbox/home.html",
        {
            "page": page_of(request, mine, PAGE_SIZE),
            "only_unread": only_unread,
            "query": filters_query(request),
            "tasks": tasks,
            "task_counts": _counts(tasks),
            "unread": unread_count(user),  # type: ignore[arg-type]
            "preference": preference_of(user),  # type: ignore[arg-type]
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "account.use")
    preference = preference_of(request.user)  # type: ignore[arg-type]
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        if form.has_changed() or preference.pk is None:
            form.save()
        messages.success(request, _("Your choice is saved."))
        return redirect("inbox:home")
    return render(request, "inbox/preferences.html", {"form": form})


def _counts(tasks: list[Task]) -> list[tuple[Any, int]]:
    """How many tasks of each kind, in the order of the kinds, for the top of the page."""
    counts = Counter(t.group for t in tasks)
    return [(Group(g).label, counts[g]) for g in Group.values if counts[g]]


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the number of unread notifications, for the bell in the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
