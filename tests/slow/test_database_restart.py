"""PostgreSQL restarted in the middle of a load, on a private cluster the test creates itself.

While the database is down /healthz answers 503 (so the load balancer stops sending traffic);
within five seconds of it coming back requests succeed again; and no save the server had
acknowledged is lost – the database is stopped the hard way (immediate shutdown: crash recovery on
start), so this also proves acknowledged means committed.
"""

from __future__ import annotations

import json
import re
import threading
import time

import psycopg2
import pytest

from tests.servers import Browser, gunicorn, manage, production_env
from tests.slow.boards import Member
from tests.slow.cluster import PrivateCluster, postgres_bin
from tests.slow.marks import slow_on_postgres

pytestmark = [*slow_on_postgres, pytest.mark.skipif(postgres_bin() is None, reason="no initdb")]

WRITERS = 8
SEQ = re.compile(r"nr\. (\d+)")

SETUP_BOARD = """
import json
from tests.conftest import make_framework
from tests.slow.boards import make_board
make_framework()
board = make_board()
print(json.dumps({"key": board.key, "token": board.member_token,
                  "questions": board.open_question_ids()}))
"""


@pytest.fixture
def cluster():
    cluster = PrivateCluster()
    cluster.init()
    cluster.start()
    db = psycopg2.connect(cluster.url())
    db.autocommit = True
    with db.cursor() as cursor:
        cursor.execute("CREATE DATABASE portal")
    db.close()
    yield cluster
    cluster.remove()


class Load:
    """Members saving answers and a load balancer probing /healthz, each in a thread of its own,
    recording every response: (time sent, "save" | "health", status)."""

    def __init__(self, questions: list[int]):
        self.questions = questions
        self.events: list[tuple[float, str, int]] = []
        self.last_ack: dict[tuple[str, int], int] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def write(self, name: str, member: Member) -> None:
        seq = 0
        while not self.stop.is_set():
            seq += 1
            question_id = self.questions[seq % len(self.questions)]
            sent = time.monotonic()
            try:
                response = member.autosave(question_id, f"{name} svar nr. {seq}")
                status = response.status
                ok = member.acknowledged(response)
            except OSError:
                status, ok = 0, False
            with self.lock:
                self.events.append((sent, "save", status))
                if ok:
                    self.last_ack[(name, question_id)] = seq
            if not ok:
                time.sleep(0.05)  # as the page's script does: retry shortly

    def probe(self, port: int) -> None:
        browser = Browser(port, https=False, timeout=5)
        while not self.stop.is_set():
            sent = time.monotonic()
            try:
                status = browser.get("/healthz").status
            except OSError:
                status = 0
            with self.lock:
                self.events.append((sent, "health", status))
            time.sleep(0.05)  # a probe every 50 ms, as a load balancer would


def test_database_restart_gives_503_then_recovers_within_5_s_losing_no_saved_answer(
    cluster, static_root, tmp_path
):
    env = production_env(
        DATABASE_URL=cluster.url("portal"),
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="WARNING",
    )
    manage("migrate", "--noinput", env=env)
    setup = manage("shell", "-c", SETUP_BOARD, env=env)
    board = json.loads(next(line for line in setup.splitlines() if line.startswith("{")))

    load = Load(board["questions"])
    events, last_ack, stop = load.events, load.last_ack, load.stop

    with gunicorn(env, tmp_path / "gunicorn.log", workers=2, threads=2) as server:
        members = []
        for n in range(WRITERS):
            member = Member(Browser(server.port, timeout=10), board["key"])
            member.join(board["token"], f"Medlem {n}")
            members.append((f"Medlem {n}", member))

        threads = [threading.Thread(target=load.write, args=pair) for pair in members]
        threads.append(threading.Thread(target=load.probe, args=(server.port,)))
        for thread in threads:
            thread.start()
        time.sleep(3)
        down_at = time.monotonic()
        cluster.stop("immediate")
        stopped_at = time.monotonic()
        time.sleep(3)
        cluster.start()
        up_at = time.monotonic()
        time.sleep(6)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    def during(kind: str, start: float, end: float) -> list[int]:
        return [status for sent, k, status in events if k == kind and start <= sent < end]

    # (Requests still in flight when the database stops may fail; look a second earlier.)
    before = during("save", 0, down_at - 1)
    assert before and all(status == 200 for status in before), "the load ran cleanly first"
    outage = during("health", stopped_at + 0.2, up_at - 0.2)
    assert outage and set(outage) == {503}, outage
    first_health_ok = min(
        sent for sent, k, status in events if k == "health" and sent >= up_at and status == 200
    )
    first_save_ok = min(
        sent for sent, k, status in events if k == "save" and sent >= up_at and status == 200
    )
    print(
        f"\nhealthz 503 x{len(outage)} while down; after restart: healthz ok in "
        f"{first_health_ok - up_at:.2f} s, first save in {first_save_ok - up_at:.2f} s"
    )
    assert first_health_ok - up_at < 5, first_health_ok - up_at
    assert first_save_ok - up_at < 5, first_save_ok - up_at
    # Once recovered, everything succeeds again.
    after = during("save", up_at + 5, float("inf"))
    assert after and set(after) == {200}, sorted(set(after))

    with psycopg2.connect(cluster.url("portal")) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT p.display_name, a.question_id, a.text FROM reflections_answer a "
            "JOIN reflections_participant p ON p.id = a.participant_id"
        )
        stored = {(name, qid): int(SEQ.search(text).group(1)) for name, qid, text in cursor}
    db.close()
    for key, seq in last_ack.items():
        assert stored.get(key, 0) >= seq, f"acknowledged save {key} nr. {seq} was lost"
