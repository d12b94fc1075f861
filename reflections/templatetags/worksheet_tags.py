from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

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
