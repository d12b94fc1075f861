"""Publishers own their content: the admin's access matrix.

Every admin address of Ballerup's content × three personas: Ballerup's editor (the `editor`
persona), Vejle's editor (an editor of another publisher) and a national administrator. Vejle's
editor gets 404 (or 403 where the admin itself answers so) and nothing of Ballerup's changes.
"""

from __future__ import annotations

import pytest
import reversion
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from reversion.models import Version

from reflections.models import TemplateSection, WorksheetTemplate
from tests.conftest import make_framework
from tests.values.spreadsheet_files import upload
from tests.values.test_import_export import item_csv, item_row
from tests.values.test_import_export import snapshot as item_snapshot
from tests.values.test_import_export_workbook import SIXTH, concepts, filled_template
from tests.values.test_import_export_workbook import confirm as workbook_confirm
from tests.values.test_import_export_workbook import preview as workbook_preview

__all__ = ["concepts"]  # a fixture shared with the workbook's tests
from values.models import Framework, Item, Publisher, ReflectionQuestion, Status, Theme
from values.spreadsheets import workbook

VALUES_MODELS = [Framework, Theme, Item, ReflectionQuestion]
ALL_MODELS = [*VALUES_MODELS, WorksheetTemplate, TemplateSection]
PERSONAS = ["same", "other", "national"]
ALLOWED = {"same": True, "other": False, "national": True}


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def staff_editor(username: str) -> User:
    user = User.objects.create_user(username, password="kode-kode-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktør"))
    return user


def snapshot(obj) -> tuple:
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    if fresh is None:
        return ()
    return tuple(getattr(fresh, f.attname) for f in fresh._meta.concrete_fields)


@pytest.fixture
def ballerup(db):
    framework = make_framework()  # Ballerup Kommune's
    template = WorksheetTemplate.objects.create(
        title="Ballerups skabelon",
        introduction="Til bestyrelserne.",
        publisher=framework.publisher,
        status=Status.PUBLISHED,
    )
    TemplateSection.objects.create(template=template, title="Ballerups afsnit")
    # A version of everything, so history, compare and revert have something to show.
    for model in VALUES_MODELS:
        for _ in range(2):
            with reversion.create_revision():
                obj = model.objects.filter(**owner_filter(model, framework.publisher)).first()
                obj.save()
    return framework


def owner_filter(model, publisher) -> dict:
    path = model.objects.get_queryset().publisher_path
    return {path: publisher}


def ballerups(model, framework):
    return model.objects.filter(**owner_filter(model, framework.publisher)).first()


@pytest.fixture
def vejle(db):
    return make_framework(title="Vejles ramme", publisher="Vejle Kommune")


@pytest.fixture
def other_editor(vejle) -> User:
    user = staff_editor("vejle-redaktoer")
    vejle.publisher.editors.add(user)
    return user


@pytest.fixture
def national(db) -> User:
    user = staff_editor("landsdaekkende")
    user.user_permissions.add(Permission.objects.get(codename="edit_all_publishers"))
    return user


@pytest.fixture
def as_persona(client, editor, other_editor, national):
    def login(persona: str):
        client.force_login({"same": editor, "other": other_editor, "national": national}[persona])
        return client

    return login


def expect(response, persona: str, denied=(404,)) -> None:
    if ALLOWED[persona]:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code in denied, response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_change_delete_and_history_pages_answer_only_the_owner(
    as_persona, ballerup, model, persona
):
    obj = ballerups(model, ballerup)
    client = as_persona(persona)
    for action in ("change", "delete", "history"):
        expect(client.get(admin_url(model, action, obj.pk)), persona)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_changelist_lists_only_the_users_own_publishers_objects(
    as_persona, ballerup, vejle, model, persona
):
    page = as_persona(persona).get(admin_url(model, "changelist")).content.decode()
    ballerup_obj = ballerups(model, ballerup)
    assert (admin_url(model, "change", ballerup_obj.pk) in page) is ALLOWED[persona]
    if model in VALUES_MODELS:
        vejle_obj = ballerups(model, vejle)
        assert (admin_url(model, "change", vejle_obj.pk) in page) is (persona != "same")


@pytest.mark.django_db
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_another_publishers_editor_can_neither_change_nor_delete(as_persona, ballerup, model):
    obj = ballerups(model, ballerup)
    before = snapshot(obj)
    client = as_persona("other")
    assert (
        client.post(admin_url(model, "change", obj.pk), {"title": "Overtaget"}).status_code == 404
    )
    assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 404
    changelist = admin_url(model, "changelist")
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert snapshot(obj) == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", VALUES_MODELS, ids=lambda m: m.__name__)
def test_compare_and_revert_answer_only_the_owner(as_persona, ballerup, model, persona):
    obj = ballerups(model, ballerup)
    older, newer = reversed(list(Version.objects.get_for_object(obj)))
    client = as_persona(persona)
    compare = client.get(admin_url(model, "compare", obj.pk), {"a": older.pk, "b": newer.pk})
    expect(compare, persona, denied=(403, 404))
    expect(client.get(admin_url(model, "revision", obj.pk, older.pk)), persona)


@pytest.mark.django_db
def test_reverting_through_another_publishers_revision_changes_nothing(as_persona, ballerup, vejle):
    """A revision holding objects of both publishers may be restored only by someone who
    edits both: django-reversion restores the whole revision."""
    mine, theirs = vejle.themes.first(), ballerup.themes.first()
    with reversion.create_revision():
        mine.save()
        theirs.save()
    version = Version.objects.get_for_object(mine).first()
    Theme.objects.filter(pk=theirs.pk).update(title="Ballerups nye titel")
    client = as_persona("other")
    response = client.post(admin_url(Theme, "revision", mine.pk, version.pk), {})
    assert response.status_code == 403
    assert Theme.objects.get(pk=theirs.pk).title == "Ballerups nye titel"
    # Someone else's object's version through one's own object's address: not found.
    foreign = Version.objects.get_for_object(theirs).first()
    assert client.get(admin_url(Theme, "revision", mine.pk, foreign.pk)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", [Theme, Item, ReflectionQuestion], ids=lambda m: m.__name__)
def test_ordering_buttons_move_only_the_users_own_objects(as_persona, ballerup, model, persona):
    obj = ballerups(model, ballerup)
    before = snapshot(obj)
    response = as_persona(persona).post(admin_url(model, "move", obj.pk, "ned"))
    expect(response, persona, denied=(403,))
    if not ALLOWED[persona]:
        assert snapshot(obj) == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_workbook_export_answers_only_the_owner(as_persona, ballerup, persona):
    response = as_persona(persona).get(
        reverse("admin:values_framework_workbook_export", args=[ballerup.pk])
    )
    expect(response, persona, denied=(403, 404))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_export_holds_only_the_users_own_rows(as_persona, ballerup, vejle, persona):
    response = as_persona(persona).post(admin_url(Item, "export"), {"resource": "0", "format": "0"})
    assert response.status_code == 200
    frameworks = {
        line.split(";")[1] for line in response.content.decode("utf-8-sig").splitlines()[1:]
    }
    expected = {"same": {ballerup.slug}, "other": {vejle.slug}}
    assert frameworks == expected.get(persona, {ballerup.slug, vejle.slug})


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_autocomplete_offers_only_the_users_own_items(as_persona, ballerup, vejle, persona):
    response = as_persona(persona).get(
        reverse("admin:autocomplete"),
        {"term": "", "app_label": "values", "model_name": "item", "field_name": "parent"},
    )
    ids = {int(r["id"]) for r in response.json()["results"]}
    assert (ballerups(Item, ballerup).pk in ids) is ALLOWED[persona]
    assert (ballerups(Item, vejle).pk in ids) is (persona != "same")


@pytest.mark.django_db
def test_add_form_offers_only_own_frameworks_and_refuses_anothers(as_persona, ballerup, vejle):
    client = as_persona("other")
    form = client.get(admin_url(Theme, "add")).context["adminform"].form
    assert list(form.fields["framework"].queryset) == [vejle]
    response = client.post(
        admin_url(Theme, "add"),
        {
            "framework": ballerup.pk,
            "title": "Indsmuglet tema",
            "status": Status.PUBLISHED,
            "position": "1",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["framework"]
    assert not Theme.objects.filter(title="Indsmuglet tema").exists()


@pytest.mark.django_db
def test_a_worksheet_template_is_always_some_publishers_for_an_editor(as_persona, vejle):
    form = as_persona("other").get(admin_url(WorksheetTemplate, "add")).context["adminform"].form
    assert form.fields["publisher"].required
    assert list(form.fields["publisher"].queryset) == [vejle.publisher]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_preview_shows_drafts_of_the_users_own_publishers_only(as_persona, ballerup, persona):
    Framework.objects.filter(pk=ballerup.pk).update(status=Status.DRAFT)
    client = as_persona(persona)
    client.post(reverse("admin:values_preview_on"))
    expect(client.get(ballerup.get_absolute_url()), persona)
    theme = ballerup.themes.first()
    expect(client.get(theme.get_absolute_url()), persona)


@pytest.mark.django_db
def test_editors_see_their_publishers_but_only_national_administrators_change_them(
    as_persona, ballerup, vejle
):
    client = as_persona("same")
    page = client.get(admin_url(Publisher, "changelist")).content.decode()
    assert "Ballerup Kommune" in page and "Vejle Kommune" not in page
    assert client.get(admin_url(Publisher, "change", vejle.publisher.pk)).status_code == 404
    response = client.post(
        admin_url(Publisher, "change", ballerup.publisher.pk),
        {"name": "Ballerup", "slug": "ballerup", "kind": "kommune", "editors": []},
    )
    assert response.status_code == 403
    assert ballerup.publisher.editors.exists()
    assert as_persona("national").get(admin_url(Publisher, "add")).status_code == 200


# Imports: a row that points at another publisher's content is refused; nothing is written.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"ID": "ballerup-item"},  # Ballerup's item, moved into Vejle's theme
        {"Ramme": "ballerup", "Tema": "ballerup-theme"},  # a new item in Ballerup's theme
    ],
    ids=["other-publishers-id", "other-publishers-theme"],
)
def test_an_import_row_pointing_at_another_publisher_is_refused_naming_its_row(
    as_persona, ballerup, vejle, changes
):
    target = ballerups(Item, ballerup)
    lookup = {
        "ballerup-item": str(target.pk),
        "ballerup": ballerup.slug,
        "ballerup-theme": target.theme.slug,
    }
    row = item_row(vejle, Tekst="Indsmuglet udsagn")
    row.update({column: lookup[value] for column, value in changes.items()})
    before = item_snapshot(Item)
    good = item_row(vejle, Tekst="Et godt udsagn")
    response = upload(as_persona("other"), Item, item_csv([good, row]), "punkter.csv")
    page = response.content.decode()
    assert "Række 3" in page
    assert "hører til en anden udgiver end jeres" in page
    assert item_snapshot(Item) == before


@pytest.mark.django_db
def test_a_workbook_for_another_publisher_is_refused(as_persona, ballerup, vejle, concepts):
    client = as_persona("other")
    sheets = {**SIXTH, workbook.FRAMEWORK_SHEET: [{**SIXTH[workbook.FRAMEWORK_SHEET][0]}]}
    sheets[workbook.FRAMEWORK_SHEET][0]["Udgiver"] = "Ballerup Kommune"
    response = workbook_preview(client, filled_template(client, sheets))
    assert "I er ikke redaktør for udgiveren «Ballerup Kommune»" in response.content.decode()
    assert "token" not in response.context


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other", "national"])
def test_a_workbook_never_takes_over_another_publishers_framework_by_title(
    as_persona, ballerup, vejle, persona, concepts
):
    """The reported case: Ballerup's title, an empty short name, another publisher."""
    before = snapshot(ballerup)
    themes_before = list(ballerup.themes.values_list("pk", "title", "status"))
    client = as_persona(persona)
    sheets = {**SIXTH, workbook.FRAMEWORK_SHEET: [{**SIXTH[workbook.FRAMEWORK_SHEET][0]}]}
    sheets[workbook.FRAMEWORK_SHEET][0].update(
        {"Titel": ballerup.title, "Kortnavn": "", "Udgiver": "Vejle Kommune"}
    )
    response = workbook_preview(client, filled_template(client, sheets))
    assert workbook_confirm(client, response).status_code == 302
    created = Framework.objects.get(title=ballerup.title, publisher=vejle.publisher)
    assert created.slug != ballerup.slug
    assert created.status == Status.DRAFT
    assert snapshot(ballerup) == before
    assert list(ballerup.themes.values_list("pk", "title", "status")) == themes_before
