"""A perspectives round taking a whole school's parents at once: submissions per second and p99.

bench/run.py runs `python bench/rounds.py` with DATABASE_URL pointing at the bench database to
open a round (a worksheet of rated indicators); it prints one JSON line with the round's path.
`load_rounds` then drives the server like parents on their phones: each connection is one new
respondent after another – open the link, then send the ratings and a comment – and the figures
are those of the sends. Python threads (http.client), so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Result, percentile  # noqa: E402
from tests.servers import Respondent  # noqa: E402

QUESTIONS = 8


def prepare() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.utils import timezone

    from reflections import rounds, services
    from values.models import Item

    indicators = Item.objects.filter(kind=Item.Kind.INDICATOR, theme__status="published")
    picks = [services.Pick(item) for item in indicators.order_by("pk")[:QUESTIONS]]
    new = services.create_from_picks(
        picks, title="Perspektiver", school_name="Benchmark Skole", board_name="Bestyrelsen"
    )
    today = timezone.localdate()
    _round, token = rounds.open_round(
        new.worksheet, group="parents", label="", starts_on=today, ends_on=today
    )
    return {"round_path": f"/arbejdsark/runde/{token}/"}


def load_rounds(port: int, _kind: str, _paths: list[str], seconds: float, connections: int,
                **extra) -> Result:  # fmt: skip
    """`connections` respondents at a time for `seconds`; one sample per send."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_at = time.time() + 1
    stop_at = start_at + seconds

    def run(n: int) -> None:
        while time.time() < start_at:
            time.sleep(0.01)
        sent = 0
        while time.time() < stop_at:
            sent += 1
            respondent = Respondent(port, extra["round_path"])
            try:
                form = respondent.open()
                began = time.perf_counter()
                response = respondent.send(form, f"Målt svar {sent} fra forbindelse {n}")
                elapsed = (time.perf_counter() - began) * 1000
                ok = respondent.saved(response)
            except (OSError, ValueError, AssertionError) as error:
                ok, elapsed, response = False, 0.0, None
                with lock:
                    errors.append(type(error).__name__)
            finally:
                respondent.browser.close()
            with lock:
                if ok:
                    latencies.append(elapsed)
                elif response is not None:
                    errors.append(str(response.status))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(
        len(latencies), seconds, percentile(latencies, 0.5), percentile(latencies, 0.95),
        percentile(latencies, 0.99), errors,
    )  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(prepare()))
