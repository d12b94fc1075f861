"""The form renderer: Django's own, with its plainest widget templates said in Python.

Django renders every widget through templates (`input.html` including `attrs.html`), about a
tenth of a millisecond a widget; a board's section page has thirty, a third of its time. Those
two templates and `textarea.html` are short enough to say in Python exactly – the same bytes,
checked against Django's templates in tests/portal/test_form_renderer.py – and so are the
widgets whose template is nothing but an include of `input.html` (text, hidden, email, number,
checkbox, …). Everything else, and any of these a project or app overrides, or a Django version
that words them differently, renders through the templates as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
_DJANGO_WIDGETS = Path(django.__file__).parent / "forms" / "templates" / WIDGETS

#: The templates as this module says them; any other wording falls back to the templates.
ATTRS = (
    "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}{% endfor %}"
)
INPUT = (
    '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %}'
    " value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
    '{% include "django/forms/widgets/attrs.html" %}>'
)
TEXTAREA = (
    '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
    "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>"
)
ONLY_INPUT = '{% include "django/forms/widgets/input.html" %}'


def _text(value) -> SafeString:
    """`{{ value }}` and `{{ value|stringformat:'s' }}` in an autoescaped template."""
    return conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def render_textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _worded(name: str) -> str:
    try:
        return (_DJANGO_WIDGETS / name).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


@functools.cache
def in_python() -> dict[str, Callable[[dict], str]]:
    """The templates this module can say, as Django words them today (read once a process)."""
    if _worded("attrs.html") != ATTRS or _worded("input.html") != INPUT:
        return {}
    said: dict[str, Callable[[dict], str]] = {WIDGETS + "input.html": render_input}
    for path in sorted(_DJANGO_WIDGETS.glob("*.html")):
        if _worded(path.name) == ONLY_INPUT:
            said[WIDGETS + path.name] = render_input
    if _worded("textarea.html") == TEXTAREA:
        said[WIDGETS + "textarea.html"] = render_textarea
    return said


class FormRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: Django's template renderer, with `in_python()`'s widgets said in
    Python unless a project or app template overrides them (or `attrs.html`)."""

    def __init__(self):
        super().__init__()
        self._said: dict[str, Callable[[dict], str] | None] = {}

    def _python_for(self, template_name: str) -> Callable[[dict], str] | None:
        if template_name not in self._said:
            function = in_python().get(template_name)
            if function is not None and not all(
                self._is_djangos(name)
                for name in (template_name, WIDGETS + "input.html", WIDGETS + "attrs.html")
            ):
                function = None
            self._said[template_name] = function
        return self._said[template_name]

    def _is_djangos(self, template_name: str) -> bool:
        origin = self.get_template(template_name).origin.name
        return Path(origin) == _DJANGO_WIDGETS / template_name.removeprefix(WIDGETS)

    def render(self, template_name, context, request=None):
        function = self._python_for(template_name)
        if function is None or "widget" not in context:
            return super().render(template_name, context, request=request)
        return mark_safe(function(context["widget"]))  # noqa: S308 – every value escaped above
