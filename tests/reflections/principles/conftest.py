"""A board space with a worksheet the board has answered, and its principle.

`space` holds the `board` worksheet (tests/reflections/conftest.py) with an agreed answer, a
rating and a next step.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from reflections import services
from reflections.models import BoardSpace, Principle, PrincipleArea
from reflections.principles import approval, drafting

from ..conftest import open_link

AGREED_TEXT = "Vi vil invitere forældrene ind tidligt og tale om trivsel først."
STEP_TEXT = "Ny dagsorden til forældremødet"


@pytest.fixture
def space(board) -> BoardSpace:
    worksheet = board.worksheet
    space = worksheet.space
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
    """Clients signed in to the board's space with its chair or member link."""

    def __init__(self, space, board):
        self.space = space
        self.links = {"chair": board.chair_link, "member": board.member_link}

    def client(self, role: str) -> Client:
        client = Client()
        open_link(client, self.links[role])
        return client


@pytest.fixture
def roles(space, board) -> SpaceRoles:
    return SpaceRoles(space, board)


@pytest.fixture
def space_chair(roles) -> Client:
    return roles.client("chair")


@pytest.fixture
def space_member(roles) -> Client:
    return roles.client("member")
