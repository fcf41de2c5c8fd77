"""National-scale benchmark: the public dashboard, a region page and the regions API at the
size of the whole program, beside a bare Django JSON view served by the same app, in one run.

    .venv/bin/python bench/national.py                  # 250 regions x 150 programs
    .venv/bin/python bench/national.py --quick          # 25 regions, shorter load: to iterate
    .venv/bin/python bench/national.py --redis-url redis://127.0.0.1:6379/14
    .venv/bin/python bench/national.py --database kc_national_keep   # seed once, reuse after

Creates a throwaway PostgreSQL database on 127.0.0.1 (dropped at the end, also on error or
Ctrl-C; with ``--database`` a named one, kept once seeded and reused without seeding by the
next run of the same size), migrates it, loads the region registry, the selection data and the
2017 history, then bulk-seeds (``bulk_create``; audit signals do not fire, which is fine
here) N regions with an approved or enacted masterplan of 150 programs over the six
dimensions, 10 yearly budget lines and one KPI with 10 yearly targets per program, ~10% quick
wins, 20 quarters (2021-2025) of progress reports per program, a published cohort round holding
those regions, and a published 2024 evaluation rubric with 30 scores per region.

The app runs under gunicorn on a free loopback port with the production profile (KC_ENV=
production, collected static files; SECURE_SSL_REDIRECT=0 since loopback has no TLS) and a
settings module generated in a temporary directory: ``kotacerdas.settings`` plus one extra URL,
``__bare__/``, answering ``JsonResponse({"ok": True})`` through the same middleware.

Load: N client threads, one keep-alive connection each, all on one target at a time in short
slices; the targets alternate slice by slice (order rotated every round) so that the machine's
noise falls on all of them alike. A slice ends when its time is up and every client has its
last answer; requests per second = requests of the slice / (end - start). One figure per line:

    dashboard_p95_ms=... region_p95_ms=... dashboard_rps=... bare_rps=... dashboard_vs_bare=...

Targets (issue): dashboard_p95_ms <= 100, region_p95_ms <= 100, dashboard_vs_bare >= 0.5.
A script, not a test: it exits 1 only when there were errors.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
REQUEST_TIMEOUT = 60.0
START_YEAR = 2021  # masterplans 2021-2030; progress 2021-2025 (20 quarters)
PROGRESS_YEARS = 5
RUBRIC_YEAR = 2024

SETTINGS_MODULE = """\
from kotacerdas.settings import *  # noqa: F401,F403
from kotacerdas.settings import CACHES, STORAGES

ROOT_URLCONF = "kc_bench_urls"
# static/vendor/leaflet/leaflet.js names a source map that is not vendored, which makes the
# production storage's collectstatic fail; the same storage, leaving source-map comments alone.
STORAGES = {{**STORAGES, "staticfiles": {{"BACKEND": "kc_bench_storage.StaticStorage"}}}}
# A key prefix of this run only: a shared Redis may hold keys of earlier runs or other apps.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["KEY_PREFIX"] = {prefix!r}
"""

URLS_MODULE = """\
from django.http import JsonResponse
from django.urls import include, path


def bare(request):
    return JsonResponse({"ok": True})


# After the app's own patterns: the bare view pays the same URL resolution as the others.
urlpatterns = [path("", include("kotacerdas.urls")), path("__bare__/", bare)]
"""


STORAGE_MODULE = """\
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (glob, tuple(p for p in found if "sourceMappingURL" not in str(p)))
        for glob, found in CompressedManifestStaticFilesStorage.patterns
    )
"""


def log(message: str) -> None:
    print(f"[national] {message}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- database


def create_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def drop_redis_keys(url: str, prefix: str) -> int:
    import redis

    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return len(keys)
    finally:
        client.close()


# ----------------------------------------------------------------------------- seeding


def prepare(*, load: bool = True) -> float:
    """migrate, registry, selection data, history (unless ``load`` is false: a reused
    database has them), collectstatic; returns seconds."""
    from django.conf import settings
    from django.core.management import call_command

    from regions.services import regions_load

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    out = open(os.devnull, "w")  # noqa: SIM115 - the commands talk on stdout
    try:
        if load:
            regions_load(data_dir=settings.KC_DATA_DIR)
            call_command("load_selection_data", stdout=out)
            call_command("load_history", stdout=out)
        call_command("collectstatic", "--noinput", verbosity=0, stdout=out)
    finally:
        out.close()
    return time.monotonic() - started


def seed(n_regions: int, n_programs: int, chunk: int = 10) -> tuple[list[str], Counter[str]]:
    """Bulk-create the national data set; returns the seeded region codes and row counts."""
    from django.db import transaction
    from django.utils import timezone

    from evaluation.models import Component, Rubric, RubricStatus, Score
    from masterplans.models import (
        ELEMENTS,
        BudgetLine,
        Dimension,
        FundingSource,
        Kpi,
        KpiTarget,
        Masterplan,
        Program,
        Status,
        Term,
    )
    from monitoring.models import ProgressReport, ProgressStatus
    from regions.models import Region
    from selection.models import RoundMethod, RoundResult, RoundStatus, SelectionRound

    rng = random.Random(2017)
    now = timezone.now()
    rows: Counter[str] = Counter()
    batch = 5000

    # The regions of the program: the 2017 cohort first, then others drawn with a fixed seed.
    history = SelectionRound.objects.get(method=RoundMethod.HISTORICAL, year=2017)
    first = set(
        RoundResult.objects.filter(round=history, selected=True).values_list("region_id", flat=True)
    )
    every = list(Region.objects.order_by("code").values_list("pk", "code"))
    chosen = [(pk, code) for pk, code in every if pk in first][:n_regions]
    rest = [(pk, code) for pk, code in every if pk not in first]
    chosen += sorted(rng.sample(rest, max(0, n_regions - len(chosen))), key=lambda r: r[1])

    # A published cohort round holding the others (bulk_create: no publish workflow).
    with transaction.atomic():
        cohort = SelectionRound.objects.bulk_create(
            [
                SelectionRound(
                    name="Benchmark cohort 2021",
                    year=2021,
                    total=len(chosen) - len(first & {pk for pk, _ in chosen}),
                    method=RoundMethod.HISTORICAL,
                    indicator_year=2021,
                    sensitivity_draws=0,
                    status=RoundStatus.PUBLISHED,
                    published_at=now,
                    source_note="bench/national.py (seeding)",
                )
            ]
        )[0]
        results = [
            RoundResult(round=cohort, region_id=pk, selected=True, reason="historical")
            for pk, _code in chosen
            if pk not in first
        ]
        RoundResult.objects.bulk_create(results, batch_size=batch)
        rows["round_results"] += len(results)
        # A region is in a cohort once its MoU is signed.
        from enrolment.models import Agreement, Invitation, Origin

        invitations = Invitation.objects.bulk_create(
            [
                Invitation(
                    round=cohort, region_id=r.region_id, origin=Origin.ANNOUNCED, selected=True
                )
                for r in results
            ],
            batch_size=batch,
        )
        Agreement.objects.bulk_create(
            [Agreement(invitation=i, signed_on=now.date()) for i in invitations], batch_size=batch
        )
        rows["agreements"] += len(invitations)

    dimensions = list(Dimension.values)
    prefix = {d: d[:3].upper() for d in dimensions}
    sources = list(FundingSource.values)
    terms = list(Term.values)
    statuses = [ProgressStatus.ON_TRACK, ProgressStatus.DELAYED, ProgressStatus.DONE]
    years = range(START_YEAR, START_YEAR + 10)

    for offset in range(0, len(chosen), chunk):
        part = chosen[offset : offset + chunk]
        with transaction.atomic():
            masterplans = Masterplan.objects.bulk_create(
                [
                    Masterplan(
                        region_id=pk,
                        cohort=history if pk in first else cohort,
                        title=f"Masterplan Smart City {code} {START_YEAR}-{START_YEAR + 9}",
                        start_year=START_YEAR,
                        period_years=10,
                        status=Status.ENACTED if (offset + i) % 2 else Status.APPROVED,
                        vision="Kota yang melayani warganya dengan cepat dan terbuka",
                        budget_envelope=rng.randrange(20, 200) * 1_000_000_000,
                        regulation_number=f"Perwali {offset + i}/2021" if (offset + i) % 2 else "",
                        is_demo=True,
                    )
                    for i, (pk, code) in enumerate(part)
                ]
            )
            programs = Program.objects.bulk_create(
                [
                    Program(
                        masterplan=masterplan,
                        code=f"{prefix[dimensions[p % 6]]}-{p // 6 + 1:02d}",
                        dimension=dimensions[p % 6],
                        element=ELEMENTS[dimensions[p % 6]][(p // 6) % 3][0],
                        title=f"Program {dimensions[p % 6]} {p // 6 + 1}",
                        description="Program benchmark nasional " * 4,
                        opd="Diskominfo",
                        term=terms[p % 3],
                        start_year=START_YEAR,
                        end_year=START_YEAR + 9,
                        funding_source=sources[p % len(sources)],
                        is_quick_win=p % 10 == 0,
                        position=p + 1,
                    )
                    for masterplan in masterplans
                    for p in range(n_programs)
                ],
                batch_size=batch,
            )
            budget = [
                BudgetLine(
                    program=program,
                    year=year,
                    amount=rng.randrange(1, 50) * 100_000_000,
                    source=program.funding_source,
                )
                for program in programs
                for year in years
            ]
            BudgetLine.objects.bulk_create(budget, batch_size=batch)
            kpis = Kpi.objects.bulk_create(
                [
                    Kpi(program=program, name="Layanan daring", unit="layanan", baseline=0)
                    for program in programs
                ],
                batch_size=batch,
            )
            targets = [
                KpiTarget(kpi=kpi, year=year, value=10 * (y + 1))
                for kpi in kpis
                for y, year in enumerate(years)
            ]
            KpiTarget.objects.bulk_create(targets, batch_size=batch)
            reports = []
            for program in programs:
                percent = 0
                for q in range(PROGRESS_YEARS * 4):
                    percent = min(100, percent + rng.randrange(0, 10))
                    reports.append(
                        ProgressReport(
                            program=program,
                            year=START_YEAR + q // 4,
                            quarter=q % 4 + 1,
                            status=rng.choice(statuses) if percent < 100 else ProgressStatus.DONE,
                            percent_entered=percent,
                            budget_realised=rng.randrange(0, 100) * 10_000_000,
                            note="",
                            is_demo=True,
                        )
                    )
            ProgressReport.objects.bulk_create(reports, batch_size=batch)
        rows["masterplans"] += len(masterplans)
        rows["programs"] += len(programs)
        rows["quick_wins"] += sum(p.is_quick_win for p in programs)
        rows["budget_lines"] += len(budget)
        rows["kpis"] += len(kpis)
        rows["kpi_targets"] += len(targets)
        rows["progress_reports"] += len(reports)
        log(f"seeded {offset + len(part)}/{len(chosen)} regions")

    with transaction.atomic():
        rubric = Rubric.objects.create(
            year=RUBRIC_YEAR,
            title=f"Evaluasi {RUBRIC_YEAR} (benchmark)",
            status=RubricStatus.PUBLISHED,
            published_at=now,
            is_demo=True,
        )
        scores = [
            Score(
                rubric=rubric,
                region_id=pk,
                dimension=dimension,
                component=component,
                self_score=Decimal(rng.randrange(100, 401)) / 100,
                assessor_score=Decimal(rng.randrange(100, 401)) / 100,
                verified_at=now,
            )
            for pk, _code in chosen
            for dimension in dimensions
            for component in Component.values
        ]
        Score.objects.bulk_create(scores, batch_size=batch)
        rows["scores"] += len(scores)
        # Written last: a database whose seeding was cut short is never taken for a seeded one.
        SelectionRound.objects.filter(pk=cohort.pk).update(
            source_note=seed_marker(n_regions, n_programs)
        )
    return [code for _pk, code in chosen], rows


def seed_marker(n_regions: int, n_programs: int) -> str:
    return f"bench/national.py regions={n_regions} programs={n_programs}"


def seeded_codes(n_regions: int, n_programs: int) -> list[str] | None:
    """The region codes of a complete earlier seed of this size, in seeding order, or None."""
    from masterplans.models import Masterplan
    from selection.models import SelectionRound

    if not SelectionRound.objects.filter(source_note=seed_marker(n_regions, n_programs)).exists():
        return None
    return list(
        Masterplan.objects.filter(is_demo=True, title__startswith="Masterplan Smart City ")
        .order_by("cohort__year", "region__code")
        .values_list("region__code", flat=True)
    )


def analyze() -> float:
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.monotonic() - started


def profile_dashboard() -> None:
    """Time each query of one dashboard build (stderr): where the time goes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.dashboard import Filters, build

    build(Filters())  # warm
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        build(Filters())
        total = (time.perf_counter() - started) * 1000
    in_db = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    log(
        f"dashboard build(): {total:.0f} ms, {len(ctx.captured_queries)} queries taking"
        f" {in_db:.0f} ms; slowest:"
    )
    for query in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:6]:
        log(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")


# ----------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_gunicorn(
    env: dict[str, str], port: int, args: argparse.Namespace, logfile: Path
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kotacerdas.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--timeout",
        "120",
        "--graceful-timeout",
        "10",
        "--keep-alive",
        "30",  # clients wait between slices: keep their connections
        "--chdir",
        str(ROOT),
        "--error-logfile",
        str(logfile),
        "--log-level",
        "warning",
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads)]
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


def wait_until_up(proc: subprocess.Popen[bytes], port: int, logfile: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}:\n{tail(logfile)}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/__bare__/")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within 60 s:\n{tail(logfile)}")


def stop_gunicorn(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        log("gunicorn did not stop within 20 s; killing its process group")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def server_errors(path: Path) -> int:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return 0
    return sum(
        1
        for line in text.splitlines()
        if line.startswith("Traceback") or "[ERROR]" in line or "[CRITICAL]" in line
    )


# ----------------------------------------------------------------------------- load


class Target:
    def __init__(self, name: str, paths: list[str]) -> None:
        self.name = name
        self.paths = paths
        self.next = 0
        self.lock = threading.Lock()

    def path(self) -> str:
        with self.lock:
            path = self.paths[self.next % len(self.paths)]
            self.next += 1
        return path


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_examples: Counter[str] = field(default_factory=Counter)


class Client:
    """One keep-alive connection; a reused connection the server closed is retried once."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.retries = 0

    def get(self, path: str) -> tuple[int, int, float]:
        for attempt in (1, 2):
            fresh = self.conn is None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            started = time.perf_counter()
            try:
                self.conn.request("GET", path, headers={"Accept-Language": "id"})
                response = self.conn.getresponse()
                body = response.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if fresh or attempt == 2:
                    raise
                self.retries += 1
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if response.will_close:
                self.conn.close()
                self.conn = None
            return response.status, len(body), elapsed
        raise RuntimeError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


class Load:
    """N clients on one target at a time; a barrier starts and ends every slice."""

    def __init__(self, port: int, concurrency: int) -> None:
        self.clients = [Client(port) for _ in range(concurrency)]
        self.barrier = threading.Barrier(concurrency + 1, timeout=REQUEST_TIMEOUT * 2 + 30)
        self.target: Target | None = None
        self.deadline = 0.0
        self.stopping = False
        self.records: list[list[tuple[str, float, str]]] = [[] for _ in self.clients]
        self.threads = [
            threading.Thread(target=self.work, args=(i,), daemon=True) for i in range(concurrency)
        ]
        for thread in self.threads:
            thread.start()

    def work(self, index: int) -> None:
        client, out = self.clients[index], self.records[index]
        while True:
            self.barrier.wait()
            if self.stopping:
                client.close()
                return
            target = self.target
            while target is not None and time.monotonic() < self.deadline:
                path = target.path()
                try:
                    status, _size, elapsed = client.get(path)
                except Exception as exc:
                    out.append((target.name, 0.0, f"{type(exc).__name__} {path}"))
                    continue
                out.append((target.name, elapsed, "" if status == 200 else f"{status} {path}"))
            self.barrier.wait()

    def slice(self, target: Target, seconds: float) -> tuple[list[tuple[str, float, str]], float]:
        """Run every client on ``target`` for ``seconds``; the records and the elapsed time."""
        for records in self.records:
            records.clear()
        self.target = target
        started = time.monotonic()
        self.deadline = started + seconds
        self.barrier.wait()  # go
        self.barrier.wait()  # every client has its last answer
        elapsed = time.monotonic() - started
        return [r for records in self.records for r in records], elapsed

    def close(self) -> None:
        self.stopping = True
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()
        for thread in self.threads:
            thread.join(timeout=5)

    @property
    def retries(self) -> int:
        return sum(c.retries for c in self.clients)


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[rank]


def single_client(port: int, target: Target, count: int) -> float:
    """Median latency of ``count`` requests one after another: service time, no queueing."""
    client = Client(port)
    try:
        samples = []
        for _ in range(count):
            status, _size, elapsed = client.get(target.path())
            if status != 200:
                raise SystemExit(f"{target.name}: status {status}")
            samples.append(elapsed)
        return statistics.median(samples)
    finally:
        client.close()


def run_load(
    port: int, targets: list[Target], args: argparse.Namespace
) -> tuple[dict[str, Stats], int]:
    stats = {t.name: Stats() for t in targets}
    load = Load(port, args.concurrency)
    try:
        for target in targets:  # warm-up: imports, template loading, connections, caches
            load.slice(target, args.warmup)
        rounds = max(1, round(args.duration / args.slice))
        for number in range(rounds):
            shift = number % len(targets)
            for target in targets[shift:] + targets[:shift]:
                records, elapsed = load.slice(target, args.slice)
                found = stats[target.name]
                found.seconds += elapsed
                found.requests += len(records)
                for _name, latency, error in records:
                    if error:
                        found.errors += 1
                        found.error_examples[error] += 1
                    else:
                        found.latencies.append(latency)
            log(f"round {number + 1}/{rounds} done")
    finally:
        load.close()
    return stats, load.retries


# ----------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="25 regions, 6 s per target")
    parser.add_argument("--regions", type=int, help="regions with a masterplan (default 250)")
    parser.add_argument("--programs", type=int, default=150, help="programs per masterplan")
    parser.add_argument("--duration", type=float, help="seconds per target (default 20)")
    parser.add_argument("--slice", type=float, default=2.0, help="seconds of one slice")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds per target")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--redis-url", help="REDIS_URL for the app (default: in-process cache)")
    parser.add_argument(
        "--profile", action="store_true", help="time each dashboard query (stderr) before the load"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--database",
        help="a PostgreSQL database named kc_national_*: created, seeded and kept when missing;"
        " reused without seeding when it holds a seed of the same size",
    )
    args = parser.parse_args(argv)
    args.regions = args.regions or (25 if args.quick else 250)
    args.duration = args.duration or (6.0 if args.quick else 20.0)
    if not 1 <= args.regions <= 500:
        parser.error("--regions must be 1..500")
    if not 6 <= args.programs <= 500:
        parser.error("--programs must be 6..500")
    if not 0 < args.duration <= 300 or not 0.5 <= args.slice <= args.duration:
        parser.error("--duration must be in (0, 300] and --slice in [0.5, duration]")
    if not 1 <= args.concurrency <= 64 or not 1 <= args.workers <= 8:
        parser.error("--concurrency must be 1..64 and --workers 1..8")
    if args.database and not re.fullmatch(r"kc_national_[a-z0-9_]{1,40}", args.database):
        parser.error("--database must be kc_national_ followed by lowercase letters, digits, _")
    if args.redis_url and urlsplit(args.redis_url).hostname not in {"127.0.0.1", "localhost"}:
        parser.error("--redis-url must point to this machine (127.0.0.1)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    run_id = f"{os.getpid()}_{os.urandom(3).hex()}"
    db_name = args.database or f"kc_national_{run_id}"
    cache_prefix = f"kc-national-{run_id}"
    tmp = Path(tempfile.mkdtemp(prefix="kc-national-"))
    (tmp / "kc_bench_settings.py").write_text(SETTINGS_MODULE.format(prefix=cache_prefix))
    (tmp / "kc_bench_urls.py").write_text(URLS_MODULE)
    (tmp / "kc_bench_storage.py").write_text(STORAGE_MODULE)

    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="kc_bench_settings",
        PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]),
        KC_ENV="production",
        SECRET_KEY="bench-" + os.urandom(24).hex(),
        ALLOWED_HOSTS=HOST,
        KC_SITE_URL=f"http://{HOST}",
        SECURE_SSL_REDIRECT="0",  # loopback, plain HTTP; HSTS is only sent over HTTPS anyway
        DEBUG="0",
        KC_VAR_DIR=str(tmp),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db_name}",
        STATIC_ROOT=str(tmp / "staticfiles"),
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    os.environ.update(env)
    sys.path[:0] = [str(tmp), str(ROOT)]

    def on_sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    gunicorn: subprocess.Popen[bytes] | None = None
    database_created = False
    keep_database = False
    figures: list[tuple[str, object]] = []
    failed = False
    logfile = tmp / "gunicorn.log"
    try:
        reuse = bool(args.database) and database_exists(db_name)
        if not reuse:
            create_database(db_name)
            database_created = True
        log(f"database {db_name}{' (reused)' if reuse else ''}, temporary directory {tmp}")

        import django

        django.setup()
        prepare_s = prepare(load=not reuse)
        rows: Counter[str] = Counter()
        if reuse:
            found = seeded_codes(args.regions, args.programs)
            if found is None:
                raise SystemExit(
                    f"database {db_name} holds no complete seed of {args.regions} regions x"
                    f" {args.programs} programs: drop it or name another"
                )
            codes = found
            log(f"migrated in {prepare_s:.1f} s; reusing {len(codes)} seeded regions")
            seed_figures: list[tuple[str, object]] = [("seed", "reused")]
        else:
            log(f"migrated and loaded the registry in {prepare_s:.1f} s; seeding")
            started = time.monotonic()
            codes, rows = seed(args.regions, args.programs)
            seed_s = time.monotonic() - started
            keep_database = bool(args.database)
            seed_figures = [("seed_s", f"{seed_s:.1f}")]
        analyze_s = analyze()
        log(f"ANALYZE {analyze_s:.1f} s")
        if args.profile:
            profile_dashboard()
        from django.db import connections

        connections.close_all()

        port = free_port()
        gunicorn = start_gunicorn(env, port, args, logfile)
        wait_until_up(gunicorn, port, logfile)
        targets = [
            Target("dashboard", ["/dasbor/"]),
            Target("region", [f"/wilayah/{code}/" for code in codes]),
            Target("api", ["/api/v1/regions"]),
            Target("bare", ["/__bare__/"]),
        ]
        sizes = {}
        for target in targets:  # each answers 200 before any timing
            probe = Client(port)
            status, size, _elapsed = probe.get(target.paths[0])
            probe.close()
            if status != 200:
                raise SystemExit(f"{target.name} {target.paths[0]}: {status}\n{tail(logfile)}")
            sizes[target.name] = size
        log(
            f"gunicorn pid {gunicorn.pid} on {HOST}:{port}, {args.workers} {args.worker_class}"
            f" workers; {args.concurrency} clients, {args.duration:.0f} s per target"
        )
        single = {t.name: single_client(port, t, 5 if args.quick else 10) for t in targets}
        stats, retries = run_load(port, targets, args)

        figures += [
            ("regions_seeded", len(codes)),
            ("programs_per_masterplan", args.programs),
            *[(f"rows_{name}", count) for name, count in rows.items()],
            ("prepare_s", f"{prepare_s:.1f}"),
            *seed_figures,
            ("analyze_s", f"{analyze_s:.1f}"),
        ]
        for target in targets:
            found = stats[target.name]
            ordered = sorted(found.latencies)
            figures += [
                (f"{target.name}_p50_ms", f"{percentile(ordered, 50):.1f}"),
                (f"{target.name}_p95_ms", f"{percentile(ordered, 95):.1f}"),
                (f"{target.name}_max_ms", f"{ordered[-1] if ordered else 0:.1f}"),
                (f"{target.name}_rps", f"{found.requests / found.seconds:.1f}"),
                (f"{target.name}_requests", found.requests),
                (f"{target.name}_errors", found.errors),
                (f"{target.name}_single_ms", f"{single[target.name]:.1f}"),
                (f"{target.name}_bytes", sizes[target.name]),
            ]
        rps = {name: s.requests / s.seconds for name, s in stats.items()}
        figures += [
            ("dashboard_vs_bare", f"{rps['dashboard'] / rps['bare']:.3f}"),
            ("region_vs_bare", f"{rps['region'] / rps['bare']:.3f}"),
            ("api_vs_bare", f"{rps['api'] / rps['bare']:.3f}"),
            ("errors", sum(s.errors for s in stats.values())),
            ("reconnect_retries", retries),
            ("concurrency", args.concurrency),
            ("workers", f"{args.workers} {args.worker_class}"),
            ("cache", "redis" if args.redis_url else "locmem"),
        ]
        failed = any(s.errors for s in stats.values())
        examples: Counter[str] = Counter()
        for s in stats.values():
            examples.update(s.error_examples)
        figures += [("error_example", f"{n} x {e}") for e, n in examples.most_common(10)]
    except KeyboardInterrupt:
        log("interrupted; cleaning up")
        failed = True
        return 130
    finally:
        if gunicorn is not None:
            stop_gunicorn(gunicorn)
            log_errors = server_errors(logfile)
            figures.append(("server_log_errors", log_errors))
            if log_errors:
                log(f"gunicorn log, last lines:\n{tail(logfile)}")
                failed = True
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if keep_database:
            log(f"kept database {db_name} (drop: dropdb -h 127.0.0.1 -U postgres {db_name})")
        elif database_created:
            try:
                drop_database(db_name)
                log(f"dropped database {db_name}")
            except Exception as exc:
                log(f"could not drop database {db_name}: {exc}")
        if args.redis_url:
            try:
                log(f"removed {drop_redis_keys(args.redis_url, cache_prefix)} redis keys")
            except Exception as exc:
                log(f"could not clean redis keys {cache_prefix}:*: {exc}")
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        for name, value in figures:
            print(f"{name}={value}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
