"""Numbers read from a request: what the user typed into a URL or a form field is never
trusted to be one."""

from django.http import HttpRequest


def int_param(value: str | None, default: int) -> int:
    """``value`` as an integer, ``default`` when it is missing or not a number."""
    try:
        return int(value) if value else default
    except ValueError:
        return default


def posted_id(request: HttpRequest, name: str) -> int:
    """An id from the posted form, 0 (matching nothing) when it is not a plausible one."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else 0
