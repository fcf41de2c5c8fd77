"""The one base of the domain's refusals, and so of the API's error answers.

A ``DomainError`` is a refusal the domain makes on purpose: a published evaluation that no
longer changes, a workbook with problems, an edit from a stale version. It carries what the
person asking is told (``message``, translated where it is raised, and ``str(exc)``), a short
machine ``code``, the HTTP ``status`` the API answers with and ``details`` (one
``{"field", "message"}`` each). A subclass sets its ``code`` and ``status`` as class defaults;
a raise site may override them for one refusal. The API maps the base once (``api.errors``);
a page shows ``str(exc)``.

Errors that are not refusals (a file that cannot be parsed, a PDF engine that is missing, a
data file that disagrees with its manifest) stay ordinary exceptions: their text is not meant
for the people using the platform.
"""

from collections.abc import Iterable, Mapping


class DomainError(Exception):
    code: str = "conflict"
    status: int = 409

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        details: Iterable[Mapping[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.details: list[dict[str, str]] = [
            {"field": d["field"], "message": d["message"]} for d in details or ()
        ]

    def __str__(self) -> str:
        return str(self.message)
