"""Evidence in S3 object storage (django-storages), as production with several app servers keeps
it (docs/deploy.md, section 9): against moto's S3 server over HTTP, through the real upload and
download views."""

from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from moto.server import ThreadedMotoServer

from accounts.models import User
from masterplans.tests.factories import make_masterplan
from monitoring.models import Evidence, ProgressReport
from monitoring.tests.test_views import report_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"bukti kegiatan " * 40
CREDENTIALS = {"access_key": "uji", "secret_key": "uji-rahasia", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto's standalone S3 server on a free loopback port, for the tests of this module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )


@pytest.fixture
def bucket(s3: Any, s3_endpoint: str, settings) -> str:  # type: ignore[no-untyped-def]
    """A new bucket, and uploads stored in it with the options docs/deploy.md names."""
    name = f"kotacerdas-bukti-{uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                **CREDENTIALS,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
                "location": "media",
            },
        },
    }
    return name


def objects(s3: Any, bucket: str) -> dict[str, bytes]:
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}


def download(client: Client, evidence: Evidence) -> tuple[int, bytes]:
    response = client.get(f"/pemantauan/bukti/{evidence.pk}/")
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


def test_evidence_uploaded_through_the_page_is_a_private_object_served_back_the_same(
    login, owner: User, colleague: User, s3: Any, bucket: str
) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    data = report_data(evidence=SimpleUploadedFile("ba-uji.pdf", PDF), caption="Berita acara")
    response = login(owner).post(f"/pemantauan/program/{program.pk}/laporan/", data)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    stored = objects(s3, bucket)
    assert list(stored) == [f"media/{evidence.file.name}"]
    assert evidence.file.name.startswith("bukti/") and stored[f"media/{evidence.file.name}"] == PDF
    grants = s3.get_object_acl(Bucket=bucket, Key=f"media/{evidence.file.name}")["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner's only
    assert "URI" not in grants[0]["Grantee"]  # no group (AllUsers) may read it
    # An approved masterplan's progress is public: its evidence too, streamed by the view.
    assert download(login(colleague), evidence) == (200, PDF)
    assert download(Client(), evidence) == (200, PDF)


def test_evidence_of_a_draft_in_the_bucket_is_refused_to_whoever_may_not_read_the_draft(
    login, owner: User, outsider: User, viewer: User, s3: Any, bucket: str
) -> None:
    draft = make_masterplan()
    report = ProgressReport.objects.create(
        program=draft.programs.get(code="GOV-01"), year=2027, quarter=1, status="on_track"
    )
    evidence = Evidence.objects.create(
        report=report,
        file=SimpleUploadedFile("ba-draf.pdf", PDF),
        kind="pdf",
        original_name="ba-draf.pdf",
        size=len(PDF),
    )
    assert objects(s3, bucket) == {f"media/{evidence.file.name}": PDF}
    assert download(login(outsider), evidence) == (404, b"")
    assert download(Client(), evidence) == (404, b"")
    assert download(login(owner), evidence) == (200, PDF)
    assert download(login(viewer), evidence) == (200, PDF)  # national roles read drafts


def test_an_upload_refused_by_access_or_by_content_puts_nothing_in_the_bucket(
    login, owner: User, outsider: User, s3: Any, bucket: str
) -> None:
    program = make_masterplan(status="approved").programs.get(code="GOV-01")
    url = f"/pemantauan/program/{program.pk}/laporan/"
    refused = login(outsider).post(url, report_data(evidence=SimpleUploadedFile("ba.pdf", PDF)))
    assert refused.status_code == 403
    wrong = login(owner).post(
        url, report_data(evidence=SimpleUploadedFile("foto.jpg", b"<script>x</script>"))
    )
    assert wrong.status_code == 200 and "bukan foto" in wrong.content.decode()
    assert objects(s3, bucket) == {} and not Evidence.objects.exists()
