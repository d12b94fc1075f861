"""Outside material on a theme: http(s) links only, shown on the theme page without a referrer."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.values.test_history import change_theme
from values.models import Material

MATERIAL = {
    "materials-TOTAL_FORMS": "1",
    "materials-INITIAL_FORMS": "0",
    "materials-0-title": "Forældresamarbejde i praksis",
    "materials-0-position": "1",
    "materials-0-source": "EVA",
    "materials-0-licence": "CC BY 4.0",
    "materials-0-description": "Korte film til bestyrelsesmødet.",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://filer.example/", "data:text/html,hej", "file:///etc"]
)
def test_a_material_link_must_be_a_web_address(framework, url):
    material = Material(theme=framework.themes.first(), title="T", url=url, source="EVA")
    with pytest.raises(ValidationError) as error:
        material.full_clean()
    assert "https://" in str(error.value)


@pytest.mark.django_db
def test_an_editor_attaches_material_to_a_theme_and_it_shows_without_a_referrer(
    editor_client, framework, client
):
    theme = framework.themes.first()
    change_theme(editor_client, theme, **MATERIAL, **{"materials-0-url": "www.emu.dk/film"})
    material = theme.materials.get()
    assert material.url == "https://www.emu.dk/film"

    response = client.get(theme.get_absolute_url())
    page = response.content.decode()
    assert "Materialer fra andre" in page
    assert 'href="https://www.emu.dk/film" rel="noopener noreferrer external"' in page
    assert "CC BY 4.0" in page and "Korte film til bestyrelsesmødet." in page
    # Cross-origin requests from any page of the portal carry no address at all.
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")


@pytest.mark.django_db
def test_a_script_link_is_refused_in_the_admin_with_a_danish_message(editor_client, framework):
    theme = framework.themes.first()
    data = {
        "framework": theme.framework_id,
        "title": theme.title,
        "slug": theme.slug,
        "status": theme.status,
        "position": theme.position,
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        **MATERIAL,
        "materials-0-url": "javascript:alert(document.cookie)",
    }
    response = editor_client.post(reverse("admin:values_theme_change", args=[theme.pk]), data)
    assert response.status_code == 200
    assert "Skriv en webadresse" in response.content.decode() or "gyldig" in (
        response.content.decode()
    )
    assert not Material.objects.exists()
