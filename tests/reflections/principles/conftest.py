"""A board space with a worksheet the board has answered, and its principle.

`space` holds the `board` worksheet (tests/reflections/conftest.py) with an agreed answer, a
rating and a next step.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.http import Http404
from django.test import Client

from reflections import access, services
from reflections.models import BoardSpace, Principle, PrincipleArea, Worksheet
from reflections.principles import approval, drafting

AGREED_TEXT = "Vi vil invitere forældrene ind tidligt og tale om trivsel først."
STEP_TEXT = "Ny dagsorden til forældremødet"


@pytest.fixture
def space(board) -> BoardSpace:
    worksheet = board.worksheet
    space = worksheet.space or BoardSpace.objects.create(
        school_name=worksheet.school_name,
        board_name=worksheet.board_name,
        member_token_hash="m" * 64,
        chair_token_hash="c" * 64,
    )
    Worksheet.objects.filter(pk=worksheet.pk).update(space=space)
    worksheet.space = space
    first, indicator, steps = board.questions()
    services.save_agreed_answer(worksheet, first, base_version=0, text=AGREED_TEXT)
    services.save_agreed_answer(
        worksheet, indicator, base_version=0, text="Det ser vi ofte.", rating="some"
    )
    services.add_next_step(worksheet, steps, what=STEP_TEXT, who="Formanden", when="Marts")
    return space


@pytest.fixture
def principle(space, board) -> Principle:
    return drafting.start_principle(
        space,
        title="Princip for skole-hjem-samarbejdet",
        area=PrincipleArea.SCHOOL_HOME,
        worksheet=board.worksheet,
    )


def approve(principle: Principle, day: int = 10):
    return approval.approve(
        principle,
        approved_on=datetime.date(2027, 3, day),
        review_by=datetime.date(2028, 3, day),
    )


@pytest.fixture
def published(principle) -> Principle:
    approval.publish(principle, approve(principle))
    return principle


class SpaceRoles:
    """Clients signed in to `space` as chair or member (through the space's access helper)."""

    def __init__(self, space):
        self.space = space

    def client(self, role: str) -> Client:
        client = Client()
        session = client.session
        session[TEST_ROLE] = role
        session.save()
        return client


TEST_ROLE = "principle-tests-space-role"


@pytest.fixture
def roles(space, monkeypatch) -> SpaceRoles:
    def space_access_for(request, key, *, chair=False):
        role = request.session.get(TEST_ROLE)
        if key != space.key or role is None or (chair and role == "member"):
            raise Http404
        found = BoardSpace.objects.get(key=key)
        return SimpleNamespace(space=found, role=role, is_chair=role in ("chair", "cochair"))

    monkeypatch.setattr(access, "space_access_for", space_access_for, raising=False)
    monkeypatch.setattr(BoardSpace, "get_absolute_url", lambda self: f"/arbejdsark/rum/{self.key}/")
    return SpaceRoles(space)


@pytest.fixture
def space_chair(roles) -> Client:
    return roles.client("chair")


@pytest.fixture
def space_member(roles) -> Client:
    return roles.client("member")
