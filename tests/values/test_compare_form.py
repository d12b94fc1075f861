"""The comparison's choice of frameworks is a form like the others: rendered through the crispy
pack (a DKFDS fieldset, hint tied to it), keeping the reader's choice, in both languages."""

import re

import pytest

from tests.conftest import make_framework
from tests.values.pages import html_of, main_of, visitors


@pytest.mark.django_db
def test_the_choice_of_frameworks_renders_through_the_pack_and_keeps_the_choice(concepts):
    concept = concepts[0]
    frameworks = [
        make_framework(title=f"Ramme <{n}>", publisher=f"Kommune {n}", concepts=[concept])
        for n in range(5)
    ]
    chosen = frameworks[3]
    hint = {"da": "5 rammer siger noget om begrebet.", "en": "5 frameworks say something"}
    for language, client in visitors():
        page = main_of(
            html_of(client, f"{concept.get_absolute_url()}?ramme={chosen.slug}", language)
        )
        form = page[page.index('id="vaelg-rammer"') : page.index("</form>")]
        # The pack's markup: one fieldset whose hint is tied to it, no hand-written ids.
        assert '<fieldset aria-describedby="vaelg-ramme_helptext">' in form
        assert re.search(
            r'<span class="form-hint" id="vaelg-ramme_helptext">' + hint[language], form
        )
        boxes = re.findall(r'<input type="checkbox"[^>]*value="([^"]+)"[^>]*?( checked)?>', form)
        assert [slug for slug, _ in boxes] == [f.slug for f in frameworks]
        assert [slug for slug, checked in boxes if checked] == [chosen.slug]
        assert "Ramme &lt;3&gt;" in form and "Ramme <3>" not in form  # titles stay text
