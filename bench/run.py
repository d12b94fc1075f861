"""Measure what one production app server carries. Prints figures; asserts nothing.

    .venv/bin/python bench/run.py [--seconds 10] [--connections 20]

Creates a PostgreSQL database of its own (`--database`, default `portal_bench`, on
BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres), loads the real content
and multiplies it ten-fold (bench/content.py), starts gunicorn the way `make serve` does (DEBUG
off, hashed static files, gunicorn.conf.py: WEB_CONCURRENCY workers) and drives it at 20
concurrent connections. For the home page, a theme page, a concept comparison, a search, a
worksheet autosave and a perspectives round's submissions (bench/rounds.py) it prints requests
per second, its ratio to the same server's /healthz, latency p50/p95/p99 and bytes per page.

`--uncached` measures what the page cache hides: every kind of public page (home, framework list,
a framework, a theme, the concept overview, a concept comparison, searches) and every board page
(a member's section page, the chair's page, the result page) sent with a cookie, so the page
cache steps aside, as it does for editors, board members and every first visitor after a content
save; then twenty visitors arriving at once on pages the cache does not have (bench/stampede.py).

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
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import cookie_jar, load_python, load_wrk  # noqa: E402
from bench.rounds import load_rounds  # noqa: E402
from bench.stampede import stampede  # noqa: E402
from tests.servers import Browser, Member, gunicorn, manage, production_env  # noqa: E402

SEARCHES = ["forældre", "kommunikation", "skolebestyrelse", "trivsel", "dialog", "inddragelse"]
CROWD = "first visitors"  # the --only label of the crowd after a save (with --uncached)
TARGETS = {
    "page_ratio": 0.5,  # every public page >= 50 % of /healthz requests per second
    "search_p95_ms": 30,
    "autosave_p99_ms": 50,
    "uncached_ratio": 0.2,  # every page with the page cache out of the way: >= 20 % of /healthz
    "uncached_search_p50_ms": 5,  # one at a time
    "uncached_search_p95_ms": 50,  # one at a time
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


def page_bytes(port: int, path: str, cookie: str | None = None) -> tuple[int, int, int]:
    """(HTML bytes, HTML gzip bytes, CSS/JS bytes as served gzip) for one page."""
    browser = Browser(port, cookies=cookie_jar(cookie))
    page = browser.get(path)
    assets = 0
    for asset in set(re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page.text)):
        assets += len(browser.get(asset, **{"Accept-Encoding": "gzip"}).body)
    return len(page.body), len(gzip.compress(page.body)), assets


def report(rows: list, args: argparse.Namespace, info: dict, workers: str, threads: int) -> None:
    """The table, the one-at-a-time table and the targets."""
    baseline = rows[0][1].rps or float("nan")  # a stalled baseline prints nan, not a crash
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
    if args.uncached:
        report_uncached(rows, baseline)
    else:
        report_cached(rows, args, baseline)
    failed = {label: statistics.multimode(busy.errors) for label, busy, *_ in rows if busy.errors}
    if failed:
        print("errors:", failed)


def report_cached(rows: list, args: argparse.Namespace, baseline: float) -> None:
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
    report_autosave(by_label)
    if "search (uncached)" in by_label:
        busy, single = by_label["search (uncached)"], singles["search (uncached)"]
        print(
            f"for information, a search the page cache has not seen: {busy.rps:.0f} req/s "
            f"({busy.rps / baseline:.0%} of baseline), p95 {busy.p95:.0f} ms at "
            f"{args.connections} connections; {single.p50:.0f} ms (p50) one at a time"
        )
    report_rounds(by_label, args, baseline)


def report_uncached(rows: list, baseline: float) -> None:
    by_label = {row[0]: row[1] for row in rows}
    singles = {row[0]: row[3] for row in rows}
    for label, busy, _sizes, _single in rows[1:]:
        if label == "worksheet autosave":
            continue
        ratio = busy.rps / baseline
        verdict = "met" if ratio >= TARGETS["uncached_ratio"] else "MISSED"
        print(f"target {label} without the page cache: ≥ 20 % of baseline – {ratio:.0%} {verdict}")
    if "search" in singles:
        single = singles["search"]
        for share, key in (("p50", "uncached_search_p50_ms"), ("p95", "uncached_search_p95_ms")):
            took = getattr(single, share)
            verdict = "met" if took < TARGETS[key] else "MISSED"
            print(
                f"target a search the cache has not seen, one at a time: {share} < "
                f"{TARGETS[key]} ms – {took:.1f} ms {verdict}"
            )
    report_autosave(by_label)


def report_rounds(by_label: dict, args: argparse.Namespace, baseline: float) -> None:
    if "round submission" in by_label:
        busy = by_label["round submission"]
        print(
            f"for information, a perspectives round: {busy.rps:.0f} submissions/s "
            f"({busy.rps / baseline:.0%} of baseline), p99 {busy.p99:.0f} ms at "
            f"{args.connections} respondents at a time; 500 in an hour is {500 / 3600:.2f}/s"
        )


def report_autosave(by_label: dict) -> None:
    if "worksheet autosave" in by_label:
        p99 = by_label["worksheet autosave"].p99
        verdict = "met" if p99 < TARGETS["autosave_p99_ms"] else "MISSED"
        print(f"target autosave p99 < 50 ms – {p99:.1f} ms {verdict}")


def cached_endpoints(info: dict) -> list[tuple[str, str, list[str], dict]]:
    return [
        ("home", "get", ["/"], {}),
        ("theme page", "get", [info["theme_url"]], {}),
        ("concept comparison", "get", [info["concept_url"]], {}),
        ("search", "get", [f"/soeg/?q={quote(q)}" for q in SEARCHES], {}),
        ("search (uncached)", "uncached", [f"/soeg/?q={quote(q)}" for q in SEARCHES], {}),
    ]


def uncached_endpoints(port: int, info: dict) -> list[tuple[str, str, list[str], dict]]:
    """Every page kind with the page cache out of the way; board pages with a member's and the
    chair's own session, as they are always served."""
    member = Member(Browser(port, timeout=30), info["board_key"])
    member.join(info["member_token"], "Måler af sider")
    chair = Browser(port, timeout=30)
    opened = chair.get(f"/arbejdsark/f/{info['chair_token']}/")
    assert opened.status == 302, (opened.status, opened.text[:300])
    board = f"/arbejdsark/ark/{info['board_key']}"
    as_member = {"cookie": "; ".join(f"{k}={v}" for k, v in member.browser.cookies.items())}
    as_chair = {"cookie": "; ".join(f"{k}={v}" for k, v in chair.cookies.items())}
    return [
        ("home", "uncached", ["/"], {}),
        ("framework list", "uncached", ["/rammer/"], {}),
        ("framework page", "uncached", [info["framework_url"]], {}),
        ("theme page", "uncached", [info["theme_url"]], {}),
        ("concept overview", "uncached", ["/begreber/"], {}),
        ("concept comparison", "uncached", [info["concept_url"]], {}),
        ("search", "uncached", [f"/soeg/?q={quote(q)}" for q in SEARCHES], {}),
        ("section page", "uncached", [f"{board}/afsnit/{info['section_id']}/"], as_member),
        ("result page", "uncached", [f"{board}/resultat/"], as_member),
        ("chair page", "uncached", [f"{board}/formand/"], as_chair),
    ]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per endpoint (default 10)")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--multiply", type=int, default=10, help="copies of the content")
    parser.add_argument("--reuse", action="store_true", help="keep an existing bench database")
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE", "portal_bench"),
        help="name of the database to (re)create; on a shared server, one of your own",
    )
    parser.add_argument(
        "--generator",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator (default: wrk when installed)",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated endpoint labels to run, e.g. 'search,home'"
    )
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="every public and board page with the page cache out of the way, and a crowd of "
        "first visitors",
    )
    parser.add_argument(
        "--redis",
        nargs="?",
        const="redis://127.0.0.1:6379/9",
        default="",
        help="share the cache between the workers through Redis, as several servers do "
        "(default redis://127.0.0.1:6379/9; needs the [redis] extra)",
    )
    return parser.parse_args()


def endpoints_for(args: argparse.Namespace, port: int, info: dict) -> list[tuple]:
    """What this run measures: the baseline, then the chosen pages, autosave and rounds."""
    endpoints = [("healthz (baseline)", "get", ["/healthz"], {})]
    if args.uncached:
        endpoints += uncached_endpoints(port, info)
    else:
        endpoints += cached_endpoints(info)
    endpoints.append(("worksheet autosave", "autosave", [], {}))
    if not args.uncached:
        endpoints.append(("round submission", "round", [], {}))
    if args.only:
        wanted = {label.strip() for label in args.only.split(",")}
        endpoints = endpoints[:1] + [e for e in endpoints[1:] if e[0] in wanted]  # + baseline
    return endpoints


def main() -> None:
    args = parse_args()
    load = load_wrk if args.generator == "wrk" else load_python

    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    check_prerequisites(admin_url)
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = production_env(
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        BENCH_MULTIPLY=str(args.multiply),
    )
    if args.redis:
        env["REDIS_URL"] = args.redis
    print(f"Preparing: database, content ×{args.multiply}, static files …", flush=True)
    if args.reuse:
        env["DATABASE_URL"] = re.sub(r"/[^/]*$", f"/{args.database}", admin_url)
    else:
        env["DATABASE_URL"] = recreate_database(admin_url, args.database)
        manage("migrate", "--noinput", env=env)
        manage("load_content", env=env)
    prepared = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "content.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    opened = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "rounds.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    info.update(json.loads(opened.stdout.strip().splitlines()[-1]))
    manage("collectstatic", "--noinput", env=env)

    workers = os.environ.get("WEB_CONCURRENCY") or str(multiprocessing.cpu_count() * 2 + 1)
    threads = int(os.environ.get("GUNICORN_THREADS") or 1)
    board = {key: info[key] for key in ("board_key", "member_token", "question_ids", "round_path")}
    rows, crowds = [], []
    with gunicorn(env, work / "gunicorn.log", workers=int(workers), threads=threads) as server:
        endpoints = endpoints_for(args, server.port, info)
        for _label, kind, paths, extra in endpoints:  # warm up caches and connections
            if kind not in ("autosave", "round"):
                load(server.port, kind, paths, 2, 4, **extra)
        for label, kind, paths, extra in endpoints:
            print(f"  {label} …", flush=True)
            extra = {**board, **extra}
            # A round's respondents are new browsers every time: the Python generator's job.
            drive = load_rounds if kind == "round" else load
            busy = drive(server.port, kind, paths, args.seconds, args.connections, **extra)
            sizes = page_bytes(server.port, paths[0], extra.get("cookie")) if paths else None
            single = drive(server.port, kind, paths, max(2, args.seconds / 3), 1, **extra)
            rows.append((label, busy, sizes, single))
        if args.uncached and (not args.only or CROWD in args.only):
            print(f"  {args.connections} {CROWD} at once …", flush=True)
            for label, path in (("home", "/"), ("theme page", info["theme_url"])):
                crowds.append((label, stampede(server.port, path, args.connections)))

    report(rows, args, info, workers, threads)
    if crowds:
        print()
        print(
            f"{args.connections} visitors at once on a page the cache does not have (as on "
            f"every page right after a content save); renders should be 1"
            + ("" if env.get("REDIS_URL") else f", at most one per worker ({workers}) "
               "without a shared cache (--redis)")
            + ":"
        )  # fmt: skip
        for label, crowd in crowds:
            print(crowd.line(label))


if __name__ == "__main__":
    main()
