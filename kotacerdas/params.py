"""Numbers read from a request: what the user typed into a URL or a form field is never
trusted to be one.

Only ASCII digits count (``str.isdigit`` also says yes to ``²``, and ``int`` reads Arabic-Indic
digits), at most nine of them: an id or a year past that matches nothing, and never reaches
the database as a number it cannot hold.
"""

import re

from django.http import HttpRequest

_PLAIN = re.compile(r"-?[0-9]{1,9}")


def int_param(value: str | None, default: int) -> int:
    """``value`` as an integer, ``default`` when it is missing or not a plain one."""
    if value and _PLAIN.fullmatch(value.strip()):
        return int(value)
    return default


def id_param(value: str | None) -> int | None:
    """A database id from the address, None when it is not a plausible one."""
    number = int_param(value, 0)
    return number if number > 0 else None


def posted_id(request: HttpRequest, name: str) -> int:
    """An id from the posted form, 0 (matching nothing) when it is not a plausible one."""
    return id_param(request.POST.get(name)) or 0
