"""Every request body is a JSON object of the operation's own fields: a field it does not have
is refused by name (a typo never saves nothing in silence), and a body that is not an object
is a 400."""

import json

import pytest
from django.test import Client

from accounts.models import User
from regions.models import Region

pytestmark = pytest.mark.django_db


def _patch(client: Client, token: str, body: str):  # type: ignore[no-untyped-def]
    return client.patch(
        "/api/v1/regions/32.73",
        body,
        content_type="application/json",
        headers={"Authorization": token},
    )


def test_a_field_the_operation_does_not_have_is_refused_by_its_name(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    response = _patch(client, token_for(owner), json.dumps({"descripton": "typo", "version": 1}))
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["descripton"]
    assert Region.objects.get(code="32.73").version == 1


@pytest.mark.parametrize("body", ["[]", "[null, null]", "3", '"teks"'])
def test_a_body_that_is_not_an_object_is_a_400(
    client: Client, owner: User, token_for, body: str
) -> None:  # type: ignore[no-untyped-def]
    response = _patch(client, token_for(owner), body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_a_version_must_be_a_number_not_true_or_false(
    client: Client, owner: User, token_for
) -> None:  # type: ignore[no-untyped-def]
    response = _patch(client, token_for(owner), json.dumps({"description": "x", "version": True}))
    assert response.status_code == 422
    assert Region.objects.get(code="32.73").description == ""
