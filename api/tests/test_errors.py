"""One error idiom: a refusal of the domain (``kotacerdas.errors.DomainError``) raised anywhere
under an operation is answered from the refusal itself, in the one error shape; no operation
maps one by hand."""

import ast
import builtins
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import api
from audit.versioning import FieldChange, StaleEdit
from evaluation.models import Rubric, RubricStatus
from kotacerdas.errors import DomainError
from monitoring.services import ProgressError

pytestmark = pytest.mark.django_db
RESULTS = "/api/v1/evaluations/2027/results"


class Refused(DomainError):
    code = "refused_for_the_test"
    status = 418


@pytest.fixture
def published(db) -> Rubric:  # type: ignore[no-untyped-def]
    return Rubric.objects.create(year=2027, title="Evaluasi 2027", status=RubricStatus.PUBLISHED)


def _refusing(monkeypatch: pytest.MonkeyPatch, refusal: Exception) -> None:
    """The results service of a real operation refuses with ``refusal``."""

    def refuse(rubric: Rubric) -> Any:
        raise refusal

    monkeypatch.setattr("api.evaluation.evaluation_results", refuse)


@pytest.mark.parametrize(
    ("refusal", "status", "code", "details"),
    [
        (Refused("Ditolak."), 418, "refused_for_the_test", []),
        (
            Refused("Ditolak.", code="here", status=423, details=[{"field": "f", "message": "m"}]),
            423,
            "here",
            [{"field": "f", "message": "m"}],
        ),
        (ProgressError("Ditolak."), 409, "not_followed", []),
    ],
)
def test_a_refusal_raised_in_an_operation_is_answered_from_itself_in_the_one_shape(
    client: Client,
    published: Rubric,
    monkeypatch: pytest.MonkeyPatch,
    refusal: DomainError,
    status: int,
    code: str,
    details: list[dict[str, str]],
) -> None:
    _refusing(monkeypatch, refusal)
    response = client.get(RESULTS)
    assert response.status_code == status
    assert response.json() == {"error": {"code": code, "message": "Ditolak.", "details": details}}


def test_a_stale_edit_is_answered_with_412_and_the_current_version_as_etag(
    client: Client, published: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refusing(monkeypatch, StaleEdit(7, 5, [FieldChange("title", "Judul", "Lama", "Baru")]))
    response = client.get(RESULTS)
    assert response.status_code == 412
    assert response["ETag"] == '"7"'
    error = response.json()["error"]
    assert error["code"] == "version_conflict"
    assert "5" in error["message"]
    assert error["details"] == [{"field": "title", "message": "Baru"}]


def test_anything_else_is_a_500_whose_text_never_reaches_the_client(
    client: Client, published: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refusing(monkeypatch, RuntimeError("secret internals"))
    response = client.get(RESULTS)
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "secret" not in response.content.decode()


def _resolve(
    expression: ast.expr, names: dict[str, Any], imported: dict[str, Any]
) -> Iterator[Any]:
    if isinstance(expression, ast.Tuple):
        for element in expression.elts:
            yield from _resolve(element, names, imported)
    elif isinstance(expression, ast.Name):
        known = {**vars(builtins), **imported, **names}
        yield known[expression.id]
    elif isinstance(expression, ast.Attribute):
        for owner in _resolve(expression.value, names, imported):
            yield getattr(owner, expression.attr)
    else:
        raise AssertionError(f"cannot read the exception of {ast.unparse(expression)}")


def _refusals_caught(source: str, names: dict[str, Any]) -> list[str]:
    """Each ``except`` of ``source`` that catches a DomainError, as ``line: Class``; names
    are the module's, or imported inside a function."""
    tree = ast.parse(source)
    imported = {
        alias.asname or alias.name: getattr(importlib.import_module(node.module), alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    return [
        f"{handler.lineno}: {caught.__name__}"
        for handler in ast.walk(tree)
        if isinstance(handler, ast.ExceptHandler) and handler.type is not None
        for caught in _resolve(handler.type, names, imported)
        if issubclass(caught, DomainError)
    ]


def test_the_check_finds_a_refusal_mapped_by_hand() -> None:
    source = (
        "from api.errors import ApiError\n"
        "def operation():\n"
        "    try:\n"
        "        pass\n"
        "    except (KeyError, monitoring.services.ProgressError) as exc:\n"
        "        raise ApiError(409, 'not_followed', str(exc)) from exc\n"
        "    except ValueError:\n"
        "        pass\n"
    )
    names = {"monitoring": importlib.import_module("monitoring")}
    assert _refusals_caught(source, names) == ["5: ProgressError"]


def test_no_operation_maps_a_refusal_of_the_domain_by_hand() -> None:
    caught = {}
    for path in sorted(Path(api.__file__).parent.glob("*.py")):
        module = importlib.import_module("api" if path.stem == "__init__" else f"api.{path.stem}")
        found = _refusals_caught(path.read_text(encoding="utf-8"), vars(module))
        if found:
            caught[path.name] = found
    assert caught == {}
