"""The people on a board's worksheet: joining with a personal link, and the chair's merging and
removing of participants."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import ANSWER_MAX_LENGTH, Answer, Participant, Worksheet, hash_token, new_token


def add_participant(worksheet: Worksheet, display_name: str) -> tuple[Participant, str]:
    """A new member of the board, with their personal link's token (shown once)."""
    token = new_token()
    participant = Participant.objects.create(
        worksheet=worksheet, display_name=display_name, token_hash=hash_token(token)
    )
    return participant, token


def rotate_personal_link(participant: Participant) -> str:
    """A new personal link for a member; the old one stops working."""
    token = new_token()
    Participant.objects.filter(pk=participant.pk).update(token_hash=hash_token(token))
    return token


def merge_texts(theirs: str, mine: str) -> str:
    """Both texts, once each: what someone else saved first, then what this visitor wrote."""
    if not theirs or theirs == mine:
        return mine
    if not mine or mine in theirs:
        return theirs
    return f"{theirs}\n\n{mine}"


@transaction.atomic
def merge_participants(source: Participant, target: Participant) -> None:
    """One person who joined twice: `source`'s answers become `target`'s, and `source` goes.

    Where both answered a question, the texts are put together (target's first) and target's
    rating is kept unless it has none. `source`'s sessions lose their name (access.access_for).
    """
    kept = {a.question_id: a for a in Answer.objects.filter(participant=target)}
    for answer in Answer.objects.filter(participant=source):
        other = kept.get(answer.question_id)
        if other is None:
            Answer.objects.filter(pk=answer.pk).update(participant=target)
            continue
        Answer.objects.filter(pk=other.pk).update(
            text=merge_texts(other.text, answer.text)[:ANSWER_MAX_LENGTH],
            rating=other.rating or answer.rating,
            evidence=merge_texts(other.evidence, answer.evidence)[:ANSWER_MAX_LENGTH],
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
    source.delete()  # with the answers that were merged into target's


def remove_participant(participant: Participant) -> None:
    """A participant and all their own answers, gone for good."""
    participant.delete()
