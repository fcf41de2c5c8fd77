"""The completion award: every region that completes its masterplan gets its certificate."""

from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from masterplans.models import Masterplan, MasterplanVersion
from masterplans.tests.factories import make_masterplan
from masterplans.tests.test_book import pdf_text
from masterplans.workflow import masterplan_version_record
from selection.models import SelectionRound

pytestmark = pytest.mark.django_db


def finished(code: str, status: str, on: str | None, **fields) -> Masterplan:  # type: ignore[no-untyped-def]
    """A masterplan of ``code`` in ``status``; ``on``: the day the approval was recorded."""
    masterplan = make_masterplan(code, status=status, **fields)
    if on is not None:
        version = masterplan_version_record(masterplan=masterplan, user=None, note="Disetujui")
        moment = timezone.make_aware(datetime.fromisoformat(f"{on}T10:00"))
        MasterplanVersion.objects.filter(pk=version.pk).update(created_at=moment)
    return masterplan


def test_every_finisher_gets_a_certificate_and_no_one_else(
    client: Client, cohort: SelectionRound
) -> None:  # type: ignore[no-untyped-def]
    finished("32.73", "approved", "2018-03-14", cohort=cohort)  # Kota Bandung
    finished("32.75", "enacted", "2018-01-09", cohort=cohort)  # Kota Bekasi
    finished("73.71", "approved", None)  # Kota Makassar, entered without its history
    finished("33.72", "draft", None)  # Kota Surakarta: still writing
    first = finished("35.78", "enacted", "2019-02-01", is_demo=True)  # Kota Surabaya (demo)
    finished("35.78", "approved", "2029-05-05", edition=2, previous=first)

    page = client.get("/evaluasi/penyelesaian/")
    assert page.status_code == 200
    rows = [(c.region.code, c.completed_on) for c in page.context["page"]]
    assert [code for code, _day in rows] == ["32.75", "32.73", "35.78", "73.71"]
    assert dict(rows)["35.78"].isoformat() == "2019-02-01"  # its first completion, once
    assert dict(rows)["73.71"] is None
    assert "tidak tercatat" in page.content.decode()

    for code, name in [("32.73", "Kota Bandung"), ("73.71", "Kota Makassar")]:
        response = client.get(f"/evaluasi/penyelesaian/{code}/sertifikat.pdf")
        assert response.status_code == 200, code
        assert response["Content-Disposition"].endswith(f'piagam-penyelesaian-{code}.pdf"')
        text = pdf_text(response.content)
        assert "PIAGAM PENGHARGAAN" in text and name in text
    bandung = pdf_text(client.get("/evaluasi/penyelesaian/32.73/sertifikat.pdf").content)
    assert date_format(datetime(2018, 3, 14).date(), "DATE_FORMAT") in bandung
    assert "angkatan 2017" in bandung and "DATA DEMO" not in bandung
    surabaya = pdf_text(client.get("/evaluasi/penyelesaian/35.78/sertifikat.pdf").content)
    assert "DATA DEMO" in surabaya and "2019" in surabaya
    assert client.get("/evaluasi/penyelesaian/33.72/sertifikat.pdf").status_code == 404
    assert client.get("/evaluasi/penyelesaian/99.99/sertifikat.pdf").status_code == 404


def test_the_list_filters_by_cohort_and_province(client: Client, cohort: SelectionRound) -> None:
    finished("32.73", "approved", "2018-03-14", cohort=cohort)
    finished("73.71", "approved", "2018-04-01", cohort=cohort)
    finished("35.78", "approved", "2020-02-01")
    codes = lambda url: [c.region.code for c in client.get(url).context["page"]]  # noqa: E731
    assert codes("/evaluasi/penyelesaian/?cohort=2017") == ["32.73", "73.71"]
    assert codes("/evaluasi/penyelesaian/?province=73") == ["73.71"]
    assert codes("/evaluasi/penyelesaian/?cohort=x&province=zz") == ["32.73", "73.71", "35.78"]
