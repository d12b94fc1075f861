"""Real production-configured servers for tests and the benchmark: gunicorn in a subprocess.

The tests in tests/portal/test_deploy.py, tests/slow/ and bench/ start the portal the way
`make serve` does (DJANGO_DEBUG=false, hashed static files, gunicorn) and talk HTTP to it.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production process: debug off, a real secret, explicit hosts."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The test run's own settings must not leak into the server process.
        if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_URL"))
    }
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Behind one load balancer, as production is (portal.W001 otherwise).
            "DJANGO_TRUSTED_PROXY_COUNT": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 300) -> str:
    """Run manage.py in a subprocess; raise with its output if it fails."""
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [*MANAGE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def free_port() -> int:
    """A free TCP port between 20000 and 29999 (the range this machine's helpers use)."""
    for _ in range(200):
        port = random.randint(20000, 29999)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port found")


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def gunicorn(
    env: dict[str, str],
    log_path: Path,
    workers: int = 2,
    threads: int = 1,
    port: int | None = None,
    wait: float = 30,
) -> Iterator[Server]:
    """Start gunicorn with ROOT's gunicorn.conf.py and wait until it accepts connections."""
    port = port or free_port()
    log_file = open(log_path, "ab")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    server = Server(port, process, log_path)
    try:
        deadline = time.monotonic() + wait
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{server.log()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{server.log()}") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log_file.close()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def set_cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Browser:
    """A tiny HTTP client with a cookie jar, talking to one server as if through its TLS proxy."""

    port: int
    https: bool = True
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 10
    _connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        all_headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.https:
            all_headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout
                )
            try:
                self._connection.request(method, path, body=body, headers=all_headers)
                raw = self._connection.getresponse()
                response = Response(raw.status, raw.headers, raw.read())
                break
            except (http.client.HTTPException, ConnectionError):
                # The server closed a kept-alive connection; a second try uses a new one.
                self.close()
                if attempt == 2:
                    raise
        if response.header("Connection").lower() == "close":
            self.close()
        for raw_cookie in response.set_cookies():
            jar = SimpleCookie()
            jar.load(raw_cookie)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict[str, str], referer: str = "") -> Response:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        scheme = "https" if self.https else "http"
        headers["Origin"] = f"{scheme}://127.0.0.1:{self.port}"
        headers["Referer"] = f"{scheme}://127.0.0.1:{self.port}{referer or path}"
        return self.request("POST", path, body=urlencode(data).encode(), headers=headers)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Member:
    """One person's browser on one server: joins the worksheet, then saves answers."""

    def __init__(self, browser: Browser, board_key: str):
        self.browser = browser
        self.key = board_key
        self.csrf = ""
        # The version of each own answer this browser last saved, sent back as the page does:
        # a save that names an older version is a conflict, never an overwrite.
        self.versions: dict[int, int] = {}
        # Texts sent since the last confirmed save whose answers never came back (the server
        # may have stored any of them), per question.
        self.unconfirmed: dict[int, list[str]] = {}

    def join(self, member_token: str, name: str) -> None:
        opened = self.browser.get(f"/arbejdsark/m/{member_token}/")
        assert opened.status == 302, (opened.status, opened.text[:300])
        page = self.browser.get(f"/arbejdsark/ark/{self.key}/")
        assert page.status == 200, (page.status, page.text[:300])
        self.csrf = CSRF_INPUT.search(page.text).group(1)
        joined = self.browser.post(
            f"/arbejdsark/ark/{self.key}/navn/",
            {"csrfmiddlewaretoken": self.csrf, "display_name": name},
        )
        assert joined.status == 302, (joined.status, joined.text[:300])

    def autosave(self, question_id: int, text: str) -> Response:
        """Save as the page's script does, including its one quiet step: a conflict with the
        text of our own earlier save whose answer was lost is no conflict – build on it."""
        try:
            response = self._post(question_id, text)
        except OSError:
            self.unconfirmed.setdefault(question_id, []).append(text)
            raise
        if response.status == 409 and self._lost_save(question_id, response):
            return self.autosave(question_id, text)
        if self.acknowledged(response):
            self.versions[question_id] = json.loads(response.body)["version"]
            self.unconfirmed.pop(question_id, None)
        elif response.status >= 500:
            self.unconfirmed.setdefault(question_id, []).append(text)
        return response

    def _lost_save(self, question_id: int, response: Response) -> bool:
        theirs = json.loads(response.body)
        if theirs.get("status") != "conflict" or theirs.get("text") not in self.unconfirmed.get(
            question_id, []
        ):
            return False
        self.versions[question_id] = theirs["version"]
        del self.unconfirmed[question_id]
        return True

    def _post(self, question_id: int, text: str) -> Response:
        scheme = "https" if self.browser.https else "http"
        origin = f"{scheme}://127.0.0.1:{self.browser.port}"
        return self.browser.request(
            "POST",
            f"/arbejdsark/ark/{self.key}/gem/{question_id}/",
            body=json.dumps(
                {"scope": "own", "version": self.versions.get(question_id, 0), "text": text}
            ).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.csrf,
                "Origin": origin,
                "Referer": f"{origin}/arbejdsark/ark/{self.key}/",
            },
        )

    @staticmethod
    def acknowledged(response: Response) -> bool:
        if response.status != 200:
            return False
        try:
            return json.loads(response.body).get("status") == "saved"
        except ValueError:
            return False


NONCE_INPUT = re.compile(r'name="nonce" value="([^"]+)"')
RATING_INPUT = re.compile(r'name="(q\d+)" value="(\w+)"')


class Respondent:
    """One person answering a perspectives round from their own phone: a browser of its own."""

    def __init__(self, port: int, path: str, timeout: float = 30):
        self.browser = Browser(port, timeout=timeout)
        self.path = path

    def open(self) -> dict[str, str]:
        """Open the link; the form's hidden fields and the first choice of every rating."""
        page = self.browser.get(self.path)
        assert page.status == 200, (page.status, page.text[:300])
        form = {
            "csrfmiddlewaretoken": CSRF_INPUT.search(page.text).group(1),
            "nonce": NONCE_INPUT.search(page.text).group(1),
        }
        for name, value in RATING_INPUT.findall(page.text):
            form.setdefault(name, value)
        return form

    def send(self, form: dict[str, str], comment: str = "") -> Response:
        return self.browser.post(self.path, {**form, "comment": comment})

    @staticmethod
    def saved(response: Response) -> bool:
        """The server's answer to a saved response: back to the same page, now a thank-you."""
        return response.status == 302
