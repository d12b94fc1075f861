"""Shared personas and content for the whole suite.

Personas follow the house style: an editor (staff in the "Redaktør" group), a superuser, and the
anonymous public. Browser fixtures live in tests/browser.py.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from values.models import Concept, Framework, Item, Publisher, ReflectionQuestion, Status, Theme

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def danish_by_default():
    """Every test starts and ends in Danish: a request that switched to English leaves that
    language active in the test's thread, and later tests would otherwise run (and save defaults)
    in it. The one place for this; test modules need no copy of their own."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@contextmanager
def rows_for_the_module(django_db_blocker, load: Callable[[], object]) -> Iterator[None]:
    """Rows that `load` saves once for a whole module, rolled back when the module ends.

    For a module-scoped fixture whose loading costs seconds (the shipped content): each test
    still runs in a transaction of its own inside this one (pytest-django's `db`), so what a
    test changes is rolled back before the next test sees the rows.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def page_cache_on(settings):
    """Whole pages and fragments kept for a minute, as in production (the suite's settings keep
    nothing), with the cache emptied before and after."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


#: the publishers the `editor` persona edits: the default test framework's, and the one the
#: test workbooks (tests/values/spreadsheet_files.py) are for
EDITOR_PUBLISHERS = ("Ballerup Kommune", "Solrød Kommune")


@pytest.fixture
def editor(db) -> User:
    """An editor of Ballerup and Solrød (values.owners: they edit only those publishers)."""
    user = User.objects.create_user("redaktoer", password="redaktoer-kode-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktør"))
    for name in EDITOR_PUBLISHERS:
        Publisher.objects.get_or_create(name=name)[0].editors.add(user)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("admin", "admin@example.com", "admin-kode-123")


def make_framework(
    title: str = "Forældre som samarbejdspartnere",
    publisher: str = "Ballerup Kommune",
    status: str = Status.PUBLISHED,
    themes: int = 2,
    items_per_theme: int = 3,
    questions_per_theme: int = 2,
    concepts: list[Concept] | None = None,
) -> Framework:
    """A small framework with numbered themes, items and questions for tests."""
    owner, _ = Publisher.objects.get_or_create(name=publisher)
    framework = Framework.objects.create(
        publisher=owner,
        title=title,
        year=2017,
        document_kind="Inspirationsmateriale",
        source=f"{publisher}: {title}",
        status=status,
    )
    for t in range(1, themes + 1):
        theme = Theme.objects.create(
            framework=framework,
            number=str(t),
            title=f"{title} tema {t}",
            position=t,
            lead=f"Kort indledning til tema {t}",
            body=f"Tekst til tema {t} om forældremøder og samarbejde.",
        )
        if concepts:
            theme.concepts.set(concepts)
        example = Item.objects.create(
            theme=theme, kind=Item.Kind.EXAMPLE, title=f"Eksempel {t}", position=1
        )
        for i in range(1, items_per_theme + 1):
            Item.objects.create(
                theme=theme,
                parent=example if i == 1 else None,
                kind=Item.Kind.STATEMENT if i == 1 else Item.Kind.INDICATOR,
                # Indicators stand under the document's own heading, as Vejle's do.
                group="" if i == 1 else "Det kan vi se, når",
                text=f"Punkt {i} i tema {t}: forældrene er velinformerede.",
                position=i + 1,
            )
        for q in range(1, questions_per_theme + 1):
            ReflectionQuestion.objects.create(
                theme=theme,
                item=example if q == 1 else None,
                text=f"Spørgsmål {q} i tema {t}: hvordan inddrager vi forældrene?",
                position=q,
            )
    return framework


@pytest.fixture
def concepts(db) -> list[Concept]:
    """Two concepts in the order the pages list them: Kommunikation, then Fællesskab."""
    return [
        Concept.objects.create(
            name="Kommunikation", description="Hvordan skole og forældre taler sammen.", position=10
        ),
        Concept.objects.create(
            name="Fællesskab", description="Klassen og forældregruppen.", position=20
        ),
    ]


@pytest.fixture
def framework(db) -> Framework:
    return make_framework()


@pytest.fixture
def draft_framework(db) -> Framework:
    return make_framework(title="Hemmeligt udkast til ramme", status=Status.DRAFT)
