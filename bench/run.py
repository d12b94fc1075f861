"""Measure what one production app server carries. Prints figures; asserts nothing.

    .venv/bin/python bench/run.py [--seconds 10] [--connections 20]

Creates a PostgreSQL database of its own (`portal_bench` on BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/postgres), loads the real content and multiplies it ten-fold
(bench/content.py), starts gunicorn the way `make serve` does (DEBUG off, hashed static files,
gunicorn.conf.py: WEB_CONCURRENCY workers) and drives it at 20 concurrent connections. For the
home page, a theme page, a concept comparison, a search and a worksheet autosave it prints
requests per second, its ratio to the same server's /healthz, latency p50/p95/p99 and bytes per
page.

The load comes from wrk (Debian's package `wrk`, written in C, closed loop: each of the 20
connections sends its next request when the last one is answered). Without wrk, or with
`--generator python`, a Python generator (processes × threads, http.client) does the same; it needs
a good share of the two cores itself, so its figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
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


@dataclass
class Result:
    requests: int
    seconds: float
    p50: float  # milliseconds
    p95: float
    p99: float
    errors: list[str]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def members_for(port: int, board_key: str, member_token: str, count: int) -> list[Member]:
    """`count` board members who opened the link and gave their names: one per connection."""
    members = []
    for n in range(count):
        member = Member(Browser(port, timeout=30), board_key)
        member.join(member_token, f"Måler {n + 1}")
        members.append(member)
    return members


# --- The Python load generator (fallback) --------------------------------------------------------


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


def load_python(port: int, kind: str, paths: list[str], seconds: float, connections: int,
                **extra) -> Result:  # fmt: skip
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
    return Result(
        len(latencies), seconds, percentile(latencies, 0.5), percentile(latencies, 0.95),
        percentile(latencies, 0.99), errors,
    )  # fmt: skip


# --- wrk (Debian's package, written in C): the default, it leaves the cores to the server -------

WRK_SCRIPT = r"""
local paths = {%(paths)s}
local members = {%(members)s}
local method, body_format = "%(method)s", %(body_format)s
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end
function init(args)
  counter = 0
  headers = {["X-Forwarded-Proto"] = "https"}
  %(extra_headers)s
  if #members > 0 then
    local m = members[(id - 1) %% #members + 1]
    headers["Cookie"] = m.cookie
    headers["X-CSRFToken"] = m.csrf
    headers["Content-Type"] = "application/json"
    headers["Origin"] = m.origin
    headers["Referer"] = m.origin .. "/"
  end
end
function request()
  counter = counter + 1
  local path = paths[counter %% #paths + 1]
  local body = nil
  if body_format then body = string.format(body_format, counter, id) end
  return wrk.format(method, path, headers, body)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, ' ..
    '"status": %%d, "socket": %%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def _lua(text: str) -> str:
    # A JSON string without \u escapes is a valid Lua string (LuaJIT knows no \uXXXX).
    return json.dumps(text, ensure_ascii=False)


def load_wrk(port: int, kind: str, paths: list[str], seconds: float, connections: int,
             **extra) -> Result:  # fmt: skip
    origin = f"https://127.0.0.1:{port}"
    members, method, body_format, extra_headers = [], "GET", "nil", ""
    if kind == "uncached":
        # Any cookie besides CSRF/language makes the page cache step aside: the real cost.
        extra_headers = 'headers["Cookie"] = "bench=uncached"'
    if kind == "autosave":
        method = "POST"
        paths = [f"/arbejdsark/ark/{extra['board_key']}/gem/{q}/" for q in extra["question_ids"]]
        body_format = _lua('{"scope": "own", "text": "Målt svar nr. %d fra forbindelse %d"}')
        for member in members_for(port, extra["board_key"], extra["member_token"], connections):
            cookie = "; ".join(f"{k}={v}" for k, v in member.browser.cookies.items())
            members.append(
                f"{{cookie = {_lua(cookie)}, csrf = {_lua(member.csrf)}, origin = {_lua(origin)}}}"
            )
    script = WRK_SCRIPT % {
        "paths": ", ".join(_lua(path) for path in paths),
        "members": ", ".join(members),
        "method": method,
        "body_format": body_format,
        "extra_headers": extra_headers,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    # One wrk thread per connection for autosave (each its own member), else one per core.
    threads = connections if kind == "autosave" else min(connections, os.cpu_count() or 2)
    done = subprocess.run(  # noqa: S603 - fixed argv
        [shutil.which("wrk") or "wrk", "--threads", str(threads), "--connections", str(connections),
         "--duration", f"{seconds:.0f}s", "--timeout", "30s", "--script", file.name,
         f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    os.unlink(file.name)
    lines = [x for x in done.stdout.splitlines() if x.startswith("BENCH ")]
    if not lines:
        sys.exit(f"wrk printed no figures:\n{done.stdout}\n{done.stderr}")
    line = lines[0]
    figures = json.loads(line.removeprefix("BENCH "))
    errors = ["status"] * figures["status"] + ["socket"] * figures["socket"]
    return Result(
        figures["requests"] - figures["status"], figures["seconds"], figures["p50"],
        figures["p95"], figures["p99"], errors,
    )  # fmt: skip


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
    parser.add_argument(
        "--generator",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator (default: wrk when installed)",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated endpoint labels to run, e.g. 'search,home'"
    )
    args = parser.parse_args()
    load = load_wrk if args.generator == "wrk" else load_python

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
    if args.only:
        wanted = {label.strip() for label in args.only.split(",")}
        endpoints = endpoints[:1] + [e for e in endpoints[1:] if e[0] in wanted]  # + baseline
    board = {key: info[key] for key in ("board_key", "member_token", "question_ids")}
    rows = []
    with gunicorn(env, work / "gunicorn.log", workers=int(workers), threads=threads) as server:
        for _label, kind, paths in endpoints[:-1]:  # warm up caches and connections
            load(server.port, kind, paths, 2, 4)
        for label, kind, paths in endpoints:
            print(f"  {label} …", flush=True)
            busy = load(server.port, kind, paths, args.seconds, args.connections, **board)
            sizes = page_bytes(server.port, paths[0]) if kind == "get" else None
            single = load(server.port, kind, paths, max(2, args.seconds / 3), 1, **board)
            rows.append((label, busy, sizes, single))

    baseline = rows[0][1].rps
    print()
    print(
        f"One app server: gunicorn, {workers} workers × {threads} threads, PostgreSQL, "
        f"{args.connections} connections ({args.generator}), {args.seconds:.0f} s per endpoint, "
        f"on {multiprocessing.cpu_count()} cores shared with the load generator."
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
    for label, busy, sizes, _single in rows:
        html, html_gz, assets = sizes or ("", "", "")
        print(
            f"{label:<20} {busy.rps:>8.1f} {busy.rps / baseline:>7.2f} {busy.p50:>8.1f} "
            f"{busy.p95:>8.1f} {busy.p99:>8.1f} {len(busy.errors):>7} {html:>8} {html_gz:>7} "
            f"{assets:>12}"
        )
    print()
    print("The same endpoints one request at a time (the server's own time, no queueing):")
    print(f"{'endpoint':<20} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for label, _busy, _sizes, single in rows:
        print(f"{label:<20} {single.p50:>8.1f} {single.p95:>8.1f} {single.p99:>8.1f}")
    print()
    by_label = {row[0]: row[1] for row in rows}
    singles = {row[0]: row[3] for row in rows}
    for label in ("home", "theme page", "concept comparison", "search"):
        if label in by_label:
            ratio = by_label[label].rps / baseline
            verdict = "met" if ratio >= TARGETS["page_ratio"] else "MISSED"
            print(f"target {label}: ≥ 50 % of baseline req/s – {ratio:.0%} {verdict}")
    if "search" in by_label:
        p95 = by_label["search"].p95
        verdict = "met" if p95 < TARGETS["search_p95_ms"] else "MISSED"
        print(f"target search p95 < 30 ms – {p95:.1f} ms {verdict}")
    if "worksheet autosave" in by_label:
        p99 = by_label["worksheet autosave"].p99
        verdict = "met" if p99 < TARGETS["autosave_p99_ms"] else "MISSED"
        print(f"target autosave p99 < 50 ms – {p99:.1f} ms {verdict}")
    if "search (uncached)" in by_label:
        busy, single = by_label["search (uncached)"], singles["search (uncached)"]
        print(
            f"for information, a search the page cache has not seen: {busy.rps:.0f} req/s "
            f"({busy.rps / baseline:.0%} of baseline), p95 {busy.p95:.0f} ms at "
            f"{args.connections} connections; {single.p50:.0f} ms (p50) one at a time"
        )
    failed = {label: statistics.multimode(busy.errors) for label, busy, *_ in rows if busy.errors}
    if failed:
        print("errors:", failed)


if __name__ == "__main__":
    main()
