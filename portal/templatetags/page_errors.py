"""The errors of every bound form on a page, for its title ("Fejl: …") and its error summary.

base.html asks once: `{% page_errors as page_errors %}`. A page's forms are the forms in its
context, and the forms of objects in a context list that have a `forms()` method (the questions
of a worksheet section). Each error links to the field it belongs to; an error of the whole form,
or of a hidden field, links to the form's first visible field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import template
from django.forms import BaseForm
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.functional import LazyObject, empty
from django.utils.html import strip_tags

register = template.Library()


@dataclass(frozen=True)
class PageError:
    target: str  # the id of the field the summary links to
    message: str


def _forms_in(value) -> Iterable[BaseForm]:
    # A lazy value not read yet (a page part kept as a fragment may never be) is skipped: no
    # form is passed lazily, and looking would run what the laziness saves.
    if issubclass(type(value), LazyObject) and value._wrapped is empty:
        return
    if isinstance(value, BaseForm):
        yield value
    elif isinstance(value, list | tuple):
        for member in value:
            forms = getattr(member, "forms", None)
            if callable(forms) and not isinstance(member, BaseForm):
                yield from (form for form in forms() if isinstance(form, BaseForm))


def _first_visible_id(form: BaseForm) -> str:
    for bound in form.visible_fields():
        return bound.id_for_label or bound.auto_id
    return ""


def _target(bound) -> str:
    """The field's own id – for radios and checkboxes (no id of their own), the first choice's."""
    if bound.id_for_label:
        return bound.id_for_label
    choices = bound.subwidgets
    return (choices[0].id_for_label if choices else "") or bound.auto_id


def errors_of(form: BaseForm) -> list[PageError]:
    if not form.is_bound or not form.errors:
        return []
    found = []
    for name, messages in form.errors.items():
        bound = None if name == NON_FIELD_ERRORS else form[name]
        if bound is None or bound.is_hidden:
            target, label = _first_visible_id(form), ""
        else:
            target, label = _target(bound), strip_tags(str(bound.label or ""))
        # The summary stands apart from the fields: it names the field, so three "Dette felt
        # er påkrævet." say which three ("Skolens navn: Dette felt er påkrævet.").
        found += [
            PageError(target, f"{label}: {message}" if label else str(message))
            for message in messages
        ]
    return found


@register.simple_tag(takes_context=True)
def page_errors(context) -> list[PageError]:
    seen: set[int] = set()
    found: list[PageError] = []
    for value in context.flatten().values():
        for form in _forms_in(value):
            if id(form) not in seen:
                seen.add(id(form))
                found += errors_of(form)
    return found
