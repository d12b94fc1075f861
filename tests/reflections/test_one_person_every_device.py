"""One person on every device: a personal link, merging and removing participants, a co-chair,
handing over the chair role, and staff recovering a lost chair link."""

import logging
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from reflections import services
from reflections.models import Answer, Participant, Worksheet

from .conftest import autosave, open_link

pytestmark = pytest.mark.django_db

LINK = re.compile(
    r'id="(personal|chair|cochair|member)-link"[^>]*value="(?:https?://[^/]+)?([^"]+)"'
)


def shown_links(html: str) -> dict[str, str]:
    return {kind: path for kind, path in LINK.findall(html)}


def overview(client: Client, board) -> str:
    return client.get(reverse("reflections:worksheet", args=[board.key])).content.decode()


def test_joining_shows_a_personal_link_once(board):
    phone = Client()
    open_link(phone, board.member_link, "Mads")
    first = overview(phone, board)
    assert "Dit personlige link" in first
    assert "personal" in shown_links(first)
    assert "personal" not in shown_links(overview(phone, board))
    participant = Participant.objects.get()
    personal = shown_links(first)["personal"]
    assert personal.split("/")[-2] not in participant.token_hash  # only a hash is stored
    assert len(participant.token_hash) == 64


def test_the_personal_link_finds_ones_own_answers_on_another_device(board):
    phone = Client()
    open_link(phone, board.member_link, "Mads")
    personal = shown_links(overview(phone, board))["personal"]
    question = board.questions()[0]
    autosave(phone, board, question, scope="own", text="Skrevet på telefonen")

    laptop = Client()
    assert laptop.get(personal).status_code == 302
    page = laptop.get(board.sections()[0].get_absolute_url()).content.decode()
    assert "Du deltager som" in page and "Mads" in page
    assert "Hvem er du?" not in overview(laptop, board)
    assert Participant.objects.count() == 1
    # The own answer is in the own field, not among "De andres svar".
    assert re.search(r'name="own-\d+-text"[^>]*>\s*Skrevet på telefonen', page)
    assert "Ingen andre har svaret endnu." in page
    # And the laptop saves on top of the phone's version: no conflict, no second person.
    response = autosave(laptop, board, question, scope="own", text="Og på computeren", version=1)
    assert response.status_code == 200
    assert Answer.objects.get().text == "Og på computeren"


def test_a_new_personal_link_replaces_the_old_one(member, board):
    old = shown_links(overview(member, board))["personal"]
    response = member.post(reverse("reflections:new_personal_link", args=[board.key]))
    assert response.status_code == 302
    new = shown_links(overview(member, board))["personal"]
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 302


def test_the_personal_link_outlives_a_renewed_member_link_but_not_removal(member, chair, board):
    personal = shown_links(overview(member, board))["personal"]
    services.rotate_member_link(Worksheet.objects.get().space)
    laptop = Client()
    laptop.get(personal)
    assert "Du deltager som" in overview(laptop, board)
    mads = Participant.objects.get(display_name="Medlem Mads")
    chair.post(
        reverse("reflections:participants", args=[board.key]),
        {"remove": "1", "remove-participant": mads.pk, "remove-confirm": "on"},
    )
    assert Client().get(personal).status_code == 404
    assert "Hvem er du?" in overview(laptop, board)  # the session lost its name, not the page


def test_an_unknown_personal_link_is_404(db):
    assert Client().get(reverse("reflections:personal_link", args=["x" * 43])).status_code == 404


def test_the_chair_merges_one_person_who_joined_twice(chair, board):
    question, indicator = board.questions()[:2]
    phone, laptop = Client(), Client()
    open_link(phone, board.member_link, "Mads")
    open_link(laptop, board.member_link, "Mads M")
    autosave(phone, board, question, scope="own", text="Fra telefonen")
    autosave(laptop, board, question, scope="own", text="Fra computeren")
    autosave(laptop, board, indicator, scope="own", rating="high")
    source = Participant.objects.get(display_name="Mads M")
    target = Participant.objects.get(display_name="Mads")
    response = chair.post(
        reverse("reflections:participants", args=[board.key]),
        {"merge": "1", "merge-source": source.pk, "merge-target": target.pk},
    )
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=source.pk).exists()
    answers = {a.question_id: a for a in Answer.objects.filter(participant=target)}
    assert answers[question.pk].text == "Fra telefonen\n\nFra computeren"
    assert answers[indicator.pk].rating == "high"
    # The laptop is told why its next save fails, and nothing is written.
    refused = autosave(laptop, board, question, scope="own", text="Mere")
    assert refused.status_code == 403 and refused.json()["status"] == "removed"


def test_merging_a_name_into_itself_is_refused_in_danish(chair, board):
    fie = Participant.objects.get()
    response = chair.post(
        reverse("reflections:participants", args=[board.key]),
        {"merge": "1", "merge-source": fie.pk, "merge-target": fie.pk},
    )
    assert response.status_code == 400
    assert "Vælg to forskellige navne." in response.content.decode()
    assert Participant.objects.count() == 1


def test_removing_a_participant_asks_for_confirmation_and_deletes_their_answers(
    chair, member, board
):
    autosave(member, board, board.questions()[0], scope="own", text="Mine svar")
    mads = Participant.objects.get(display_name="Medlem Mads")
    url = reverse("reflections:participants", args=[board.key])
    unconfirmed = chair.post(url, {"remove": "1", "remove-participant": mads.pk})
    assert unconfirmed.status_code == 400
    assert "Sæt kryds for at bekræfte" in unconfirmed.content.decode()
    assert Answer.objects.exists()
    chair.post(url, {"remove": "1", "remove-participant": mads.pk, "remove-confirm": "on"})
    assert not Participant.objects.filter(pk=mads.pk).exists()
    assert not Answer.objects.exists()


def test_a_member_cannot_merge_or_remove(member, board):
    mads = Participant.objects.get()
    url = reverse("reflections:participants", args=[board.key])
    response = member.post(
        url, {"remove": "1", "remove-participant": mads.pk, "remove-confirm": "on"}
    )
    assert response.status_code == 404
    assert Participant.objects.exists()


def test_another_boards_participant_cannot_be_merged_or_removed(chair, board, other_board):
    stranger = Client()
    open_link(stranger, other_board.member_link, "Fremmed")
    other = Participant.objects.get(display_name="Fremmed")
    fie = Participant.objects.get(display_name="Formand Fie")
    url = reverse("reflections:participants", args=[board.key])
    chair.post(url, {"remove": "1", "remove-participant": other.pk, "remove-confirm": "on"})
    chair.post(url, {"merge": "1", "merge-source": other.pk, "merge-target": fie.pk})
    assert Participant.objects.filter(pk=other.pk).exists()


def test_a_cochair_link_gives_the_chairs_rights_until_renewed(chair, board):
    rotate = reverse("reflections:rotate", args=[board.key])
    chair.post(rotate, {"link": "cochair"})
    manage = reverse("reflections:manage", args=[board.key])
    cochair_link = shown_links(chair.get(manage).content.decode())["cochair"]
    cochair = Client()
    open_link(cochair, cochair_link, "Næstformand Nina")
    assert cochair.get(manage).status_code == 200
    assert "Du deltager som" in overview(cochair, board)
    chair.post(rotate, {"link": "cochair"})
    # The old co-chair link's session loses everything, member access included.
    assert cochair.get(manage).status_code == 404
    assert cochair.get(reverse("reflections:worksheet", args=[board.key])).status_code == 404
    assert chair.get(manage).status_code == 200


def test_handing_over_the_chair_role(chair, board):
    response = chair.post(reverse("reflections:hand_over", args=[board.key]))
    assert response.status_code == 302
    page = overview(chair, board)
    new_link = shown_links(page)["chair"]
    assert "Formandslink til den nye formand" in page
    manage = reverse("reflections:manage", args=[board.key])
    assert chair.get(manage).status_code == 404  # the old chair is a member now
    assert "Du deltager som" in overview(chair, board)
    assert Client().get(board.chair_link).status_code == 404
    successor = Client()
    open_link(successor, new_link, "Ny formand")
    assert successor.get(manage).status_code == 200


@pytest.fixture
def recovery_staff(django_user_model):
    user = django_user_model.objects.create_user("support", password="x", is_staff=True)
    for codename in ("view_worksheet", "issue_chair_link"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(user)
    return client


def test_staff_with_the_permission_issue_a_new_chair_link_and_it_is_logged(
    recovery_staff, chair, board, caplog
):
    url = reverse("admin:reflections_worksheet_chair_link", args=[board.worksheet.pk])
    change = reverse("admin:reflections_worksheet_change", args=[board.worksheet.pk])
    assert "Udsted nyt formandslink" in recovery_staff.get(change).content.decode()
    assert "Udsted nyt formandslink" in recovery_staff.get(url).content.decode()
    with caplog.at_level(logging.INFO, logger="portal.security"):
        page = recovery_staff.post(url).content.decode()
    link = re.search(r'id="chair-link"[^>]*value="https?://[^/]+([^"]+)"', page).group(1)
    entry = LogEntry.objects.get()
    assert entry.get_change_message() == "Udstedte et nyt formandslink."
    assert entry.user.username == "support"
    assert "chair_link_issued" in caplog.text and "'support'" in caplog.text
    assert link.split("/")[-2] not in caplog.text
    # The old chair link's session is out; the new link works.
    assert chair.get(reverse("reflections:worksheet", args=[board.key])).status_code == 404
    successor = Client()
    open_link(successor, link, "Ny formand")
    assert successor.get(reverse("reflections:manage", args=[board.key])).status_code == 200


def test_staff_without_the_permission_cannot_issue_a_chair_link(django_user_model, board):
    user = django_user_model.objects.create_user("redaktor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_worksheet"))
    client = Client()
    client.force_login(user)
    url = reverse("admin:reflections_worksheet_chair_link", args=[board.worksheet.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    change = reverse("admin:reflections_worksheet_change", args=[board.worksheet.pk])
    assert "Udsted nyt formandslink" not in client.get(change).content.decode()
    assert Worksheet.objects.get().space.chair_token_hash == board.worksheet.space.chair_token_hash
