"""What the open API costs on one production app server. Prints figures; asserts nothing.

    .venv/bin/python bench/api.py [--seconds 5] [--connections 10] [--database-url URL]

Loads the shipped content into a fresh SQLite database in a temporary folder (or uses
--database-url, e.g. a PostgreSQL database of your own that already has the content), starts
gunicorn as `make serve` does (DEBUG off), and for /healthz and every API endpoint prints the
server's time for one request (p50 at one connection), requests per second at --connections
connections, and that figure as a ratio to /healthz on the same server; the schema and the
open-data downloads too. Load comes from wrk when installed (`apt-get
install wrk`), otherwise from the Python generator in bench/load.py, which takes a share of the
CPU itself and so reports lower figures.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import load_python, load_wrk  # noqa: E402
from tests.servers import gunicorn, manage, production_env  # noqa: E402

API = "/api/v1"


def endpoints(port: int) -> list[tuple[str, list[str]]]:
    """Every operation, with keys taken from the content the server has."""

    def first(path: str, key: str):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{API}{path}") as answer:  # noqa: S310
            import json

            return json.load(answer)["results"][0][key]

    framework = first("/frameworks", "slug")
    return [
        ("healthz (baseline)", ["/healthz"]),
        ("publishers", [f"{API}/publishers"]),
        ("publisher", [f"{API}/publishers/{first('/publishers', 'slug')}"]),
        ("concepts", [f"{API}/concepts"]),
        ("concept", [f"{API}/concepts/{first('/concepts', 'slug')}"]),
        ("frameworks", [f"{API}/frameworks"]),
        ("framework", [f"{API}/frameworks/{framework}"]),
        ("themes", [f"{API}/themes?framework={framework}"]),
        ("theme", [f"{API}/themes/{first('/themes', 'id')}"]),
        ("items (50 per page)", [f"{API}/items"]),
        ("items (100, filtered)", [f"{API}/items?kind=statement&page_size=100"]),
        ("item", [f"{API}/items/{first('/items', 'id')}"]),
        ("questions", [f"{API}/questions"]),
        ("question", [f"{API}/questions/{first('/questions', 'id')}"]),
        ("materials", [f"{API}/materials"]),  # the shipped content may have none
        ("search", [f"{API}/search?q=for%C3%A6ldre", f"{API}/search?q=dialog"]),
        ("openapi.json", [f"{API}/openapi.json"]),
        ("open data zip", [f"{API}/data/foraeldresamarbejde.zip"]),
        ("dcat.jsonld", [f"{API}/data/dcat.jsonld"]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="per endpoint (default 5)")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite database")
    parser.add_argument(
        "--generator",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
    )
    args = parser.parse_args()
    load = load_wrk if args.generator == "wrk" else load_python

    work = Path(tempfile.mkdtemp(prefix="portal-bench-api-"))
    env = production_env(
        DATABASE_URL=args.database_url or f"sqlite:///{work / 'bench.sqlite3'}",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SSL_REDIRECT="false",
        DJANGO_PROXY_SSL_HEADER="",
        DJANGO_HASHED_STATIC="false",
        PORTAL_OPEN_DATA_DIR=str(work / "opendata"),
    )
    if not args.database_url:
        print("Preparing: database and content …", flush=True)
        manage("migrate", "--noinput", env=env)
        manage("load_content", env=env)
    manage("build_open_data", env=env)

    workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
    rows = []
    with gunicorn(env, work / "gunicorn.log", workers=workers) as server:
        targets = endpoints(server.port)
        for _label, paths in targets:  # warm up
            load(server.port, "get", paths, 1, 2)
        for label, paths in targets:
            print(f"  {label} …", flush=True)
            single = load(server.port, "get", paths, max(1.0, args.seconds / 2), 1)
            busy = load(server.port, "get", paths, args.seconds, args.connections)
            rows.append((label, single, busy))

    baseline = rows[0][2].rps or 1
    print(f"\nOne server: {workers} gunicorn workers, {args.connections} connections, "
          f"{args.generator} generator, {args.seconds:g} s per endpoint\n")  # fmt: skip
    print(f"{'endpoint':<24} {'1 request (ms)':>15} {'req/s':>9} {'÷ /healthz':>11} {'errors':>7}")
    for label, single, busy in rows:
        errors = len(single.errors) + len(busy.errors)
        print(
            f"{label:<24} {single.p50:>15.1f} {busy.rps:>9.0f} "
            f"{busy.rps / baseline:>11.2f} {errors:>7}"
        )


if __name__ == "__main__":
    main()
