"""Embeds (/embed/…): a theme's items or a set of reflection questions, framable only by the
origins in EMBED_ALLOWED_ORIGINS, with no cookies and nothing unpublished."""

import pytest
from django.urls import reverse

from values.models import ReflectionQuestion, Status, Theme

pytestmark = pytest.mark.django_db


def theme_embed(theme: Theme) -> str:
    return reverse("embed:theme", args=[theme.framework.slug, theme.slug])


def test_a_themes_items_embed_shows_its_items_source_and_licence(client, framework):
    theme = framework.themes.first()
    response = client.get(theme_embed(theme))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and theme.title in html
    assert "Punkt 2 i tema 1" in html
    assert "Ophavsret hos udgiveren" in html and framework.get_absolute_url() in html
    assert "<form" not in html and "<script" not in html  # nothing to post, nothing to run


def test_without_allowed_origins_nobody_may_frame_an_embed(client, settings, framework):
    settings.EMBED_ALLOWED_ORIGINS = []
    response = client.get(theme_embed(framework.themes.first()))
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_allowed_origins_may_frame_embeds_and_nothing_else(client, settings, framework):
    settings.EMBED_ALLOWED_ORIGINS = ["https://intra.aarhus.dk", "https://skole.aula.dk"]
    embed = client.get(theme_embed(framework.themes.first()))
    policy = embed["Content-Security-Policy"]
    assert "frame-ancestors https://intra.aarhus.dk https://skole.aula.dk" in policy
    assert "X-Frame-Options" not in embed
    assert "script-src 'self'" in policy  # the rest of the policy is unchanged
    page = client.get(framework.get_absolute_url())
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_an_unpublished_theme_or_framework_is_not_embedded(client, framework, draft_framework):
    theme = framework.themes.first()
    Theme.objects.filter(pk=theme.pk).update(status=Status.DRAFT)
    assert client.get(theme_embed(theme)).status_code == 404
    assert client.get(theme_embed(draft_framework.themes.first())).status_code == 404


def test_a_set_of_questions_is_embedded_in_the_order_given(client, framework, draft_framework):
    published = list(ReflectionQuestion.objects.filter(theme__framework=framework))
    hidden = ReflectionQuestion.objects.filter(theme__framework=draft_framework).first()
    wanted = [published[2], published[0], hidden]
    url = reverse("embed:questions") + "?" + "&".join(f"id={q.pk}" for q in wanted)
    html = client.get(url).content.decode()
    assert html.index(published[2].text) < html.index(published[0].text)
    assert f'spoergsmaal-{hidden.pk}"' not in html and f'spoergsmaal-{published[0].pk}"' in html


def test_bad_question_ids_get_a_danish_message(client, framework):
    response = client.get(reverse("embed:questions") + "?id=abc")
    assert response.status_code == 400
    assert "Angiv de spørgsmål" in response.content.decode()


def test_a_themes_questions_embed(client, framework):
    theme = framework.themes.first()
    url = reverse("embed:theme_questions", args=[framework.slug, theme.slug])
    html = client.get(url).content.decode()
    assert all(q.text in html for q in theme.questions.all())


def test_embeds_set_no_cookie_even_for_a_signed_in_editor(editor_client, framework):
    response = editor_client.get(theme_embed(framework.themes.first()))
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_embeds_run_a_fixed_number_of_queries(client, framework, django_assert_num_queries):
    theme = framework.themes.first()
    ids = "&".join(f"id={q.pk}" for q in ReflectionQuestion.objects.all())
    for url, count in {
        theme_embed(theme): 3,  # theme, items, questions
        reverse("embed:theme_questions", args=[framework.slug, theme.slug]): 2,
        reverse("embed:questions") + "?" + ids: 1,
    }.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
