"""A school board member as an HTTP client: open the link, give a name, autosave answers."""

from __future__ import annotations

from dataclasses import dataclass

from reflections import services
from reflections.models import QuestionKind, Worksheet
from tests.servers import Member  # noqa: F401 - the board member's client, re-exported
from values.models import ReflectionQuestion


@dataclass
class Board:
    worksheet: Worksheet
    member_token: str

    @property
    def key(self) -> str:
        return self.worksheet.key

    def open_question_ids(self) -> list[int]:
        return list(
            self.worksheet.questions.filter(kind=QuestionKind.OPEN)
            .order_by("position")
            .values_list("pk", flat=True)
        )


def make_board(questions: int = 4, school: str = "Ærøskøbing Skole") -> Board:
    """A worksheet built from published reflection questions (the content must exist)."""
    picks = [
        services.Pick(q) for q in ReflectionQuestion.objects.published().order_by("pk")[:questions]
    ]
    assert picks, "the board needs published reflection questions"
    new = services.create_from_picks(
        picks, title="Belastningstest", school_name=school, board_name="Skolebestyrelsen"
    )
    return Board(new.worksheet, new.member_token)
