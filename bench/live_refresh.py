"""What one refresh of an open section page costs, next to /healthz (no assertions, figures only).

The section page asks every few seconds what changed; an unchanged section answers 304 after one
small query. Runs in-process with Django's test client on a throwaway test database (SQLite
unless DATABASE_URL says otherwise), so it measures the server's work without the network:

    .venv/bin/python bench/live_refresh.py            # 300 requests each
    .venv/bin/python bench/live_refresh.py 1000
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from reflections import services  # noqa: E402
from reflections.models import (  # noqa: E402
    QuestionKind,
    Status,
    TemplateQuestion,
    TemplateSection,
    WorksheetTemplate,
)

MEMBERS = 6
QUESTIONS = 8


def board() -> tuple[str, str, Client]:
    """A section of QUESTIONS questions that MEMBERS members and the board have answered."""
    template = WorksheetTemplate.objects.create(
        title="Måling", introduction="-", status=Status.PUBLISHED
    )
    section = TemplateSection.objects.create(template=template, title="Afsnit", position=1)
    for n in range(QUESTIONS):
        TemplateQuestion.objects.create(
            section=section, kind=QuestionKind.OPEN, text=f"Spørgsmål {n}?", position=n
        )
    new = services.create_from_template(template, school_name="Skole", board_name="Bestyrelse")
    ws = new.worksheet
    questions = list(ws.questions.all())
    clients = []
    for n in range(MEMBERS):
        client = Client()
        client.get(reverse("reflections:member_link", args=[new.member_token]))
        client.post(reverse("reflections:join", args=[ws.key]), {"display_name": f"Medlem {n}"})
        for q in questions:
            body = json.dumps({"scope": "own", "text": f"Svar fra {n} " * 20})
            url = reverse("reflections:autosave", args=[ws.key, q.pk])
            client.post(url, body, content_type="application/json")
        clients.append(client)
    live = reverse("reflections:section_live", args=[ws.key, ws.sections.get().pk])
    return live, ws.key, clients[0]


def per_request_ms(client: Client, path: str, count: int, **headers) -> tuple[float, int]:
    began = time.perf_counter()
    for _ in range(count):
        response = client.get(path, headers=headers)
    return (time.perf_counter() - began) * 1000 / count, response.status_code


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        live, _key, member = board()
        etag = member.get(live)["ETag"]
        per_request_ms(member, "/healthz", 20)  # warm up
        healthz, _ = per_request_ms(member, "/healthz", count)
        unchanged, status_304 = per_request_ms(member, live, count, if_none_match=etag)
        changed, status_200 = per_request_ms(member, live, count)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"{connection.vendor}, {MEMBERS} members × {QUESTIONS} questions, {count} requests each")
    print(f"/healthz                        {healthz:7.2f} ms   1.00 × healthz")
    print(
        f"refresh, unchanged ({status_304})          {unchanged:7.2f} ms "
        f"{unchanged / healthz:6.2f} × healthz"
    )
    print(
        f"refresh, changed ({status_200}, full JSON)  {changed:7.2f} ms "
        f"{changed / healthz:6.2f} × healthz"
    )


if __name__ == "__main__":
    main()
