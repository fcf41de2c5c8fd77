"""A region's commitments over the API: the same readers as the page, contacts included for
them, nothing for the public or another region's team."""

from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from commitments.tests.factories import make_commitments
from regions.models import Region

pytestmark = pytest.mark.django_db

URL = "/api/v1/regions/32.73/commitments"


def test_the_team_reads_bodies_members_decrees_statement_contacts_and_what_is_missing(
    client: Client, owner: User, token_for: Any, cohort: Any, bandung: Region
) -> None:
    auth = {"Authorization": token_for(owner)}
    empty = client.get(URL, headers=auth).json()
    assert empty["cohort"] == cohort.pk
    assert empty["bodies"] == [] and empty["statement"] is None and empty["contacts"] == []
    assert len(empty["missing"]) == 6
    make_commitments(bandung)
    body = client.get(URL, headers=auth).json()
    assert body["missing"] == []
    assert [b["kind"] for b in body["bodies"]] == ["council", "team"]
    council = body["bodies"][0]
    assert council["decree"]["number"] == "050/Kep.101-Diskominfo/2017"
    assert council["decree"]["date"] == "2017-07-03"
    assert council["decree"]["scan_url"] == "/wilayah/32.73/komitmen/berkas/sk-dewan/"
    assert council["members"][0] == {
        "name": "Kepala daerah",
        "role": "ketua",
        "opd": "Setda",
        "position": "",
    }
    assert body["statement"]["signed_on"] == "2017-07-10"
    assert body["contacts"] == [
        {
            "name": "Narahubung Diskominfo",
            "position": "Kepala Bidang Aplikasi Informatika",
            "opd": "Dinas Komunikasi dan Informatika",
            "email": "smartcity@contoh.go.id",
            "phone": "022 423 4567",
            "primary": True,
        }
    ]


def test_a_national_viewer_reads_them_too(
    client: Client, viewer: User, token_for: Any, bandung: Region
) -> None:
    make_commitments(bandung)
    response = client.get(URL, headers={"Authorization": token_for(viewer)})
    assert response.status_code == 200 and response.json()["cohort"] is None


def test_nobody_else_reads_them(
    client: Client, outsider: User, token_for: Any, bandung: Region
) -> None:
    make_commitments(bandung)
    assert client.get(URL).status_code == 401
    refused = client.get(URL, headers={"Authorization": token_for(outsider)})
    assert refused.status_code == 403 and set(refused.json()) == {"error"}
    assert b"contoh.go.id" not in refused.content
    missing = client.get(
        "/api/v1/regions/99.99/commitments", headers={"Authorization": token_for(outsider)}
    )
    assert missing.status_code == 404
