"""Filters for the DKFDS template pack (templates/dkfds/)."""

from django import template

register = template.Library()


@register.filter
def has_required(form) -> bool:
    """Whether any visible field of the form is required: only then is "(frivilligt)" worth
    saying on the others (in a form of optional fields it would be on every label)."""
    return any(bound.field.required for bound in form.visible_fields())
