"""The load generators bench/run.py drives the server with: wrk (default) or Python.

Both are closed loops: each connection sends its next request when the last one is answered.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Browser, Member  # noqa: E402

UNCACHED_COOKIE = "bench=uncached"


def cookie_jar(header: str | None) -> dict[str, str]:
    """A Cookie header ("a=1; b=2") as a Browser's cookies."""
    pairs = (pair.partition("=") for pair in (header or "").split("; ") if "=" in pair)
    return {name: value for name, _, value in pairs}


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
            browser.cookies.update(cookie_jar(job.get("cookie", UNCACHED_COOKIE)))
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
local versions, last_path = {}, nil
function request()
  counter = counter + 1
  local path = paths[counter %% #paths + 1]
  last_path = path
  local body = nil
  if body_format then body = string.format(body_format, versions[path] or 0, counter, id) end
  return wrk.format(method, path, headers, body)
end
%(response_fn)sfunction done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, ' ..
    '"status": %%d, "socket": %%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""

# One connection per wrk thread for autosave, so `last_path` is the request this answers.
AUTOSAVE_RESPONSE = r"""
function response(status, headers, body)
  local version = body and string.match(body, '"version": *(%d+)')
  if status == 200 and version then versions[last_path] = tonumber(version) end
end
"""


def _lua(text: str) -> str:
    # A JSON string without \u escapes is a valid Lua string (LuaJIT knows no \uXXXX).
    return json.dumps(text, ensure_ascii=False)


def load_wrk(port: int, kind: str, paths: list[str], seconds: float, connections: int,
             **extra) -> Result:  # fmt: skip
    origin = f"https://127.0.0.1:{port}"
    members, method, body_format, extra_headers, response_fn = [], "GET", "nil", "", ""
    if kind == "uncached":
        # Any cookie besides CSRF/language makes the page cache step aside: the real cost. A
        # board member's or chair's session cookie (`cookie`) opens their pages.
        extra_headers = f'headers["Cookie"] = {_lua(extra.get("cookie", UNCACHED_COOKIE))}'
    if kind == "autosave":
        method = "POST"
        paths = [f"/arbejdsark/ark/{extra['board_key']}/gem/{q}/" for q in extra["question_ids"]]
        # Each save names the version it last got back for that question, as the page does.
        body_format = _lua(
            '{"scope": "own", "version": %d, "text": "Målt svar nr. %d fra forbindelse %d"}'
        )
        response_fn = AUTOSAVE_RESPONSE
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
        "response_fn": response_fn,
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
