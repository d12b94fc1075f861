"""Perspectives rounds in tests: the chair opens one; respondents answer it as a browser does."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reflections.models import Round

LINK = 'id="round-link-{pk}" type="text" readonly value="(https?://[^"]+/arbejdsark/runde/[^"]+/)"'
NONCE = re.compile(r'name="nonce" value="([^"]+)"')


def round_dates(days: int = 14) -> dict[str, str]:
    today = timezone.localdate()
    return {"starts_on": str(today), "ends_on": str(today + datetime.timedelta(days=days))}


def open_round(chair: Client, board, group: str = "parents", **fields) -> tuple[Round, str]:
    """The chair opens a round; returns it and its answering path (read from the page once)."""
    url = reverse("reflections:rounds", args=[board.key])
    response = chair.post(url, {"group": group, "label": "", **round_dates(), **fields})
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Round.objects.filter(worksheet=board.worksheet).latest("pk")
    link = re.search(LINK.format(pk=created.pk), chair.get(url).content.decode()).group(1)
    return created, urlsplit(link).path


def nonce_of(page) -> str:
    return NONCE.search(page.content.decode()).group(1)


def answer(path: str, ratings: dict, comment: str = "", client: Client | None = None):
    """One respondent opens the link and sends ratings (question → rating) and a comment."""
    client = client or Client()
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    data = {"nonce": nonce_of(page), "comment": comment}
    data.update({f"q{question.pk}": rating for question, rating in ratings.items()})
    return client, client.post(path, data)
