"""The kinds of long work: a small base class and a registry. An app declares its kinds in its
own ``jobs`` module (found when the app registry is ready), e.g. ``masterplans/jobs.py``."""

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.access import AnyUser

Step = Callable[[int], None]


class JobKind:
    """How one kind of job builds its file, who may see it and what the page calls it."""

    name: ClassVar[str]
    # What the page shows while it works, in order; the job reports which one it is at.
    steps: ClassVar[tuple[str | Promise, ...]]

    def check_access(self, user: AnyUser, params: dict[str, Any]) -> None:
        """Raise Http404 or PermissionDenied when ``user`` may not see this job or its file:
        the same rule as for what it is built from, checked again on every visit."""
        raise NotImplementedError

    def title(self, params: dict[str, Any]) -> str:
        raise NotImplementedError

    def back_url(self, params: dict[str, Any]) -> str:
        """The page the person came from."""
        raise NotImplementedError

    def build(self, params: dict[str, Any], step: Step) -> tuple[bytes, str]:
        """The file's content and name; calls ``step(i)`` as it reaches ``steps[i]``."""
        raise NotImplementedError

    def failure(self, error: Exception) -> str:
        """What the page says when the work failed (never the exception's own text)."""
        return _("Something went wrong on our side. Try again later.")


KINDS: dict[str, JobKind] = {}


K = TypeVar("K", bound=type[JobKind])


def register(kind: K) -> K:
    KINDS[kind.name] = kind()
    return kind
