import functools

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from portal.templatetags.fragments import NEXT_PLACEHOLDER
from reflections import picks

register = template.Library()


@register.filter
def pick_key(obj) -> str:
    """The collection key for a ReflectionQuestion or an Item ("q-12", "i-30001"), query-free."""
    try:
        return picks.key_for(obj)
    except (AttributeError, KeyError):
        return ""


@register.filter
def in_danish(value) -> SafeString:
    """Content (a title, a name) escaped and marked lang="da" for use inside a translated sentence.

    WCAG 3.1.2: with the interface in English, a board's Danish content inside an English sentence
    must say it is Danish. As a filter it can go into `{% blocktranslate with … %}` without
    changing the message id.
    """
    return format_html('<span lang="da">{}</span>', value)


@register.simple_tag(takes_context=True)
def add_to_worksheet(context, obj) -> SafeString:
    """The "Tilføj til arbejdsark" button for a ReflectionQuestion or a statement/indicator
    Item: a compact DKFDS function link that works as a plain POST form; with
    static/js/worksheet-collect.js loaded, it adds in place, announces the result and updates
    the selection bar.

    It runs no queries (the key comes from the object's model name and pk; `selection` is the
    visitor's own, read from the session only when the visitor has one). Written in Python, not
    as an included template: a theme page has one per item, and the include cost more than the
    rest of the item.
    """
    key = pick_key(obj)
    if not key:
        return SafeString("")
    added = key in (context.get("selection") or ())
    on_sheet, add = gettext("På arbejdsarket"), gettext("Tilføj til arbejdsark")
    short_text = Truncator(str(obj.text)).chars(90)
    request = context.get("request")
    address = request.get_full_path() if request else ""
    if context.get("fragment_placeholders"):  # kept for every visitor: see portal fragments
        address = mark_safe(NEXT_PLACEHOLDER)  # noqa: S308 – a constant
    return format_html(
        '<form method="post" action="{}" class="add-to-worksheet" data-worksheet-add>{}'
        '<input type="hidden" name="action" value="add">'
        '<input type="hidden" name="pick" value="{}">'
        '<input type="hidden" name="next" value="{}#tilfoej-{}">'
        '<button type="submit" class="function-link" id="tilfoej-{}" data-added-text="{}"'
        ' data-added-label="{}: {}" aria-label="{}: {}">{}<span>{}</span></button></form>',
        reverse("reflections:collect"),
        CsrfTokenNode().render(context),
        key,
        address,
        key,
        key,
        on_sheet,
        on_sheet,
        short_text,
        on_sheet if added else add,
        short_text,
        _icon("check" if added else "plus", static("vendor/dkfds/img/all-svg-icons.svg")),
        on_sheet if added else add,
    )


@functools.lru_cache(maxsize=8)
def _icon(name: str, sprite: str) -> str:
    """A DKFDS icon hidden from assistive technology, as includes/icon.html writes it; kept per
    sprite address (`sprite`), which changes only with the static files."""
    return render_to_string("includes/icon.html", {"name": name})
