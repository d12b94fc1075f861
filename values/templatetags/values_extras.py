"""Filters for showing the documents' verbatim text."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from values import markup as content_markup

register = template.Library()


@register.filter
def markup(text: str, heading_level: int = 3) -> SafeString:
    """A content field as HTML: paragraphs, line breaks, lists and subheadings starting at
    `heading_level` (values.markup). The one way any page shows content text."""
    return content_markup.render(text, heading_level)


# The filter's earlier name, so templates written before the markup still render through it.
register.filter("prose", markup)


@register.filter
def plain(text: str) -> str:
    """A content field's words without markup, for excerpts (`|plain|truncatewords:60`)."""
    return content_markup.plain_text(text)


@register.filter
def theme_label(theme) -> str:
    """ "Værditema 1" for a numbered theme, "" for the supplementary parts of a document."""
    if not theme.number:
        return ""
    return f"{theme.framework.theme_label} {theme.number}"


@register.filter
def framework_counts(framework) -> str:
    """ "5 temaer · 12 refleksionsspørgsmål" for a framework card (`theme_count`, `part_count`,
    `question_count` from with_counts); the parts where the document has no themes, nothing for
    a count of none. One filter instead of three {% blocktranslate count %} per card: on a page
    of cards those were a tenth of the render."""
    counts = []
    if framework.theme_count:
        n = framework.theme_count
        counts.append(ngettext("%(counter)s tema", "%(counter)s temaer", n) % {"counter": n})
    elif framework.part_count:
        n = framework.part_count
        counts.append(ngettext("%(counter)s del", "%(counter)s dele", n) % {"counter": n})
    if framework.question_count:
        n = framework.question_count
        counts.append(
            ngettext("%(counter)s refleksionsspørgsmål", "%(counter)s refleksionsspørgsmål", n)
            % {"counter": n}
        )
    return " · ".join(counts)


@register.simple_tag
def search_form(q: str = "", compact: bool = False):
    """The search form for a template (the header's is `compact`), rendered with {% crispy %}."""
    from values.forms import SearchForm

    return SearchForm(q or "", compact=compact)
