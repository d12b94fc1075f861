"""A school board member as an HTTP client: open the link, give a name, autosave answers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from reflections import services
from reflections.models import QuestionKind, Worksheet
from tests.servers import Browser, Response
from values.models import ReflectionQuestion

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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


class Member:
    """One person's browser on one server: joins the worksheet, then saves answers."""

    def __init__(self, browser: Browser, board_key: str):
        self.browser = browser
        self.key = board_key
        self.csrf = ""

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
        scheme = "https" if self.browser.https else "http"
        origin = f"{scheme}://127.0.0.1:{self.browser.port}"
        return self.browser.request(
            "POST",
            f"/arbejdsark/ark/{self.key}/gem/{question_id}/",
            body=json.dumps({"scope": "own", "text": text}).encode(),
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
