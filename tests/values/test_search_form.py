"""The search field, on its page and in every page's header, renders through the crispy pack
(templates/dkfds/layout/search.html): label, hint and errors come from one place, and the field
and its button are DKFDS's joined search component."""

import re

import pytest
from crispy_forms.utils import render_crispy_form
from django.urls import reverse

from values.forms import SearchForm

pytestmark = pytest.mark.django_db


def _form(html: str, opening: str) -> str:
    return re.search(re.escape(opening) + r".*?</form>", html, re.S).group(0)


def test_the_search_page_labels_its_field_and_ties_the_hint_to_it(client):
    page = client.get(reverse("values:search") + "?q=forældremøde").content.decode()
    form = _form(page, '<form class="search-form"')
    assert '<label class="form-label" for="search-q">Søgeord</label>' in form
    assert re.search(r'id="search-q_helptext">Søg på ét eller flere ord; alle ordene', form)
    field = re.search(r"<input [^>]*>", form).group(0)
    for attribute in ('type="search"', 'value="forældremøde"', 'id="search-q"'):
        assert attribute in field
    assert 'aria-describedby="search-q_helptext"' in field
    # DKFDS's search component: the field and its button side by side in one .search row.
    assert re.search(
        r'<div class="search search-row">\s*<input [^>]*>\s*'
        r'<button class="button button-search" type="submit">Søg</button>\s*</div>',
        form,
    )


def test_every_page_header_has_the_compact_search(client):
    page = client.get(reverse("home")).content.decode()
    form = _form(page, '<form class="form-group search site-search" role="search"')
    assert f'action="{reverse("values:search")}"' in form
    assert '<label for="site-search-q" class="sr-only">Søg i rammerne</label>' in form
    assert 'placeholder="Søg, fx forældremøde"' in form
    assert '<span class="sr-only">Søg</span></button>' in form


def test_a_search_field_in_error_shows_the_packs_error_message():
    form = SearchForm(data={"q": "x" * 201})
    assert not form.is_valid()
    html = render_crispy_form(form)
    assert '<div class="form-group form-error" id="div_search-q">' in html
    message = re.search(
        r'<span class="form-error-message" id="search-q_error">(.*?)</span>\n', html
    )
    assert "Fejl:" in message.group(1) and "200" in message.group(1)
