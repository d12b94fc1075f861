"""50 board members autosaving answers for 30 seconds against a live production server.

Nothing may fail with a server error, and every save the server acknowledged must be in the
database afterwards, exactly: each member's own answer holds the last acknowledged text and its
version counts every acknowledged save (no update was lost between concurrent writers).
"""

from __future__ import annotations

import threading
import time
from collections import Counter

from reflections.models import Answer
from tests.conftest import make_framework
from tests.servers import Browser, gunicorn
from tests.slow.boards import Member, make_board
from tests.slow.marks import slow_on_postgres

pytestmark = slow_on_postgres

WRITERS = 50
SECONDS = 30


def test_fifty_writers_for_thirty_seconds_lose_nothing_and_see_no_server_error(
    server_env, tmp_path
):
    make_framework(questions_per_theme=3)
    board = make_board(questions=4)
    question_ids = board.open_question_ids()
    assert len(question_ids) >= 2

    statuses: Counter[int] = Counter()
    failures: list[str] = []
    last_ack: dict[tuple[str, int], str] = {}
    ack_count: Counter[tuple[str, int]] = Counter()
    lock = threading.Lock()

    with gunicorn(server_env(), tmp_path / "gunicorn.log", workers=3, threads=4) as server:
        start = threading.Barrier(WRITERS)

        def writer(n: int) -> None:
            name = f"Medlem {n:02d}"
            member = Member(Browser(server.port, timeout=30), board.key)
            try:
                member.join(board.member_token, name)
                start.wait()
                deadline = time.monotonic() + SECONDS
                seq = 0
                while time.monotonic() < deadline:
                    seq += 1
                    question_id = question_ids[seq % len(question_ids)]
                    text = f"{name} svar nr. {seq} – æøå"
                    response = member.autosave(question_id, text)
                    with lock:
                        statuses[response.status] += 1
                        if member.acknowledged(response):
                            last_ack[(name, question_id)] = text
                            ack_count[(name, question_id)] += 1
                        else:
                            failures.append(f"{name}: {response.status} {response.text[:200]}")
            except Exception as error:  # noqa: BLE001 - every failure is reported below
                with lock:
                    failures.append(f"{name}: {type(error).__name__}: {error}")
            finally:
                member.browser.close()

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        server_log = server.log()

    total = sum(statuses.values())
    print(f"\n{total} autosaves in {SECONDS} s by {WRITERS} writers: {dict(statuses)}")
    assert not failures, failures[:10]
    assert not any(status >= 500 for status in statuses), (statuses, server_log[-2000:])
    assert "Traceback" not in server_log, server_log[-3000:]
    assert total >= WRITERS * 5, "the load really ran"

    stored = {
        (answer.participant.display_name, answer.question_id): answer
        for answer in Answer.objects.filter(
            worksheet=board.worksheet, participant__isnull=False
        ).select_related("participant")
    }
    assert set(stored) == set(last_ack)
    for key, text in last_ack.items():
        assert stored[key].text == text, key
        assert stored[key].version == ack_count[key], key
