"""Measure what one production app server carries. Prints figures; asserts nothing.

    .venv/bin/python bench/run.py [--seconds 10] [--connections 20]

Creates a PostgreSQL database of its own (`portal_bench` on BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/postgres), loads the real content and multiplies it ten-fold
(bench/content.py), starts gunicorn the way `make serve` does (DEBUG off, hashed static files,
gunicorn.conf.py: WEB_CONCURRENCY workers) and drives it at 20 concurrent connections from a Python
load generator (processes × threads, http.client). For the home page, a theme page, a concept
comparison, a search and a worksheet autosave it prints requests per second, its ratio to the same
server's /healthz, latency p50/p95/p99 and bytes per page. The load generator runs on the same
machine and takes CPU from the server: the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Browser, Member, gunicorn, manage, production_env  # noqa: E402

SEARCHES = ["forældre", "kommunikation", "skolebestyrelse", "trivsel", "dialog", "inddragelse"]
TARGETS = {
    "page_ratio": 0.5,  # every public page >= 50 % of /healthz requests per second
    "search_p95_ms": 30,
    "autosave_p99_ms": 50,
}


def check_prerequisites(admin_url: str) -> None:
    try:
        import psycopg2
    except ImportError:
        sys.exit("psycopg2 is missing: run `make install` first.")
    try:
        psycopg2.connect(admin_url, connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        sys.exit(f"PostgreSQL is not reachable at {admin_url}: {error}")


def recreate_database(admin_url: str, name: str) -> str:
    import psycopg2

    db = psycopg2.connect(admin_url)
    db.autocommit = True
    with db.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    db.close()
    return re.sub(r"/[^/]*$", f"/{name}", admin_url)


# --- The load generator --------------------------------------------------------------------------


def _worker(job: dict, queue: multiprocessing.Queue) -> None:
    """One process: `threads` connections until `stop_at`; sends back latencies (ms) and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def run(n: int) -> None:
        browser = Browser(job["port"], timeout=30)
        if job["kind"] == "uncached":
            # Any cookie besides CSRF/language makes the page cache step aside: the real cost.
            browser.cookies["bench"] = "uncached"
        member = None
        if job["kind"] == "autosave":
            member = Member(browser, job["board_key"])
            member.join(job["member_token"], f"Måler {os.getpid()}-{n}")
        while time.time() < job["start_at"]:
            time.sleep(0.01)
        i = 0
        mine: list[float] = []
        while time.time() < job["stop_at"]:
            i += 1
            began = time.perf_counter()
            try:
                if member is not None:
                    question = job["question_ids"][i % len(job["question_ids"])]
                    response = member.autosave(question, f"Målt svar nr. {i} fra {n}")
                    ok = member.acknowledged(response)
                else:
                    path = job["paths"][i % len(job["paths"])]
                    response = browser.get(path)
                    ok = response.status == 200
            except (OSError, ValueError) as error:
                ok, response = False, None
                with lock:
                    errors.append(type(error).__name__)
            elapsed = (time.perf_counter() - began) * 1000
            if ok:
                mine.append(elapsed)
            elif response is not None:
                with lock:
                    errors.append(str(response.status))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(job["threads"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put((latencies, errors))


def load(port: int, kind: str, paths: list[str], seconds: float, connections: int, **extra):
    processes = min(4, connections)
    per_process = [connections // processes + (1 if i < connections % processes else 0)
                   for i in range(processes)]  # fmt: skip
    start_at = time.time() + (4 if kind == "autosave" else 1)
    job = {"port": port, "kind": kind, "paths": paths, "start_at": start_at,
           "stop_at": start_at + seconds, **extra}  # fmt: skip
    queue: multiprocessing.Queue = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=_worker, args=({**job, "threads": n}, queue))
        for n in per_process
    ]
    for worker in workers:
        worker.start()
    latencies, errors = [], []
    for _ in workers:
        got, failed = queue.get()
        latencies.extend(got)
        errors.extend(failed)
    for worker in workers:
        worker.join()
    return latencies, errors, seconds


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def page_bytes(port: int, path: str) -> tuple[int, int, int]:
    """(HTML bytes, HTML gzip bytes, CSS/JS bytes as served gzip) for one page."""
    browser = Browser(port)
    page = browser.get(path)
    assets = 0
    for asset in set(re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page.text)):
        assets += len(browser.get(asset, **{"Accept-Encoding": "gzip"}).body)
    return len(page.body), len(gzip.compress(page.body)), assets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per endpoint (default 10)")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--multiply", type=int, default=10, help="copies of the content")
    parser.add_argument("--reuse", action="store_true", help="keep an existing bench database")
    args = parser.parse_args()

    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    check_prerequisites(admin_url)
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = production_env(
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        BENCH_MULTIPLY=str(args.multiply),
    )
    print(f"Preparing: database, content ×{args.multiply}, static files …", flush=True)
    if args.reuse:
        env["DATABASE_URL"] = re.sub(r"/[^/]*$", "/portal_bench", admin_url)
    else:
        env["DATABASE_URL"] = recreate_database(admin_url, "portal_bench")
        manage("migrate", "--noinput", env=env)
        manage("load_content", env=env)
    prepared = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "content.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    manage("collectstatic", "--noinput", env=env)

    workers = os.environ.get("WEB_CONCURRENCY") or str(multiprocessing.cpu_count() * 2 + 1)
    threads = int(os.environ.get("GUNICORN_THREADS") or 1)
    endpoints = [
        ("healthz (baseline)", "get", ["/healthz"]),
        ("home", "get", ["/"]),
        ("theme page", "get", [info["theme_url"]]),
        ("concept comparison", "get", [info["concept_url"]]),
        ("search", "get", [f"/soeg/?q={quote(q)}" for q in SEARCHES]),
        ("search (uncached)", "uncached", [f"/soeg/?q={quote(q)}" for q in SEARCHES]),
        ("worksheet autosave", "autosave", []),
    ]
    rows = []
    with gunicorn(env, work / "gunicorn.log", workers=int(workers), threads=threads) as server:
        for _label, _kind, paths in endpoints[:-1]:  # warm up caches and connections
            load(server.port, "get", paths, 1, 4)
        for label, kind, paths in endpoints:
            print(f"  {label} …", flush=True)
            latencies, errors, seconds = load(
                server.port, kind, paths, args.seconds, args.connections,
                board_key=info["board_key"], member_token=info["member_token"],
                question_ids=info["question_ids"],
            )  # fmt: skip
            sizes = page_bytes(server.port, paths[0]) if kind == "get" else None
            single, _, _ = load(
                server.port, kind, paths, max(2, args.seconds / 3), 1,
                board_key=info["board_key"], member_token=info["member_token"],
                question_ids=info["question_ids"],
            )  # fmt: skip
            rows.append((label, len(latencies) / seconds, latencies, errors, sizes, single))

    baseline = rows[0][1]
    print()
    print(
        f"One app server: gunicorn, {workers} workers × {threads} threads, PostgreSQL, "
        f"{args.connections} connections, {args.seconds:.0f} s per endpoint, on "
        f"{multiprocessing.cpu_count()} cores shared with the load generator."
    )
    print(
        f"Content ×{args.multiply}: {info['frameworks']} frameworks, {info['themes']} themes, "
        f"{info['items']} items, {info['questions']} questions."
    )
    print()
    print(
        f"{'endpoint':<20} {'req/s':>8} {'× base':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>7} {'HTML B':>8} {'gzip B':>7} {'CSS+JS gz B':>12}"
    )
    for label, rps, latencies, errors, sizes, _single in rows:
        html, html_gz, assets = sizes or ("", "", "")
        print(
            f"{label:<20} {rps:>8.1f} {rps / baseline:>7.2f} {percentile(latencies, 0.5):>8.1f} "
            f"{percentile(latencies, 0.95):>8.1f} {percentile(latencies, 0.99):>8.1f} "
            f"{len(errors):>7} {html:>8} {html_gz:>7} {assets:>12}"
        )
    print()
    print("The same endpoints one request at a time (the server's own time, no queueing):")
    print(f"{'endpoint':<20} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for label, *_rest, single in rows:
        print(
            f"{label:<20} {percentile(single, 0.5):>8.1f} {percentile(single, 0.95):>8.1f} "
            f"{percentile(single, 0.99):>8.1f}"
        )
    print()
    by_label = {row[0]: row for row in rows}
    for label in ("home", "theme page", "concept comparison", "search", "search (uncached)"):
        ratio = by_label[label][1] / baseline
        verdict = "met" if ratio >= TARGETS["page_ratio"] else "MISSED"
        print(f"target {label}: ≥ 50 % of baseline req/s – {ratio:.0%} {verdict}")
    for label in ("search", "search (uncached)"):
        p95 = percentile(by_label[label][2], 0.95)
        verdict = "met" if p95 < TARGETS["search_p95_ms"] else "MISSED"
        print(f"target {label} p95 < 30 ms – {p95:.1f} ms {verdict}")
    p99 = percentile(by_label["worksheet autosave"][2], 0.99)
    print(f"target autosave p99 < 50 ms – {p99:.1f} ms "
          f"{'met' if p99 < TARGETS['autosave_p99_ms'] else 'MISSED'}")  # fmt: skip
    if any(row[3] for row in rows):
        print("errors:", {row[0]: statistics.multimode(row[3]) for row in rows if row[3]})


if __name__ == "__main__":
    main()
