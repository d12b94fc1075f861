"""Every board URL of a principle: outsiders and other boards get 404; members read and
comment but do not write unless the chair lets them; only chairs start and publish."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import AgreedBy, LineComment, PrincipleLine

from .conftest import approve

pytestmark = pytest.mark.django_db


def board_urls(principle) -> list[tuple[str, str]]:
    key, pk = principle.space.key, principle.pk
    section = principle.sections.first()
    line = PrincipleLine.objects.filter(section__principle=principle).first()
    comment = LineComment.objects.create(line=line, author_name="Mads", text="Hvorfor?")
    return [
        ("get", reverse("reflections:principle_start", args=[key])),
        ("post", reverse("reflections:principle_start", args=[key])),
        ("get", reverse("reflections:principle", args=[key, pk])),
        ("post", reverse("reflections:principle_add_section", args=[key, pk])),
        ("post", reverse("reflections:principle_section", args=[key, pk, section.pk])),
        ("post", reverse("reflections:principle_add_line", args=[key, pk, section.pk])),
        ("get", reverse("reflections:principle_line", args=[key, pk, line.pk])),
        ("post", reverse("reflections:principle_line", args=[key, pk, line.pk])),
        ("post", reverse("reflections:principle_change_line", args=[key, pk, line.pk])),
        ("post", reverse("reflections:principle_comment", args=[key, pk, line.pk])),
        ("post", reverse("reflections:principle_resolve", args=[key, pk, comment.pk])),
        ("post", reverse("reflections:principle_writers", args=[key, pk])),
        ("post", reverse("reflections:principle_approve", args=[key, pk])),
        ("get", reverse("reflections:principle_versions", args=[key, pk])),
        ("post", reverse("reflections:principle_publish", args=[key, pk])),
        ("get", reverse("reflections:principle_sharing", args=[key, pk])),
        ("post", reverse("reflections:principle_sharing", args=[key, pk])),
        ("get", reverse("reflections:principle_delete", args=[key, pk])),
        ("post", reverse("reflections:principle_delete", args=[key, pk])),
    ]


def test_an_outsider_gets_404_for_every_board_url_of_a_principle(roles, principle):
    outsider = Client()
    for method, url in board_urls(principle):
        assert getattr(outsider, method)(url).status_code == 404, url


def test_another_boards_chair_gets_404_for_every_board_url_of_a_principle(
    principle, other_boards_chair
):
    for method, url in board_urls(principle):
        assert getattr(other_boards_chair, method)(url).status_code == 404, url


def test_a_principle_of_another_space_is_404_even_for_a_chair(roles, principle, space_chair):
    other = roles.space.principles.model.objects.create(
        space=type(roles.space).objects.create(
            school_name="Bakkeskolen", board_name="B", member_token_hash="x", chair_token_hash="y"
        ),
        title="Andres princip",
    )
    url = reverse("reflections:principle", args=[roles.space.key, other.pk])
    assert space_chair.get(url).status_code == 404


def test_board_pages_are_never_cached_nor_indexed(principle, space_member):
    response = space_member.get(
        reverse("reflections:principle", args=[principle.space.key, principle.pk])
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


WRITING = {
    "principle_start",
    "principle_add_section",
    "principle_section",
    "principle_add_line",
    "principle_change_line",
    "principle_resolve",
    "principle_writers",
    "principle_approve",
    "principle_publish",
    "principle_sharing",
    "principle_delete",
}


def test_a_member_reads_and_comments_but_does_not_write(principle, space_member):
    for method, url in board_urls(principle):
        name = _name(url)
        status = getattr(space_member, method)(url).status_code
        if name in WRITING or (name == "principle_line" and method == "post"):
            assert status == 404, url
        else:
            assert status in (200, 302, 400), url


def test_a_member_writes_when_the_chair_lets_everyone_write(principle, space_member):
    principle.writers = AgreedBy.EVERYONE
    principle.save()
    url = reverse("reflections:principle_add_section", args=[principle.space.key, principle.pk])
    response = space_member.post(url, {"new-title": "Elevernes ansvar"})
    assert response.status_code == 302
    assert principle.sections.filter(title="Elevernes ansvar").exists()


def test_only_chairs_publish(principle, space_member):
    approve(principle)
    url = reverse("reflections:principle_publish", args=[principle.space.key, principle.pk])
    assert space_member.post(url, {"version": "1"}).status_code == 404
    principle.refresh_from_db()
    assert not principle.is_published


def _name(url: str) -> str:
    from django.urls import resolve

    return resolve(url).url_name
