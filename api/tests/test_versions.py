"""No lost update through the API, for every versioned write of the route table
(access_matrix.API_VERSIONED): without a version 428, from a version that is not the current
one 412 (a future one too), nothing written either way; with the ETag of a read, it goes
through."""

import json
from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from kotacerdas import access_matrix as matrix
from kotacerdas.tests.test_forms_as_typed import _database
from kotacerdas.tests.world import fill

pytestmark = pytest.mark.django_db
CASES = sorted(matrix.API_VERSIONED)


def test_every_versioned_write_is_a_route_of_the_table() -> None:
    assert set(matrix.API_VERSIONED) <= set(matrix.API)


def _request(users: dict[str, Any], method: str, path: str, **headers: str) -> tuple[str, Any]:
    rule = matrix.API[(method, path)]
    check = rule.checks[0]
    preferred = [p for p in ("editor", "lead", "officer") if p in check.allowed]
    assert preferred, f"no persona may {method} {path}"
    user = users[preferred[0]]
    url = path
    for key, value in rule.kwargs.items():
        url = url.replace("{" + key + "}", str(fill(value, users)))
    body = {k: fill(v, users) for k, v in check.data.items() if k != "version"}
    token = ApiToken.issue(user=user, name="versi")[1]
    return url, {
        "data": json.dumps(body),
        "content_type": "application/json",
        "headers": {"Authorization": f"Bearer {token}", **headers},
    }


@pytest.mark.parametrize(("method", "path"), CASES)
def test_a_write_without_its_version_is_428_and_writes_nothing(
    world, db, method: str, path: str
) -> None:  # type: ignore[no-untyped-def]
    url, request = _request(world, method, path)
    before = _database()
    response = Client().generic(method, url, **request)
    assert response.status_code == 428, (url, response.status_code, response.content[:300])
    assert response.json()["error"]["code"] == "version_required"
    assert _database() == before


@pytest.mark.parametrize(("method", "path"), CASES)
@pytest.mark.parametrize("version", ["99999", "0000000000000000"])
def test_a_write_from_a_version_that_is_not_the_current_one_is_412(
    world, db, method: str, path: str, version: str
) -> None:  # type: ignore[no-untyped-def]
    url, request = _request(world, method, path, **{"If-Match": f'"{version}"'})
    before = _database()
    response = Client().generic(method, url, **request)
    assert response.status_code == 412, (url, response.status_code, response.content[:300])
    assert response.json()["error"]["code"] == "version_conflict"
    assert _database() == before


@pytest.mark.parametrize(("method", "path"), [case for case in CASES if matrix.API_VERSIONED[case]])
def test_a_write_with_the_etag_of_a_read_goes_through(world, db, method: str, path: str) -> None:  # type: ignore[no-untyped-def]
    url, request = _request(world, method, path)
    read = matrix.API_VERSIONED[(method, path)]
    read_url = read
    for key, value in matrix.API[(method, path)].kwargs.items():
        read_url = read_url.replace("{" + key + "}", str(fill(value, world)))
    read_response = Client().get(read_url, headers=request["headers"])
    assert read_response.status_code == 200 and read_response.has_header("ETag"), read_url
    etag = read_response["ETag"]
    request["headers"]["If-Match"] = etag
    response = Client().generic(method, url, **request)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["ETag"] != etag or response.json().get("version") != etag.strip('"')
    # The same write from the same, now old, version is refused.
    again = Client().generic(method, url, **request)
    assert again.status_code == 412, (url, again.status_code)
