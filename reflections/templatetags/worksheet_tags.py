from django import template

from reflections import picks

register = template.Library()


@register.filter
def pick_key(obj) -> str:
    """The collection key for a ReflectionQuestion or an Item ("q-12", "i-30001"), query-free."""
    try:
        return picks.key_for(obj)
    except (AttributeError, KeyError):
        return ""
