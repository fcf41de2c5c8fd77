"""Where the test suite's time goes: prints one name=value per line, then the slowest files.

    .venv/bin/python bench/suite.py [--workers 2] [--top 15] [-- PYTEST_ARGS...]

Runs the suite as `make test` does (pytest-xdist, one worker per core by default) with a small
plugin that writes when each worker started, finished collecting, and began and ended each test.
Prints:

- wall_s: the whole run, start to exit;
- collect_s: the slowest worker's start-up and collection (every worker collects every test);
- busy_s.gwN / done_s.gwN: each worker's time inside tests, and when it ran its last one;
- idle_tail_s: how long the first worker to finish waited for the last;
- test_cpu_s: the time inside tests summed over the workers (the work to share out);
- then the files whose tests took longest (set-up included: a module's world is built in its
  first test), with their number of tests.

Timing tests is noisy on a shared 2-core machine; compare two runs' figures side by side, and
read the per-file list for where to look, not as exact figures.
"""

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLUGIN = textwrap.dedent(
    """
    import os, time

    _log = None

    def pytest_configure(config):
        global _log
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        _log = open(os.path.join(os.environ["KC_SUITE_TIMELINE"], worker + ".log"), "w")
        _log.write(f"configure {time.time()}\\n")

    def pytest_collection_finish(session):
        _log.write(f"collected {time.time()}\\n")
        _log.flush()

    def pytest_runtest_logstart(nodeid, location):
        _log.write(f"start {time.time()} {nodeid}\\n")

    def pytest_runtest_logfinish(nodeid, location):
        _log.write(f"end {time.time()} {nodeid}\\n")
        _log.flush()
    """
)


def read_worker(path: Path, started: float) -> dict:
    collected = last = started
    busy = 0.0
    begun: dict[str, float] = {}
    per_file: collections.Counter[str] = collections.Counter()
    tests: collections.Counter[str] = collections.Counter()
    for line in path.read_text().splitlines():
        kind, moment, *rest = line.split(" ", 2)
        at = float(moment)
        if kind == "collected":
            collected = at
        elif kind == "start":
            begun[rest[0]] = at
        elif kind == "end":
            spent = at - begun.pop(rest[0], at)
            busy += spent
            last = at
            per_file[rest[0].split("::")[0]] += spent
            tests[rest[0].split("::")[0]] += 1
    return {
        "collect": collected - started,
        "busy": busy,
        "done": last - started,
        "per_file": per_file,
        "tests": tests,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", default="auto")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "kc_suite_timeline.py").write_text(PLUGIN)
        env = os.environ | {
            "KC_SUITE_TIMELINE": folder,
            "PYTHONPATH": os.pathsep.join(filter(None, [folder, os.environ.get("PYTHONPATH")])),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as make test runs it
        command = [sys.executable, "-m", "pytest", "-n", args.workers, "-p", "kc_suite_timeline"]
        started = time.time()
        result = subprocess.run(  # noqa: S603 (this interpreter's pytest, the given arguments)
            [*command, *args.pytest_args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        wall = time.time() - started
        workers = {
            path.stem: read_worker(path, started)
            for path in sorted(Path(folder).glob("*.log"))
            if path.stem != "main" or args.workers == "0"
        }
    summary = [line for line in result.stdout.splitlines() if " in " in line and "passed" in line]
    print(f"exit_code={result.returncode}")
    print(f"result={summary[-1].strip('= ') if summary else '?'}")
    print(f"wall_s={wall:.1f}")
    print(f"collect_s={max(w['collect'] for w in workers.values()):.1f}")
    for name, worker in workers.items():
        print(f"busy_s.{name}={worker['busy']:.1f}")
        print(f"done_s.{name}={worker['done']:.1f}")
    ends = [w["done"] for w in workers.values()]
    print(f"idle_tail_s={max(ends) - min(ends):.1f}")
    print(f"test_cpu_s={sum(w['busy'] for w in workers.values()):.1f}")
    per_file: collections.Counter[str] = collections.Counter()
    tests: collections.Counter[str] = collections.Counter()
    for worker in workers.values():
        per_file.update(worker["per_file"])
        tests.update(worker["tests"])
    print("slowest files (seconds in tests, tests):")
    for name, spent in per_file.most_common(args.top):
        print(f"  {spent:6.1f}  {tests[name]:5d}  {name}")
    if result.returncode:
        print(result.stdout[-3000:], result.stderr[-2000:], sep="\n")
        sys.exit(result.returncode)


if __name__ == "__main__":
    main()
