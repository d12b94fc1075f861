"""Responses to a perspectives round made directly, for pages that only read them."""

from __future__ import annotations

import secrets

from reflections.models import Round, RoundRating, RoundResponse, WorksheetQuestion


def respond(
    round_: Round, ratings: dict[WorksheetQuestion, str], times: int = 5, comment: str = ""
) -> None:
    """`times` respondents each give `ratings` (question → rating) and `comment`."""
    for _ in range(times):
        response = RoundResponse.objects.create(
            round=round_, nonce_hash=secrets.token_hex(32), comment=comment
        )
        RoundRating.objects.bulk_create(
            RoundRating(response=response, question=question, rating=rating)
            for question, rating in ratings.items()
        )
