"""Editors reorder themes, items and questions with real up/down buttons in the changelists."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from reversion.models import Version

from values.models import Item, ReflectionQuestion, Theme


def move_url(model, obj, direction):
    return reverse(f"admin:values_{model._meta.model_name}_move", args=[obj.pk, direction])


def titles(framework):
    return [t.title for t in framework.themes.order_by("position", "pk")]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Theme, Item, ReflectionQuestion], ids=lambda m: m.__name__)
def test_changelists_have_keyboard_reachable_move_buttons(editor_client, framework, model):
    obj = model.objects.first()
    html = editor_client.get(
        reverse(f"admin:values_{model._meta.model_name}_changelist")
    ).content.decode()
    assert (
        f'<button type="submit" class="button move-up" formaction="{move_url(model, obj, "op")}"'
        in html
    )
    assert f'formaction="{move_url(model, obj, "ned")}"' in html
    assert 'aria-label="Flyt' in html


@pytest.mark.django_db
def test_moving_a_theme_up_swaps_it_with_the_one_before(editor_client, framework):
    first, second = framework.themes.order_by("position")
    changelist = reverse("admin:values_theme_changelist") + f"?framework__id__exact={framework.pk}"

    response = editor_client.post(
        move_url(Theme, second, "op"), HTTP_REFERER="http://testserver" + changelist
    )

    assert response.status_code == 302 and response["Location"].endswith(changelist)
    assert titles(framework) == [second.title, first.title]
    assert Version.objects.get_for_object(second).first().revision.get_comment() == "Flyttet op."


@pytest.mark.django_db
def test_moving_down_and_past_the_end(editor_client, framework):
    first, second = framework.themes.order_by("position")
    editor_client.post(move_url(Theme, first, "ned"))
    assert titles(framework) == [second.title, first.title]
    response = editor_client.post(move_url(Theme, first, "ned"), follow=True)
    assert "står allerede yderst" in response.content.decode()
    assert titles(framework) == [second.title, first.title]


@pytest.mark.django_db
def test_items_move_among_their_siblings_only(editor_client, framework):
    theme = framework.themes.first()
    Item.objects.filter(theme=theme).update(position=0)  # unnumbered rows get renumbered
    loose = list(Item.objects.filter(theme=theme, parent=None).order_by("position", "pk"))
    child = Item.objects.get(theme=theme, parent__isnull=False)

    editor_client.post(move_url(Item, loose[-1], "op"))

    order = list(Item.objects.filter(theme=theme, parent=None).order_by("position", "pk"))
    assert order == [*loose[:-2], loose[-1], loose[-2]]
    assert [i.position for i in order] == [10 * (n + 1) for n in range(len(order))]
    child.refresh_from_db()
    assert child.position == 0  # a statement under an example is not one of them


@pytest.mark.django_db
def test_questions_can_be_moved(editor_client, framework):
    theme = framework.themes.first()
    ReflectionQuestion.objects.filter(theme=theme).update(item=None)
    first, second = ReflectionQuestion.objects.filter(theme=theme).order_by("position")
    editor_client.post(move_url(ReflectionQuestion, second, "op"))
    assert list(ReflectionQuestion.objects.filter(theme=theme).order_by("position")) == [
        second,
        first,
    ]


@pytest.mark.django_db
def test_moving_needs_post_and_change_permission(client, editor_client, framework):
    theme = framework.themes.order_by("position").last()
    assert editor_client.get(move_url(Theme, theme, "op")).status_code == 405
    reader = User.objects.create_user("laeser", password="kode-laeser-123", is_staff=True)
    reader.user_permissions.set(
        Permission.objects.filter(codename__startswith="view_", content_type__app_label="values")
    )
    client.force_login(reader)
    changelist = client.get(reverse("admin:values_theme_changelist")).content.decode()
    assert "move-up" not in changelist
    assert client.post(move_url(Theme, theme, "op")).status_code == 403
    assert titles(framework)[-1] == theme.title


@pytest.mark.django_db
def test_moving_a_parent_takes_its_children_along(editor_client, framework):
    theme = framework.themes.order_by("position").first()
    # In document order: the example (1), its statement (2), two indicators (3, 4).
    example = Item.objects.get(theme=theme, kind=Item.Kind.EXAMPLE)
    statement = Item.objects.get(theme=theme, parent=example)
    first_indicator = Item.objects.filter(theme=theme, kind=Item.Kind.INDICATOR).first()

    editor_client.post(move_url(Item, example, "ned"))

    order = list(Item.objects.filter(theme=theme).order_by("position"))
    assert order.index(first_indicator) < order.index(example)
    assert order.index(statement) == order.index(example) + 1  # still right under its example
    assert sorted(i.position for i in order) == [1, 2, 3, 4]


@pytest.mark.django_db
def test_the_item_list_shows_sub_items_under_their_parent_indented(editor_client, framework):
    child = Item.objects.filter(parent__isnull=False).first()
    parent = child.parent
    html = editor_client.get(reverse("admin:values_item_changelist")).content.decode()
    assert f'<span aria-hidden="true">↳ </span>{child.text}' in html
    assert f'<span aria-hidden="true">↳ </span>{parent.title or parent.text}' not in html
    assert html.index(parent.title or parent.text) < html.index(child.text)
