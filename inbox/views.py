"""What is waiting for you: the worklist, the notifications, and how they reach your e-mail."""

from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts import access
from inbox.forms import PreferenceForm
from inbox.models import Kind, Notification
from inbox.services import mark_read, preference_of, unread_count
from inbox.worklist import Group, Task, tasks_for
from kotacerdas.lists import Column, listing
from kotacerdas.params import posted_id

PAGE_SIZE = 25
# The notifications are a feed, newest first, not a table to sort: each is a sentence that
# already says what happened, where and who did it, so a column sorted by it or by its kind
# says nothing more, and sentences in narrow cells read worse (on a phone above all). The
# feed is filtered by state and kind instead, and downloads as filtered.
STATES = {"unread": gettext_lazy("unread"), "read": gettext_lazy("read")}
COLUMNS = [
    Column("created_at", gettext_lazy("When"), value=lambda n: n.created_at),
    Column("kind", gettext_lazy("kind"), value=lambda n: n.get_kind_display()),
    Column("message", gettext_lazy("notification"), value=lambda n: n.message),
    Column("region", gettext_lazy("Region"), value=lambda n: n.params.get("region", "")),
    Column("url", gettext_lazy("Link"), value=lambda n: f"{settings.KC_SITE_URL}{n.url}"),
    Column(
        "state", gettext_lazy("State"), value=lambda n: STATES["read" if n.read_at else "unread"]
    ),
]


@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in: the work waiting for them, then what they were
    told; its buttons mark one notification read, or all of them."""
    access.require(request.user, "account.use")
    user = request.user
    if request.method == "POST":
        pk = posted_id(request, "notification") if "notification" in request.POST else None
        # "all" under a kind filter: all of that kind, as the page shows them
        kind = request.GET.get("kind", "")
        mark_read(user=user, pk=pk, kind=kind if kind in Kind.values else "")  # type: ignore[arg-type]
        return redirect(request.get_full_path())  # back to the page, with its filters
    mine = Notification.objects.filter(user_id=int(user.pk or 0))
    received = set(mine.order_by().values_list("kind", flat=True).distinct())
    kinds = [(k, label) for k, label in Kind.choices if k in received]
    state = request.GET.get("state", "")
    if state in STATES:
        mine = mine.filter(read_at__isnull=state == "unread")
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        mine = mine.filter(kind=kind)
    found = listing(request, mine, COLUMNS, per_page=PAGE_SIZE, filename="notifikasi")
    if isinstance(found, HttpResponse):
        return found
    tasks = tasks_for(user, timezone.localdate())
    return render(
        request,
        "inbox/home.html",
        {
            "page": found.page,
            "listing": found,
            "query": found.query,
            "states": STATES,
            "state": state if state in STATES else "",
            "kinds": kinds,
            "kind": kind if kind in Kind.values else "",
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
    if preference.pk is None:  # never chosen: the e-mails offered in the language of the page
        preference.language = translation.get_language() or preference.language
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
