"""Load benchmark: gunicorn on a loopback port, N simulated users, figures on stdout.

A script, not a test. It prepares its own database (a SQLite file in a temporary directory,
or a PostgreSQL database given with --database-url), loads the regions and the demo data,
issues API tokens for ``demo.bandung.editor``, starts gunicorn on 127.0.0.1, runs a bounded
mixed load (pages, search, API reads, versioned API edits) and prints one figure per line:

    requests=... errors=... conflicts=... p50_ms=... p95_ms=... rss_start_mb=... rss_end_mb=...

Run it with the project's virtualenv:  .venv/bin/python bench/load.py --users 50 --duration 60

With ``--books N`` N parts in a hundred of the traffic ask for a masterplan book (the demo
masterplans are loaded and the task worker started beside gunicorn): the ask must answer at
once while the worker typesets, so the figures set ``p95_ms_book_ask`` (what a web worker is
held) beside ``book_ready_s_max`` (how long the first reader of a book waits for it).
All traffic goes to 127.0.0.1; the run stops by itself (time and request count are bounded).
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
EDIT_REGION = "32.73"  # Kota Bandung: the region demo.bandung.editor may change
EDITOR = "demo.bandung.editor"
MAX_DURATION = 600
MAX_USERS = 500
MAX_REQUESTS_PER_USER = 200_000  # a second bound besides time
REQUEST_TIMEOUT = 30.0

# Share of each kind in the mix; edits are a small part, as on the real platform.
MIX = {"browse": 45, "search": 20, "api_read": 27, "edit": 8}
BOOK_WAIT_LIMIT = 120.0  # seconds a reader waits for a book before giving up

# Unexpected statuses are errors; these are the expected ones per step.
OK = {200}


# ----------------------------------------------------------------------------- setup


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run_manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py with our own interpreter
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )
    return result.stdout


def ensure_postgres_database(url: str) -> None:
    """Create the database named in ``url`` if it does not exist yet (never drops one)."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        raise SystemExit("psycopg is needed for PostgreSQL: run with .venv/bin/python") from None
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"no database name in {url!r}")
    # The maintenance database of the same server, to create the bench database from.
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            log(f"created PostgreSQL database {name}")
        else:
            log(f"using existing PostgreSQL database {name}")


ISSUE_SCRIPT = """
from accounts.models import ApiToken, User
user = User.objects.get(username={editor!r})
for i in range({count}):
    _, key = ApiToken.issue(user=user, name=f"bench {{i + 1}}")
    print("KC_BENCH_TOKEN", key)
"""


PUBLIC_MASTERPLANS_SCRIPT = """
from masterplans.models import Masterplan
for masterplan in Masterplan.objects.public():
    print("KC_BENCH_MASTERPLAN", masterplan.pk)
"""


def prepare_database(env: dict[str, str], tokens: int, books: bool) -> list[str]:
    started = time.monotonic()
    run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(env, "load_regions", "-v0")
    run_manage(env, "load_demo")
    if books:
        run_manage(env, "load_history")
        run_manage(env, "load_masterplan_demo")
    out = run_manage(env, "shell", "-c", ISSUE_SCRIPT.format(editor=EDITOR, count=tokens))
    keys = [line.split()[1] for line in out.splitlines() if line.startswith("KC_BENCH_TOKEN ")]
    if len(keys) != tokens:
        raise SystemExit(f"expected {tokens} API tokens, got {len(keys)}:\n{out}")
    log(f"database ready in {time.monotonic() - started:.1f} s, {len(keys)} API tokens issued")
    return keys


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, worker_class: str, threads: int, logfile: Path
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kotacerdas.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--chdir",
        str(ROOT),
        "--error-logfile",
        str(logfile),
        "--log-level",
        "warning",
    ]
    if worker_class == "gthread":
        command += ["--threads", str(threads)]
    return start_process(command, env, logfile)


def start_worker(env: dict[str, str], logfile: Path) -> subprocess.Popen[bytes]:
    """The task worker that typesets books (manage.py db_worker), as `make run` starts it."""
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"]
    return start_process(command, env, logfile)


def start_process(
    command: list[str], env: dict[str, str], logfile: Path
) -> subprocess.Popen[bytes]:
    # Own session: a Ctrl-C in the terminal reaches this script, which then stops the server
    # in order (SIGTERM, graceful) instead of the signal racing into every worker.
    # The app's own log (Django warns about every 4xx) goes to the same file, not the terminal.
    with logfile.open("ab") as out:
        return subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_up(proc: subprocess.Popen[bytes], port: int, logfile: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}:\n{tail(logfile)}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/tentang/")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {limit:.0f} s:\n{tail(logfile)}")


def stop_gunicorn(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # graceful: workers finish their requests
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        log("gunicorn did not stop within 20 s; killing its process group")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def server_errors(path: Path) -> int:
    """Tracebacks and error lines the app and gunicorn logged (5xx, worker crashes)."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return 0
    return sum(
        1
        for line in text.splitlines()
        if line.startswith("Traceback") or "[ERROR]" in line or "[CRITICAL]" in line
    )


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# ----------------------------------------------------------------------------- memory


def process_tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: split after the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def tree_rss_mb(root: int) -> float:
    total_kb = 0
    for pid in process_tree(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
                    break
        except OSError:
            continue
    return total_kb / 1024


# ----------------------------------------------------------------------------- traffic


@dataclass(frozen=True)
class Catalog:
    codes: list[str]
    provinces: list[str]
    terms: list[str]
    masterplans: list[int] = field(default_factory=list)

    @classmethod
    def from_data(cls) -> Catalog:
        with (ROOT / "data" / "regions.csv").open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        codes = [r["code"] for r in rows]
        provinces = sorted({r["province_code"] for r in rows})
        words = {
            w.lower()
            for r in rows
            for w in r["name"].split()
            if w not in {"Kota", "Kabupaten"} and len(w) > 3
        }
        terms = sorted(words)[::7] + [r["capital"].lower() for r in rows[::25] if r["capital"]]
        # Code prefixes, a province name, mixed case and a term that finds nothing.
        terms += ["32.7", "35", "Jawa Barat", "BANDUNG", "kota", "tidak-ada-xyz"]
        return cls(codes=codes, provinces=provinces, terms=terms)

    def with_masterplans(self, env: dict[str, str]) -> Catalog:
        out = run_manage(env, "shell", "-c", PUBLIC_MASTERPLANS_SCRIPT)
        pks = [int(line.split()[1]) for line in out.splitlines() if "KC_BENCH_MASTERPLAN" in line]
        if not pks:
            raise SystemExit(f"no public demo masterplan to ask the book of:\n{out}")
        return Catalog(self.codes, self.provinces, self.terms, pks)


@dataclass
class Result:
    kind: str
    latency_ms: float
    outcome: str  # ok | conflict | error | version_required
    detail: str = ""


@dataclass
class Tally:
    results: list[Result] = field(default_factory=list)
    retries: int = 0
    edits_saved: int = 0
    book_waits: list[float] = field(default_factory=list)  # seconds from ask to file


class NeedsVersion:
    """Whether PATCH must carry If-Match; learned from the first 428/412 without one."""

    def __init__(self) -> None:
        self.value = False
        self.lock = threading.Lock()


class User(threading.Thread):
    def __init__(
        self,
        number: int,
        port: int,
        catalog: Catalog,
        token: str,
        deadline: float,
        stop: threading.Event,
        needs_version: NeedsVersion,
        think_ms: int,
        mix: dict[str, int],
    ) -> None:
        super().__init__(name=f"user-{number}", daemon=True)
        self.number = number
        self.port = port
        self.catalog = catalog
        self.token = token
        self.deadline = deadline
        self.stop = stop
        self.needs_version = needs_version
        self.think_ms = think_ms
        self.mix = mix
        self.random = random.Random(number)
        self.tally = Tally()
        self.conn: http.client.HTTPConnection | None = None

    # -- HTTP with keep-alive; one retry when a reused connection was closed by the server
    def call(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes, float]:
        headers = {"Host": HOST, **(headers or {})}
        for attempt in (1, 2):
            reused = self.conn is not None and self.conn.sock is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if reused and attempt == 1:
                    self.tally.retries += 1
                    continue
                raise
            except Exception:
                self.conn.close()
                self.conn = None
                raise
            elapsed = (time.perf_counter() - started) * 1000
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data, elapsed
        raise AssertionError("unreachable")

    def record(self, kind: str, method: str, path: str, expect: set[int], **kw: object) -> int:
        try:
            status, _, _, elapsed = self.call(method, path, **kw)  # type: ignore[arg-type]
        except Exception as exc:  # every failure is counted; none stops the run
            self.tally.results.append(Result(kind, 0.0, "error", f"{type(exc).__name__} {path}"))
            return 0
        outcome = "ok" if status in expect else "error"
        self.tally.results.append(Result(kind, elapsed, outcome, f"{status} {method} {path}"))
        return status

    # -- the four kinds of traffic
    def browse(self) -> None:
        r, codes = self.random, self.catalog.codes
        path = r.choice(
            [
                "/",
                "/wilayah/",
                f"/wilayah/?page={r.randint(1, 11)}",
                f"/wilayah/{r.choice(codes)}/",
                f"/wilayah/{r.choice(codes)}/",
                "/tentang/",
            ]
        )
        self.record("browse", "GET", path, OK)

    def search(self) -> None:
        term = self.random.choice(self.catalog.terms)
        if self.random.random() < 0.5:
            path = "/wilayah/?" + urlencode({"q": term})
        else:
            path = "/api/v1/regions?" + urlencode({"q": term, "limit": 20})
        self.record("search", "GET", path, OK)

    def api_read(self) -> None:
        r = self.random
        choice = r.random()
        if choice < 0.45:
            query = {"province": r.choice(self.catalog.provinces), "limit": r.choice([10, 50, 100])}
            path = "/api/v1/regions?" + urlencode(query)
        elif choice < 0.85:
            path = f"/api/v1/regions/{quote(r.choice(self.catalog.codes))}"
        else:
            path = "/api/v1/provinces"
        headers = {"Accept-Language": "en"} if r.random() < 0.3 else {}
        self.record("api_read", "GET", path, OK, headers=headers)

    def edit(self) -> None:
        path = f"/api/v1/regions/{EDIT_REGION}"
        auth = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        text = f"Profil diperbarui oleh uji beban (pengguna {self.number}, {time.time():.3f})."
        body = json.dumps({"description": text}).encode()
        if not self.needs_version.value:
            status = self.patch(path, body, auth, versioned=False)
            if status not in (428, 412):
                return
            with self.needs_version.lock:
                if not self.needs_version.value:
                    log(f"PATCH without a version answered {status}: reading first, If-Match")
                self.needs_version.value = True
        # Read the current version, then send it back; a 412 means someone saved in between.
        try:
            status, headers, data, elapsed = self.call("GET", path, headers=auth)
        except Exception as exc:
            self.tally.results.append(Result("edit", 0.0, "error", f"{type(exc).__name__} GET"))
            return
        if status != 200:
            self.tally.results.append(Result("edit", elapsed, "error", f"{status} GET {path}"))
            return
        self.tally.results.append(Result("edit", elapsed, "ok"))
        try:
            version = str(json.loads(data)["version"])
        except (ValueError, KeyError):
            version = headers.get("etag", "").strip()
        self.patch(path, body, {**auth, "If-Match": f'"{version.strip(chr(34))}"'}, versioned=True)

    def book(self) -> None:
        """Ask for a book as a reader does: the ask answers at once (a redirect), then the job's
        page is asked again every second until the file is there."""
        pk = self.random.choice(self.catalog.masterplans)
        asked = time.monotonic()
        try:
            status, headers, _, elapsed = self.call("GET", f"/masterplan/{pk}/unduh.pdf")
        except Exception as exc:
            self.tally.results.append(Result("book_ask", 0.0, "error", type(exc).__name__))
            return
        location = urlsplit(headers.get("location", "")).path
        outcome = "ok" if status == 302 and location.startswith("/unduhan/") else "error"
        self.tally.results.append(Result("book_ask", elapsed, outcome, f"{status} book {pk}"))
        if outcome == "error":
            return
        if not location.endswith("/berkas"):
            while time.monotonic() - asked < BOOK_WAIT_LIMIT and not self.stop.is_set():
                self.stop.wait(1.0)
                try:
                    status, _, data, elapsed = self.call("GET", location)
                except Exception as exc:
                    self.tally.results.append(Result("book_poll", 0.0, "error", str(exc)[:40]))
                    return
                ok = status == 200
                self.tally.results.append(
                    Result("book_poll", elapsed, "ok" if ok else "error", f"{status} {location}")
                )
                if not ok:
                    return
                if b"/berkas" in data:
                    location += "berkas"
                    self.tally.book_waits.append(time.monotonic() - asked)
                    break
            else:
                return
        self.record("book_file", "GET", location, OK)

    def patch(self, path: str, body: bytes, headers: dict[str, str], *, versioned: bool) -> int:
        try:
            status, _, _, elapsed = self.call("PATCH", path, body=body, headers=headers)
        except Exception as exc:
            self.tally.results.append(Result("edit", 0.0, "error", f"{type(exc).__name__} PATCH"))
            return 0
        if status == 200:
            outcome = "ok"
            self.tally.edits_saved += 1
        elif status == 412 and versioned:
            outcome = "conflict"
        elif status in (428, 412) and not versioned:
            outcome = "version_required"
        else:
            outcome = "error"
        self.tally.results.append(Result("edit", elapsed, outcome, f"{status} PATCH {path}"))
        return status

    def run(self) -> None:
        kinds, weights = list(self.mix), list(self.mix.values())
        try:
            for _ in range(MAX_REQUESTS_PER_USER):
                if self.stop.is_set() or time.monotonic() >= self.deadline:
                    break
                getattr(self, self.random.choices(kinds, weights)[0])()
                if self.think_ms:
                    self.stop.wait(self.random.uniform(0, 2 * self.think_ms) / 1000)
        finally:
            if self.conn is not None:
                self.conn.close()


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[rank]


# ----------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users")
    parser.add_argument("--duration", type=float, default=60, help="seconds (at most 600)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2-4)")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL instead of a temporary SQLite file, e.g. "
        "postgres://postgres@127.0.0.1:5432/kc_bench (created if missing)",
    )
    parser.add_argument("--redis-url", help="REDIS_URL for the app (default: in-process cache)")
    parser.add_argument(
        "--books", type=int, default=0, help="parts in 100 of the traffic that ask for a book"
    )
    parser.add_argument("--think-ms", type=int, default=0, help="mean pause between requests")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users must be 1..{MAX_USERS}")
    if not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--duration must be in (0, {MAX_DURATION}]")
    if not 1 <= args.workers <= 8:
        parser.error("--workers must be 1..8")
    if args.database_url:
        host = urlsplit(args.database_url).hostname
        if urlsplit(args.database_url).scheme not in {"postgres", "postgresql"}:
            parser.error("--database-url must be a postgres:// URL")
        if host not in {"127.0.0.1", "localhost", "::1"}:
            parser.error("--database-url must point to this machine (127.0.0.1)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kc-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        KC_VAR_DIR=str(tmp),
        KC_ENV="local",
        DEBUG="0",
        ALLOWED_HOSTS=HOST,
        KC_DEMO_PASSWORD=os.environ.get("KC_DEMO_PASSWORD") or "bench-" + os.urandom(9).hex(),
        DATABASE_URL=args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
        STATIC_ROOT=str(tmp / "staticfiles"),  # not collected: WhiteNoise's finders serve
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    gunicorn: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None
    mix = {**MIX, "book": args.books} if args.books else dict(MIX)
    log_errors = 0
    stop = threading.Event()
    users: list[User] = []

    def on_sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in background
    try:
        database = "postgresql" if args.database_url else "sqlite"
        if args.database_url:
            ensure_postgres_database(args.database_url)
        log(f"temporary directory {tmp}; database {database}")
        tokens = prepare_database(env, tokens=min(args.users, 8), books=args.books > 0)
        if args.books:
            worker = start_worker(env, tmp / "worker.log")
        port = free_port()
        logfile = tmp / "gunicorn.log"
        gunicorn = start_gunicorn(env, port, args.workers, args.worker_class, args.threads, logfile)
        wait_until_up(gunicorn, port, logfile, limit=60)
        log(
            f"gunicorn pid {gunicorn.pid} on {HOST}:{port}, {args.workers} {args.worker_class} "
            f"workers; {args.users} users for {args.duration:.0f} s"
        )

        catalog = Catalog.from_data()
        if args.books:
            catalog = catalog.with_masterplans(env)
        needs_version = NeedsVersion()
        started = time.monotonic()
        deadline = started + args.duration
        users = [
            User(
                n,
                port,
                catalog,
                tokens[n % len(tokens)],
                deadline,
                stop,
                needs_version,
                args.think_ms,
                mix,
            )
            for n in range(args.users)
        ]
        for user in users:
            user.start()
        warmup_end = started + args.duration * 0.1
        while time.monotonic() < warmup_end:
            time.sleep(0.05)
        rss_start = tree_rss_mb(gunicorn.pid)
        rss_max = rss_start
        while any(u.is_alive() for u in users):
            time.sleep(0.5)
            rss_max = max(rss_max, tree_rss_mb(gunicorn.pid))
            if time.monotonic() > deadline + REQUEST_TIMEOUT + 5:
                stop.set()
                log("some users did not finish in time")
                break
        rss_end = tree_rss_mb(gunicorn.pid)
        elapsed = time.monotonic() - started
        gunicorn_alive = gunicorn.poll() is None
    except KeyboardInterrupt:
        log("interrupted; stopping")
        stop.set()
        return 130
    finally:
        stop.set()
        for user in users:
            user.join(timeout=REQUEST_TIMEOUT + 1)
        if worker is not None:
            stop_gunicorn(worker)
        if gunicorn is not None:
            stop_gunicorn(gunicorn)
            log_errors = server_errors(tmp / "gunicorn.log")
            if log_errors:
                log(f"gunicorn log, last lines:\n{tail(tmp / 'gunicorn.log')}")
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    results = [r for u in users for r in u.tally.results]
    latencies = sorted(r.latency_ms for r in results if r.latency_ms > 0)
    outcomes = Counter(r.outcome for r in results)
    by_kind = Counter(r.kind for r in results)
    error_kinds = Counter(r.detail.split(" /")[0] for r in results if r.outcome == "error")
    error_examples = Counter(r.detail for r in results if r.outcome == "error")

    figures: list[tuple[str, object]] = [
        ("requests", len(results)),
        ("errors", outcomes["error"]),
        ("conflicts", outcomes["conflict"]),
        ("p50_ms", f"{percentile(latencies, 50):.1f}"),
        ("p95_ms", f"{percentile(latencies, 95):.1f}"),
        ("rss_start_mb", f"{rss_start:.1f}"),
        ("rss_end_mb", f"{rss_end:.1f}"),
    ]
    kinds = [kind for kind in mix if kind != "book"]
    if args.books:
        kinds += ["book_ask", "book_poll", "book_file"]
    figures += [(f"requests_{kind}", by_kind[kind]) for kind in kinds]
    for kind in kinds:
        kind_latencies = sorted(r.latency_ms for r in results if r.kind == kind and r.latency_ms)
        figures.append((f"p95_ms_{kind}", f"{percentile(kind_latencies, 95):.1f}"))
    figures += [
        ("edits_saved", sum(u.tally.edits_saved for u in users)),
    ]
    if args.books:
        waits = sorted(w for u in users for w in u.tally.book_waits)
        figures += [
            ("books_waited_for", len(waits)),
            ("book_ready_s_p50", f"{percentile(waits, 50):.1f}"),
            ("book_ready_s_max", f"{waits[-1] if waits else 0:.1f}"),
        ]
    figures += [
        ("version_required", outcomes["version_required"]),
        ("p99_ms", f"{percentile(latencies, 99):.1f}"),
        ("max_ms", f"{latencies[-1] if latencies else 0:.1f}"),
        ("requests_per_s", f"{len(results) / elapsed:.1f}"),
        ("rss_max_mb", f"{rss_max:.1f}"),
        ("rss_growth_pct", f"{(rss_end - rss_start) / rss_start * 100 if rss_start else 0:.1f}"),
        ("reconnect_retries", sum(u.tally.retries for u in users)),
        ("duration_s", f"{elapsed:.1f}"),
        ("users", args.users),
        ("workers", f"{args.workers} {args.worker_class}"),
        ("database", database),
        ("gunicorn_alive_at_end", gunicorn_alive),
        ("server_log_errors", log_errors),
    ]
    for name, value in figures:
        print(f"{name}={value}")
    for detail, count in error_examples.most_common(10):
        print(f"error_example={count} x {detail}")
    if error_kinds:
        log(f"errors by status: {dict(error_kinds)}")
    return 1 if outcomes["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
