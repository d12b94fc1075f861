"""Twenty visitors arriving at once on a page the cache does not have – as on every page right
after a content save, which makes every cached page stale at once: how many of them the server
renders the page for (responses without `X-Page-Cache: hit`) and how long they wait.

Used by bench/run.py. A fresh query string per round is a key the cache has never seen, the same
miss a content save causes, without touching the content.
"""

from __future__ import annotations

import secrets
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import percentile  # noqa: E402
from tests.servers import Browser  # noqa: E402


@dataclass
class Stampede:
    visitors: int
    rounds: int
    renders: list[int]  # per round
    waits: list[float]  # every visitor's time in ms
    errors: int

    def line(self, label: str) -> str:
        return (
            f"{label:<20} {self.visitors} visitors at once, {self.rounds} rounds: "
            f"renders per round {min(self.renders)}–{max(self.renders)} "
            f"(mean {sum(self.renders) / self.rounds:.1f}), "
            f"time p50 {percentile(self.waits, 0.5):.0f} ms, max {max(self.waits):.0f} ms, "
            f"errors {self.errors}"
        )


def stampede(port: int, path: str, visitors: int = 20, rounds: int = 5) -> Stampede:
    renders, waits, errors = [], [], 0
    browsers = [Browser(port, timeout=30) for _ in range(visitors)]
    for _ in range(rounds):
        fresh = f"{path}{'&' if '?' in path else '?'}besoeg={secrets.token_hex(4)}"
        results = at_once(browsers, fresh)
        renders.append(sum(1 for status, hit, _ in results if status == 200 and hit != "hit"))
        errors += sum(1 for status, *_ in results if status != 200)
        waits += [took for *_, took in results]
    return Stampede(visitors, rounds, renders, waits, errors)


def at_once(browsers: list[Browser], url: str) -> list[tuple[int, str, float]]:
    """Every browser asks for `url` at the same moment: (status, X-Page-Cache, ms) for each."""
    start = threading.Barrier(len(browsers))
    results: list[tuple[int, str, float]] = []
    lock = threading.Lock()

    def visit(browser: Browser) -> None:
        browser.cookies.clear()  # anonymous, as a first visitor is
        start.wait()
        began = perf_counter()
        response = browser.get(url)
        took = (perf_counter() - began) * 1000
        with lock:
            results.append((response.status, response.header("X-Page-Cache"), took))

    threads = [threading.Thread(target=visit, args=(browser,)) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
