"""Lists: one page of rows, and the list's filters kept in its page links
(templates/_pagination.html)."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, rows: Any, per_page: int, number: int | None = None) -> Page:
    """The page the request asks for (or ``number`` when it asks for none); the last one past
    the end, the first one for nonsense."""
    asked = request.GET.get("page") or number
    return Paginator(rows, per_page).get_page(asked)


def filters_query(request: HttpRequest) -> str:
    """The request's query string without ``page``: the filters every page link carries."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
