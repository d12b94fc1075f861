"""Editors preview drafts on the public pages; the public never sees them."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from values import visibility
from values.models import Item, Status, Theme


def start_preview(client, obj_url: str):
    return client.post(reverse("admin:values_preview_on"), {"next": obj_url})


@pytest.fixture
def draft_theme(framework):
    theme = framework.themes.first()
    Theme.objects.filter(framework=framework).exclude(pk=theme.pk).update(status=Status.DRAFT)
    return Theme.objects.exclude(pk=theme.pk).get(framework=framework)


@pytest.mark.django_db
def test_the_change_form_offers_a_preview_button(editor_client, draft_framework):
    page = editor_client.get(reverse("admin:values_framework_change", args=[draft_framework.pk]))
    html = page.content.decode()
    assert "Forhåndsvis" in html
    assert f'value="{draft_framework.get_absolute_url()}"' in html


@pytest.mark.django_db
def test_an_editor_in_preview_sees_a_draft_framework_marked_as_preview(
    editor_client, draft_framework
):
    url = draft_framework.get_absolute_url()
    assert editor_client.get(url).status_code == 404  # preview is off by default

    response = start_preview(editor_client, url)
    assert response.status_code == 302 and response["Location"] == url

    page = editor_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert draft_framework.title in html
    assert 'class="preview-banner"' in html and "Afslut forhåndsvisning" in html
    cache = page["Cache-Control"]
    assert "private" in cache and "no-store" in cache
    assert "public" not in cache and "max-age=3" not in cache


@pytest.mark.django_db
def test_a_draft_theme_of_a_published_framework_shows_only_in_preview(
    editor_client, client, draft_theme
):
    url = draft_theme.get_absolute_url()
    assert client.get(url).status_code == 404
    assert (
        draft_theme.title
        not in client.get(draft_theme.framework.get_absolute_url()).content.decode()
    )
    start_preview(editor_client, url)
    assert editor_client.get(url).status_code == 200
    assert (
        draft_theme.title
        in editor_client.get(draft_theme.framework.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_search_finds_a_draft_theme_only_in_preview(editor_client, client, draft_theme):
    draft_theme.title = "Kladde om æbleflæsk"
    draft_theme.save()  # re-indexed on save
    search = reverse("values:search")
    assert "Kladde om" not in client.get(search, {"q": "æbleflæsk"}).content.decode()
    start_preview(editor_client, draft_theme.get_absolute_url())
    html = editor_client.get(search, {"q": "æbleflæsk"}).content.decode()
    assert "Kladde om <mark>æbleflæsk</mark>" in html


@pytest.mark.django_db
def test_the_public_never_sees_drafts_or_the_banner(client, draft_framework, framework):
    assert client.get(draft_framework.get_absolute_url()).status_code == 404
    listing = client.get(reverse("values:framework_list"))
    html = listing.content.decode()
    assert framework.title in html and draft_framework.title not in html
    assert "preview-banner" not in html
    assert "no-store" not in listing.get("Cache-Control", "")


@pytest.mark.django_db
def test_the_public_cannot_switch_preview_on(client, draft_framework):
    response = start_preview(client, draft_framework.get_absolute_url())
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert client.get(draft_framework.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_staff_without_content_permission_cannot_preview(client, draft_framework):
    staff = User.objects.create_user("medarbejder", password="kode-medarbejder-123", is_staff=True)
    client.force_login(staff)
    assert start_preview(client, draft_framework.get_absolute_url()).status_code == 403
    session = client.session
    session[visibility.PREVIEW_SESSION_KEY] = True  # even with the flag forced on
    session.save()
    assert client.get(draft_framework.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_an_editor_who_leaves_the_staff_loses_the_preview(editor_client, editor, draft_framework):
    start_preview(editor_client, "/")
    editor.is_staff = False
    editor.save()
    assert editor_client.get(draft_framework.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_turning_preview_off_hides_drafts_again(editor_client, draft_framework):
    url = draft_framework.get_absolute_url()
    start_preview(editor_client, url)
    off = editor_client.post(reverse("admin:values_preview_off"), {"next": url})
    assert off.status_code == 302 and off["Location"] == url
    assert editor_client.get(url).status_code == 404


@pytest.mark.django_db
def test_preview_refuses_to_redirect_to_another_site(editor_client):
    response = start_preview(editor_client, "https://evil.example/")
    assert response["Location"] == reverse("values:framework_list")


@pytest.mark.django_db
def test_visibility_querysets_follow_the_preview_flag(
    rf: RequestFactory, editor, draft_framework, framework
):
    request = rf.get("/")
    request.user = editor
    assert list(visibility.frameworks_for(request)) == [framework]
    assert not visibility.items_for(request).filter(theme__framework=draft_framework).exists()

    request = rf.get("/", HTTP_COOKIE="sessionid=x")
    request.user = editor
    request.session = {visibility.PREVIEW_SESSION_KEY: True}
    assert set(visibility.frameworks_for(request)) == {framework, draft_framework}
    assert (
        visibility.items_for(request).filter(theme__framework=draft_framework).count()
        == Item.objects.filter(theme__framework=draft_framework).count()
    )
    assert visibility.questions_for(request).filter(theme__framework=draft_framework).exists()
