import pytest
from django.urls import reverse

from values.models import Concept, Framework, Item, Publisher, ReflectionQuestion, Theme

CONTENT_MODELS = [Concept, Publisher, Framework, Theme, Item, ReflectionQuestion]


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m.__name__)
def test_editor_can_open_every_content_changelist_add_and_change_page(
    editor_client, framework, model
):
    Concept.objects.create(name="Kommunikation", description="Hvordan parterne taler sammen.")
    obj = model.objects.first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ):
        response = editor_client.get(url)
        # Publishers and their editors are set by national administrators (values.owners).
        expected = 403 if model is Publisher and url == admin_url(model, "add") else 200
        assert response.status_code == expected, url


@pytest.mark.django_db
def test_editor_can_change_a_statement_in_the_admin(editor_client, framework):
    item = Item.objects.filter(kind=Item.Kind.STATEMENT).first()
    response = editor_client.post(
        admin_url(Item, "change", item.pk),
        {
            "theme": item.theme_id,
            "kind": item.kind,
            "position": 5,
            "group": "Udsagn",
            "title": "",
            "place": "",
            "text": "Forældrene oplever sig hørt.",
            "language": "da",
            "parent": item.parent_id,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Forældrene oplever sig hørt."


@pytest.mark.django_db
def test_editor_cannot_reach_user_administration(editor_client):
    from django.contrib.auth.models import Group, User

    assert editor_client.get(admin_url(User, "changelist")).status_code == 403
    assert editor_client.get(admin_url(Group, "changelist")).status_code == 403
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "/admin/auth/" not in index


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [Framework, Theme, Item, ReflectionQuestion], ids=lambda m: m.__name__
)
def test_changelist_queries_do_not_grow_with_rows(
    editor_client, django_assert_max_num_queries, model
):
    from tests.conftest import make_framework

    make_framework(title="Første")
    editor_client.get(admin_url(model, "changelist"))  # warm caches (content types, session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        editor_client.get(admin_url(model, "changelist"))
    for n in range(5):
        make_framework(title=f"Ramme {n}", publisher=f"Kommune {n}")
    with django_assert_max_num_queries(len(few)):
        editor_client.get(admin_url(model, "changelist"))
