"""200 parents answering a perspectives round at the same moment, against a production server.

Every respondent opens the link on their own browser, and all send at once. None may see a server
error or a refusal, and afterwards the database holds exactly their 200 responses, each with its
own comment and ratings: no response lost, none saved twice.
"""

from __future__ import annotations

import threading
from collections import Counter

from django.utils import timezone

from reflections import rounds, services
from reflections.models import RoundRating, RoundResponse
from tests.conftest import make_framework
from tests.servers import Respondent, gunicorn
from tests.slow.marks import slow_on_postgres
from values.models import Item

pytestmark = slow_on_postgres

RESPONDENTS = 200


def test_two_hundred_respondents_at_once_lose_no_response(server_env, tmp_path):
    make_framework(themes=2, items_per_theme=4)
    indicators = Item.objects.filter(kind=Item.Kind.INDICATOR).order_by("pk")
    new = services.create_from_picks(
        [services.Pick(item) for item in indicators],
        title="Forældrenes perspektiv",
        school_name="Ærøskøbing Skole",
        board_name="Skolebestyrelsen",
    )
    questions = new.worksheet.questions.filter(kind="rating").count()
    assert questions >= 4
    today = timezone.localdate()
    round_, token = rounds.open_round(
        new.worksheet, group="parents", label="", starts_on=today, ends_on=today
    )
    path = f"/arbejdsark/runde/{token}/"

    statuses: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    with gunicorn(server_env(), tmp_path / "gunicorn.log", workers=3, threads=4) as server:
        start = threading.Barrier(RESPONDENTS, timeout=300)

        def respond(n: int) -> None:
            respondent = Respondent(server.port, path, timeout=120)
            try:
                form = respondent.open()
                start.wait()
                response = respondent.send(form, f"Forælder nr. {n} – æøå")
                with lock:
                    statuses[response.status] += 1
                    if not respondent.saved(response):
                        failures.append(f"{n}: {response.status} {response.text[:200]}")
            except Exception as error:  # noqa: BLE001 - every failure is reported below
                with lock:
                    failures.append(f"{n}: {type(error).__name__}: {error}")
            finally:
                respondent.browser.close()

        threads = [threading.Thread(target=respond, args=(n,)) for n in range(RESPONDENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        server_log = server.log()

    print(f"\n{RESPONDENTS} respondents at once: {dict(statuses)}")
    assert not failures, failures[:10]
    assert statuses == Counter({302: RESPONDENTS})
    assert "Traceback" not in server_log, server_log[-3000:]
    comments = sorted(RoundResponse.objects.filter(round=round_).values_list("comment", flat=True))
    assert comments == sorted(f"Forælder nr. {n} – æøå" for n in range(RESPONDENTS))
    assert RoundRating.objects.filter(response__round=round_).count() == RESPONDENTS * questions
