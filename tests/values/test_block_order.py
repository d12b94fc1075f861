"""The order of a theme's blocks is content: an editor places questions on the whole theme
between the theme's items in the admin, and the theme page follows (KL puts its reflection
questions before "KL anbefaler")."""

import pytest
from django.urls import reverse

from values.models import Item, ReflectionQuestion


def save_position(editor_client, question, position: int) -> None:
    response = editor_client.post(
        reverse("admin:values_reflectionquestion_change", args=[question.pk]),
        {
            "theme": question.theme_id,
            "item": "",
            "group": question.group,
            "position": position,
            "text": question.text,
            "concepts": [c.pk for c in question.concepts.all()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def where(client, theme, block) -> int:
    """Where on the theme page the item or question `block` stands."""
    anchor = f'id="punkt-{block.pk}"' if isinstance(block, Item) else f'id="spoergsmaal-{block.pk}"'
    return client.get(theme.get_absolute_url()).content.decode().index(anchor)


@pytest.mark.django_db
def test_an_editor_places_a_theme_question_between_the_items(client, editor_client, framework):
    theme = framework.themes.order_by("position").first()
    ReflectionQuestion.objects.filter(theme=theme).update(item=None)
    question = ReflectionQuestion.objects.filter(theme=theme).order_by("position").first()
    first, *_, last = Item.objects.filter(theme=theme, parent=None).order_by("position")

    save_position(editor_client, question, last.position - 1)
    assert where(client, theme, first) < where(client, theme, question) < where(client, theme, last)

    save_position(editor_client, question, last.position + 1)
    assert where(client, theme, last) < where(client, theme, question)
