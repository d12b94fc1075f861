"""The content markup: what editors type, what readers get, what search and exports see."""

from values.markup import plain_text, render

RANDERS = (
    "Tre spor:\n\n"
    "1. Forældremøder.\n"
    "2. Forældresamtaler.\n"
    "3. Broer:\n"
    "   - En lokal kanon\n"
    "   - Strukturerede besøg"
)


def test_numbered_lists_keep_the_documents_numbers_and_nest_their_bullets():
    html = str(render(RANDERS))
    assert html.startswith("<p>Tre spor:</p>\n<ol>\n<li>Forældremøder.</li>")
    assert "<li>Broer:\n<ul>\n<li>En lokal kanon</li>" in html
    assert '<ol start="3">\n<li>Tre</li>' in str(render("3. Tre\n4. Fire"))


def test_line_breaks_stay_line_breaks_and_a_backslash_keeps_a_number_literal():
    assert str(render("Linje et\nLinje to")) == "<p>Linje et<br>\nLinje to</p>"
    assert str(render("2005\\. var et år")) == "<p>2005. var et år</p>"


def test_subheadings_start_one_level_below_the_surrounding_heading_and_never_reach_h1():
    assert str(render("# Om tilgangen\n\nTekst", 2)).startswith("<h2>Om tilgangen</h2>")
    assert str(render("## Under", 2)) == "<h3>Under</h3>"
    assert str(render("# Dybt", 6)) == "<h6>Dybt</h6>"
    assert str(render("# Øverst", 1)) == "<h2>Øverst</h2>"


def test_nothing_an_editor_types_becomes_a_script_a_style_or_an_attribute():
    typed = (
        '<script>alert(1)</script> <b onclick="x()">fed</b> [link](javascript:alert(1)) '
        "[data](data:text/html;base64,PHNjcmlwdD4=) ![billede](x.png) `kode`"
    )
    html = str(render(typed))
    assert "<script" not in html and "<b" not in html
    assert "javascript:" not in html.replace("[link](javascript:", "")
    assert 'href="data:' not in html and 'href="javascript:' not in html
    assert "<img" not in html and "<code" not in html
    assert "&lt;script&gt;" in html  # shown as typed, escaped
    assert str(render("[…] Forældre skal være positive rollemodeller")).startswith("<p>[…]")


def test_search_and_exports_get_the_words_without_markup_characters():
    assert plain_text(RANDERS) == (
        "Tre spor:\n\n1. Forældremøder.\n2. Forældresamtaler.\n3. Broer:\n"
        "En lokal kanon\nStrukturerede besøg"
    )
    assert plain_text("# Om tilgangen\n\n- Et punkt\n- Et andet") == (
        "Om tilgangen\n\nEt punkt\nEt andet"
    )
    assert plain_text("") == "" and plain_text(None) == ""


def test_links_and_emphasis_are_the_only_inline_markup():
    html = str(render("Læs [KL's materiale](https://www.kl.dk/x) og *husk* **mødet**."))
    assert html == (
        '<p>Læs <a href="https://www.kl.dk/x" rel="noopener noreferrer">KL\'s materiale</a> '
        "og <em>husk</em> <strong>mødet</strong>.</p>"
    )
    assert 'href="mailto:skole@example.dk"' in str(render("[Skriv](mailto:skole@example.dk)"))


def test_search_and_exports_get_a_links_words():
    assert plain_text("Læs [KL's materiale](https://www.kl.dk/x) og *husk*.") == (
        "Læs KL's materiale og husk."
    )
