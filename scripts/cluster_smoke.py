"""Smoke test of the cluster scripts/cluster.sh brings up: through nginx, in front of two app
instances, what must hold once the platform is scaled out (docs/deploy.md, section 10).

Each check prints one line, ``ok: ...`` or ``FAIL: ...``, and the exit status is 1 on any
failure. nginx names the instance behind each answer in an ``X-Upstream`` header (the cluster's
configuration only); its round robin alternates strictly, so the next request's instance is
known and, where it matters, chosen with a harmless request in between. A few requests go
straight to one instance, with the headers nginx would add, as the one-instance baseline.

Standard library only, plus boto3 (a dependency of the platform) to look into the S3 bucket.
"""

import argparse
import http.client
import itertools
import json
import os
import re
import secrets
import ssl
import struct
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

LOGIN = "/akun/masuk/"
# The realised budget the edit reports, as typed in Indonesian and as the dashboard shows it.
BUDGET_TYPED, BUDGET_SHOWN = "123.400.000", "Rp 123,4 juta"
MOST_ATTEMPTS = 12
BOOK_WAIT = 90.0  # seconds the worker may take to typeset the book


class Failure(Exception):
    """A check that did not hold, with what was seen instead."""


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes
    served_by: str  # an instance's name, or "nginx" for what nginx answers itself

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Cluster:
    def __init__(self, site: str, cafile: str, instances: dict[str, str]) -> None:
        parts = urlsplit(site)
        self.site = site
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 443
        self.tls = ssl.create_default_context(cafile=cafile)
        self.instances = instances
        self.names = {address: name for name, address in instances.items()}
        self.last: str | None = None  # the instance nginx passed the latest request to

    def send(
        self, method: str, path: str, body: bytes, headers: dict[str, str], direct: str | None
    ) -> Response:
        connection: http.client.HTTPConnection
        if direct:
            host, port = self.instances[direct].split(":")
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
        else:
            connection = http.client.HTTPSConnection(
                self.host, self.port, context=self.tls, timeout=30
            )
        try:
            connection.request(method, path, body=body or None, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
        finally:
            connection.close()
        upstream = answer.headers.get("X-Upstream")
        if direct:
            served = direct
        elif upstream:
            served = self.names.get(upstream, upstream)
            self.last = served
        else:
            served = "nginx"
        return Response(answer.status, answer.headers, data, served)

    def next_goes_to(self, name: str) -> None:
        """Make nginx pass the next request to ``name``: with two instances in strict
        alternation, that holds once the latest went to the other one."""
        for _ in range(3):
            if self.last is not None and self.last != name:
                return
            self.send("GET", "/tentang/", b"", {"User-Agent": "cluster-smoke"}, None)
        raise Failure(f"nginx does not alternate: the latest three requests went to {self.last}")


@dataclass
class Browser:
    """One visitor with their own cookies. ``direct`` talks to that instance alone, as nginx
    would, for a visitor at ``forwarded_for``."""

    cluster: Cluster
    direct: str | None = None
    forwarded_for: str = "10.77.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        *,
        on: str | None = None,
        form: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        json_body: dict[str, Any] | None = None,
    ) -> Response:
        origin = self.cluster.site
        headers = {"User-Agent": "cluster-smoke", "Accept-Language": "id"}
        if self.direct:
            origin = f"https://{self.cluster.instances[self.direct]}"
            headers.update({"X-Forwarded-Proto": "https", "X-Forwarded-For": self.forwarded_for})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = b""
        if method == "POST":
            headers.update({"Origin": origin, "Referer": origin + path})
        if files is not None:
            body, headers["Content-Type"] = multipart(form or {}, files)
        elif form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        if on is not None and not self.direct:
            self.cluster.next_goes_to(on)
        response = self.cluster.send(method, path, body, headers, self.direct)
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        if on is not None and response.served_by != on:
            raise Failure(f"{method} {path} was answered by {response.served_by}, not {on}")
        return response


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for name, (filename, content, content_type) in files.items():
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def png(width: int = 24, height: int = 16) -> bytes:
    """A real PNG of random pixels: every run uploads a file never seen before."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    rows = b"".join(b"\x00" + secrets.token_bytes(width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def expect(response: Response, status: int, what: str) -> Response:
    if response.status != status:
        raise Failure(f"{what}: {response.status} from {response.served_by}, expected {status}")
    return response


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if found is None:
        raise Failure("no CSRF token in the page")
    return found.group(1)


def report_form(html: str, program: int) -> tuple[str, str]:
    """The CSRF token and the version of the progress report form of the program's page."""
    found = re.search(
        rf'<form[^>]*action="/pemantauan/program/{program}/laporan/".*?</form>', html, re.S
    )
    if found is None:
        raise Failure("the program's page has no report form")
    tag = re.search(r'<input[^>]*name="version"[^>]*>', found.group(0))
    version = re.search(r'value="(\d+)"', tag.group(0)) if tag else None
    return csrf_token(found.group(0)), version.group(1) if version else "0"


def realised(html: str, year: int) -> str | None:
    """The dashboard's realised budget of ``year`` as shown; None without a row for it."""
    # <th scope="row">2019</th> <td class="num"><a ...>planned</a></td> <td ...>realised
    cell = r'\s*<td class="num">(?:<a [^>]*>)?([^<]*)(?:</a>)?</td>'
    found = re.search(rf'<th scope="row">{year}</th>{cell}{cell}', html)
    return found.group(2) if found else None


def log_in(browser: Browser, username: str, password: str) -> Response:
    token = csrf_token(expect(browser.request("GET", LOGIN), 200, "the log-in page").text)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    return browser.request("POST", LOGIN, form=form)


class Smoke:
    def __init__(self, args: argparse.Namespace) -> None:
        instances = dict(item.split("=", 1) for item in args.instance)
        self.cluster = Cluster(args.site, args.cafile, instances)
        self.world: dict[str, Any] = json.loads(Path(args.world).read_text(encoding="utf-8"))
        self.password = os.environ["CLUSTER_PASSWORD"]
        self.media = [Path(p) for p in args.media]
        self.editor = Browser(self.cluster)
        self.results: list[bool] = []
        self.seen: dict[str, Any] = {}

    def check(self, label: str, run: Callable[[], str]) -> None:
        try:
            detail = run()
        except Exception as exc:  # a check that breaks is reported too; the others still run
            seen = str(exc) if isinstance(exc, Failure) else f"{type(exc).__name__}: {exc}"
            print(f"FAIL: {label}: {seen}", flush=True)
            self.results.append(False)
        else:
            print(f"ok: {label}: {detail}", flush=True)
            self.results.append(True)

    # The checks, in the order they run.

    def balanced(self) -> str:
        visitor = Browser(self.cluster)
        answers = [visitor.request("GET", "/api/v1/provinces") for _ in range(4)]
        for answer in answers:
            expect(answer, 200, "/api/v1/provinces")
        order = [a.served_by for a in answers]
        if set(order) != set(self.cluster.instances) or any(
            a == b for a, b in itertools.pairwise(order)
        ):
            raise Failure(f"four requests went to {order}")
        if "max-age" not in answers[0].headers.get("Strict-Transport-Security", ""):
            raise Failure("no HSTS header: not the production settings?")
        return f"4 requests answered 200 by {', '.join(order)} (HSTS on: production settings)"

    def plain_http_refused(self) -> str:
        name = next(iter(self.cluster.instances))
        answer = self.cluster.send("GET", "/tentang/", b"", {"User-Agent": "cluster-smoke"}, name)
        location = answer.headers.get("Location", "")
        if answer.status != 301 or not location.startswith("https://"):
            raise Failure(f"{answer.status} {location!r}")
        return f"a request reaching {name} without X-Forwarded-Proto: https gets 301 to https"

    def static_from_nginx(self) -> str:
        visitor = Browser(self.cluster)
        page = expect(visitor.request("GET", "/tentang/"), 200, "the About page").text
        found = re.search(r'"(/static/[^"]+\.css)"', page)
        if found is None:
            raise Failure("no stylesheet in the page")
        headers = {"User-Agent": "cluster-smoke", "Accept-Encoding": "gzip"}
        answer = self.cluster.send("GET", found.group(1), b"", headers, None)
        expect(answer, 200, found.group(1))
        if answer.served_by != "nginx" or answer.headers.get("Content-Encoding") != "gzip":
            raise Failure(f"from {answer.served_by}, {answer.headers.get('Content-Encoding')}")
        return f"{found.group(1)} from nginx itself, gzip, {answer.headers['Cache-Control']}"

    def dashboard_before(self) -> str:
        visitor = Browser(self.cluster)
        year = self.world["year"]
        shown = {}
        for name in ("A", "B"):
            page = expect(visitor.request("GET", "/dasbor/", on=name), 200, "/dasbor/").text
            shown[name] = realised(page, year)
        if shown["A"] != shown["B"]:
            raise Failure(f"realised {year}: {shown}")
        if shown["A"] == BUDGET_SHOWN:
            raise Failure(f"realised {year} is {BUDGET_SHOWN} before the edit")
        self.seen["realised"] = shown["A"]
        return f"the same on A and B, now cached there: realised budget {year} {shown['A']}"

    def logged_in(self) -> str:
        answer = log_in(self.editor, self.world["editor"], self.password)
        if answer.status != 302 or answer.headers.get("Location", "").startswith(LOGIN):
            raise Failure(f"{answer.status} from {answer.served_by}")
        cookie = next(
            (c for c in answer.headers.get_all("Set-Cookie") or [] if c.startswith("sessionid=")),
            "",
        )
        if "Secure" not in cookie or "HttpOnly" not in cookie:
            raise Failure(f"session cookie {cookie.split(';', 1)[-1]!r} is not Secure/HttpOnly")
        who = f"{self.world['editor']} (lead of {self.world['region']})"
        return f"{who}: 302 from {answer.served_by}, session cookie Secure, HttpOnly"

    def session_on_both(self) -> str:
        for name in ("A", "B"):
            page = expect(self.editor.request("GET", "/akun/", on=name), 200, "/akun/").text
            if f">{self.world['editor']}</a>" not in page:
                raise Failure(f"{name} does not show the signed-in name")
        return "the account page answered 200 for the same session by A and by B"

    def outsider_refused(self) -> str:
        outsider = Browser(self.cluster)
        expect(log_in(outsider, self.world["outsider"], self.password), 302, "log-in")
        program = self.world["program"]
        page = expect(outsider.request("GET", f"/pemantauan/program/{program}/"), 200, "page")
        form = {"csrfmiddlewaretoken": csrf_token(page.text), **self.report(note="bukan tim")}
        answer = outsider.request("POST", f"/pemantauan/program/{program}/laporan/", form=form)
        expect(answer, 403, "a report by another region's lead")
        who, code = self.world["outsider"], self.world["program_code"]
        return f"{who} reporting on {code}: 403 from {answer.served_by}"

    def report(self, **changes: str) -> dict[str, str]:
        data = {
            "year": str(self.world["year"]),
            "quarter": str(self.world["quarter"]),
            "status": "on_track",
            "percent_entered": "40",
            "budget_realised": BUDGET_TYPED,
            "note": "",
            "version": "0",
            "caption": "",
        }
        data.update(changes)
        return data

    def edit_across(self) -> str:
        program = self.world["program"]
        page = self.editor.request("GET", f"/pemantauan/program/{program}/", on="B")
        token, version = report_form(expect(page, 200, "the program's page").text, program)
        note = f"Uji klaster {secrets.token_hex(4)}: aplikasi diuji di tiga kecamatan"
        form = {"csrfmiddlewaretoken": token, **self.report(note=note, version=version)}
        url = f"/pemantauan/program/{program}/laporan/"
        expect(self.editor.request("POST", url, form=form, on="A"), 302, "saving the report")
        again = self.editor.request("GET", f"/pemantauan/program/{program}/", on="B")
        if note not in expect(again, 200, "the program's page").text:
            raise Failure("B does not show the note saved through A")
        quarter = f"Q{self.world['quarter']} {self.world['year']}"
        return f"report {quarter} of {self.world['program_code']} saved through A (302), read on B"

    def page_cache_invalidated(self) -> str:
        visitor = Browser(self.cluster)
        year = self.world["year"]
        shown = {}
        for name in ("B", "A"):
            page = expect(visitor.request("GET", "/dasbor/", on=name), 200, "/dasbor/").text
            shown[name] = realised(page, year)
        if shown != {"A": BUDGET_SHOWN, "B": BUDGET_SHOWN}:
            raise Failure(f"realised {year} after the edit: {shown}, expected {BUDGET_SHOWN}")
        before = self.seen.get("realised")
        return f"anonymous dashboard, realised budget {year}: {before} -> {BUDGET_SHOWN} on B and A"

    def evidence_across(self) -> str:
        program = self.world["program"]
        page = self.editor.request("GET", f"/pemantauan/program/{program}/", on="B")
        token, version = report_form(expect(page, 200, "the program's page").text, program)
        content, name = png(), f"bukti-uji-{secrets.token_hex(4)}.png"
        caption = f"Foto uji klaster {secrets.token_hex(4)}"
        form = {"csrfmiddlewaretoken": token, **self.report(version=version, caption=caption)}
        files = {"evidence": (name, content, "image/png")}
        url = f"/pemantauan/program/{program}/laporan/"
        saved = self.editor.request("POST", url, form=form, files=files, on="A")
        expect(saved, 302, "uploading the evidence")
        listed = self.editor.request("GET", f"/pemantauan/program/{program}/", on="B").text
        found = re.search(rf'<a href="(/pemantauan/bukti/\d+/)">{caption}</a>', listed)
        if found is None:
            raise Failure("B does not list the evidence uploaded through A")
        for on in ("B", "A"):
            answer = expect(Browser(self.cluster).request("GET", found.group(1), on=on), 200, on)
            if answer.body != content:
                raise Failure(f"{on} answered {len(answer.body)} other bytes")
        self.seen["evidence"] = (name, content)
        return f"{name} ({len(content)} bytes) uploaded through A, the same bytes from B and A"

    def evidence_stored(self) -> str:
        name, content = self.seen["evidence"]
        on_disk = [p for media in self.media for p in media.rglob("*") if p.is_file()]
        if not os.environ.get("KC_MEDIA_STORAGE", "").endswith("S3Storage"):
            found = [p for p in on_disk if p.name == name and p.read_bytes() == content]
            if not found:
                raise Failure(f"{name} is not in the shared media directory")
            return f"in the shared media directory as {found[0].relative_to(self.media[0])}"
        import boto3

        options = json.loads(os.environ["KC_MEDIA_STORAGE_OPTIONS"])
        s3 = boto3.client(
            "s3",
            endpoint_url=options["endpoint_url"],
            aws_access_key_id=options["access_key"],
            aws_secret_access_key=options["secret_key"],
            region_name=options["region_name"],
        )
        bucket = options["bucket_name"]
        keys = [
            o["Key"]
            for o in s3.list_objects_v2(Bucket=bucket, Prefix=options["location"]).get(
                "Contents", []
            )
        ]
        key = next((k for k in keys if k.endswith("/" + name)), None)
        if key is None:
            raise Failure(f"{name} is not in bucket {bucket}: {keys}")
        if s3.get_object(Bucket=bucket, Key=key)["Body"].read() != content:
            raise Failure(f"{key} holds other bytes")
        if on_disk:
            raise Failure(f"files on the instances' disks: {on_disk}")
        grants = s3.get_object_acl(Bucket=bucket, Key=key)["Grants"]
        if any("URI" in g["Grantee"] for g in grants):
            raise Failure(f"{key} is readable by a group: {grants}")
        return f"object {key} in S3 bucket {bucket} (private), nothing on either instance's disk"

    def book_by_the_worker(self) -> str:
        """The book asked for on A is typeset by the shared task worker, its progress read on
        B, its file (in the shared storage) taken from A."""
        masterplan = self.world["masterplan"]
        reader = Browser(self.cluster)
        asked = reader.request("GET", f"/masterplan/{masterplan}/unduh.pdf", on="A")
        job = urlsplit(expect(asked, 302, "asking for the book").headers["Location"]).path
        if not job.startswith("/unduhan/"):
            raise Failure(f"the ask led to {job}, not to the job's page")
        started = time.monotonic()
        while time.monotonic() - started < BOOK_WAIT:
            page = expect(reader.request("GET", job, on="B"), 200, "the job's page on B").text
            if f'href="{job}berkas"' in page:
                break
            time.sleep(1)
        else:
            raise Failure(f"the worker did not finish the book within {BOOK_WAIT:.0f} s")
        waited = time.monotonic() - started
        book = expect(reader.request("GET", f"{job}berkas", on="A"), 200, "the book from A")
        if not book.body.startswith(b"%PDF-"):
            raise Failure(f"A answered {book.body[:20]!r}, not a PDF")
        return (
            f"asked on A ({asked.status}), typeset by the worker, ready on B after "
            f"{waited:.1f} s, {len(book.body):,} bytes of PDF from A"
        )

    def login_throttle_shared(self) -> str:
        alone, _ = self.failed_logins(Browser(self.cluster, direct="A"), "uji.salah.a")
        spread, order = self.failed_logins(Browser(self.cluster), "uji.salah.ab")
        if set(order[:-1]) != {"A", "B"} or spread != alone:
            raise Failure(
                f"refused at attempt {spread} alternating ({','.join(order)}), "
                f"at attempt {alone} on A alone"
            )
        return (
            f"wrong passwords alternating {','.join(order)}: 429 at attempt {spread}, "
            f"as on A alone (429 at attempt {alone})"
        )

    def failed_logins(self, browser: Browser, username: str) -> tuple[int, list[str]]:
        token = csrf_token(expect(browser.request("GET", LOGIN), 200, "the log-in page").text)
        order = []
        for attempt in range(1, MOST_ATTEMPTS + 1):
            form = {"csrfmiddlewaretoken": token, "username": username, "password": "salah-sandi"}
            answer = browser.request("POST", LOGIN, form=form)
            order.append(answer.served_by)
            if answer.status == 429:
                return attempt, order
            expect(answer, 200, f"wrong password, attempt {attempt}")
        raise Failure(f"{username}: no refusal after {MOST_ATTEMPTS} wrong passwords")

    def rate_limit_shared(self) -> str:
        # One e-mail address per run: the limit counts per address (and per client address).
        alone, _ = self.comments(
            Browser(self.cluster, direct="B", forwarded_for="10.77.0.2"), "warga.b@example.id"
        )
        spread, order = self.comments(Browser(self.cluster), "warga.ab@example.id")
        if set(order[:-1]) != {"A", "B"} or spread != alone:
            raise Failure(
                f"refused at comment {spread} alternating ({','.join(order)}), "
                f"at comment {alone} on B alone"
            )
        return (
            f"public comments (POST /api/v1/.../consultation/comments) alternating "
            f"{','.join(order)}: 429 at comment {spread}, as on B alone (429 at comment {alone})"
        )

    def comments(self, browser: Browser, email: str) -> tuple[int, list[str]]:
        url = f"/api/v1/masterplans/{self.world['consultation']}/consultation/comments"
        order = []
        for attempt in range(1, MOST_ATTEMPTS + 1):
            body = {"name": "Warga uji", "email": email, "text": f"Masukan nomor {attempt}"}
            answer = browser.request("POST", url, json_body=body)
            order.append(answer.served_by)
            if answer.status == 429:
                if json.loads(answer.body)["error"]["code"] != "too_many_requests":
                    raise Failure(f"429 with {answer.text[:200]}")
                return attempt, order
            expect(answer, 202, f"comment {attempt}")
        raise Failure(f"no refusal after {MOST_ATTEMPTS} comments")

    def run(self) -> int:
        started = time.monotonic()
        self.check("nginx balances round robin", self.balanced)
        self.check("production settings behind the proxy", self.plain_http_refused)
        self.check("static files", self.static_from_nginx)
        self.check("anonymous dashboard before the edit", self.dashboard_before)
        self.check("log-in through the proxy", self.logged_in)
        self.check("one session on both instances", self.session_on_both)
        self.check("another region is refused", self.outsider_refused)
        self.check("write on A, read on B", self.edit_across)
        self.check("page cache invalidated across instances", self.page_cache_invalidated)
        self.check("evidence upload across instances", self.evidence_across)
        self.check("evidence storage", self.evidence_stored)
        self.check("the task worker serves both instances", self.book_by_the_worker)
        self.check("log-in throttle counts across instances", self.login_throttle_shared)
        self.check("API rate limit counts across instances", self.rate_limit_shared)
        failed = self.results.count(False)
        print(
            f"summary: {len(self.results) - failed} of {len(self.results)} checks ok, "
            f"{failed} failed, in {time.monotonic() - started:.1f} s"
        )
        return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, help="nginx, e.g. https://127.0.0.1:8443")
    parser.add_argument("--cafile", required=True, help="the certificate nginx serves")
    parser.add_argument("--world", required=True, help="JSON written by the cluster's setup")
    parser.add_argument("--instance", action="append", required=True, help="A=127.0.0.1:8001")
    parser.add_argument("--media", action="append", default=[], help="the instances' MEDIA_ROOT")
    return Smoke(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
