import pytest
from django.db import IntegrityError

from tests.conftest import make_framework
from values.models import (
    Framework,
    Item,
    Publisher,
    ReflectionQuestion,
    Status,
    Theme,
    danish_slugify,
)


def test_slugs_spell_out_danish_letters():
    assert danish_slugify("Forældrenes ansvar på skolen") == "foraeldrenes-ansvar-paa-skolen"
    assert danish_slugify("Ø Å Æ") == "oe-aa-ae"


@pytest.mark.django_db
def test_framework_slug_is_made_from_title_and_kept_unique():
    publisher = Publisher.objects.create(name="Vejle Kommune")
    first = Framework.objects.create(
        publisher=publisher, title="Kvalitet i samarbejdet", source="x"
    )
    second = Framework.objects.create(
        publisher=publisher, title="Kvalitet i samarbejdet", source="x"
    )
    assert first.slug == "kvalitet-i-samarbejdet"
    assert second.slug == "kvalitet-i-samarbejdet-2"
    assert publisher.slug == "vejle-kommune"


@pytest.mark.django_db
def test_theme_slugs_are_unique_within_a_framework_only(framework):
    other = make_framework(title="Anden ramme", publisher="KL")
    theme = Theme.objects.create(framework=framework, title="Kommunikation")
    again = Theme.objects.create(framework=framework, title="Kommunikation")
    elsewhere = Theme.objects.create(framework=other, title="Kommunikation")
    assert (theme.slug, again.slug, elsewhere.slug) == (
        "kommunikation",
        "kommunikation-2",
        "kommunikation",
    )
    with pytest.raises(IntegrityError):
        Theme.objects.create(framework=framework, title="Noget andet", slug="kommunikation")


@pytest.mark.django_db
def test_themes_items_and_questions_follow_the_editors_order(framework):
    theme = framework.themes.first()
    late = Item.objects.create(theme=theme, kind=Item.Kind.MEANING, text="Sidst", position=99)
    early = Item.objects.create(theme=theme, kind=Item.Kind.MEANING, text="Først", position=0)
    items = list(theme.items.all())
    assert items[0] == early and items[-1] == late
    assert [t.position for t in framework.themes.all()] == [1, 2]
    assert list(theme.questions.values_list("position", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_published_means_published_all_the_way_up(framework, draft_framework):
    assert list(Framework.objects.published()) == [framework]
    draft_theme = framework.themes.last()
    draft_theme.status = Status.DRAFT
    draft_theme.save()

    public_themes = set(Theme.objects.published())
    assert public_themes == {framework.themes.first()}
    assert not Item.objects.published().filter(theme__framework=draft_framework).exists()
    assert not Item.objects.published().filter(theme=draft_theme).exists()
    assert not ReflectionQuestion.objects.published().filter(theme=draft_theme).exists()
    assert ReflectionQuestion.objects.published().filter(theme__framework=framework).count() == 2


@pytest.mark.django_db
def test_item_heading_is_the_documents_own_heading_and_never_the_kinds_name(framework):
    theme = framework.themes.first()
    recommendation = Item.objects.create(
        theme=theme, kind=Item.Kind.RECOMMENDATION, group="KL anbefaler", text="x"
    )
    indicator = Item.objects.create(theme=theme, kind=Item.Kind.INDICATOR, text="y")
    assert recommendation.heading == "KL anbefaler"
    # No heading the document does not have: never the kind's generic name.
    assert indicator.heading == ""
