"""The form renderer says Django's plainest widget templates in Python: a visitor must not be able
to tell – the same bytes as Django's templates for every widget, value and attribute, escaping
included."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portal.form_renderer import WIDGETS, FormRenderer, in_python

TEMPLATES = DjangoTemplates()
FAST = FormRenderer()

AWKWARD_VALUES = [None, "", "0", "Forældremøde", "a<b>&\"'c", mark_safe("<b>fed</b>"), 7, 0]
AWKWARD_ATTRS = [
    {},
    {"required": True, "disabled": False, "lang": "da", "rows": 4},
    {"class": "form-input", "aria-describedby": "id_x_helptext id_x_error", "aria-invalid": True},
    {"placeholder": gettext_lazy("Søg"), "data-note": '"citat" & <tag>', "maxlength": 500},
    {"title": None, "autofocus": True, mark_safe("data-safe"): mark_safe("<i>")},
]


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=20, help_text="Hjælp")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "lang": "da"}), required=False)
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    email = forms.EmailField(required=False)
    number = forms.IntegerField(required=False)
    agree = forms.BooleanField(required=False)
    when = forms.DateField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_the_widgets_this_django_words_as_expected_are_said_in_python():
    said = in_python()
    for name in ("input.html", "text.html", "hidden.html", "textarea.html", "checkbox.html"):
        assert WIDGETS + name in said
    # Widgets with more to them than an input stay with their templates.
    assert WIDGETS + "select.html" not in said
    assert WIDGETS + "input_option.html" not in said


@pytest.mark.parametrize("template_name", sorted(in_python()))
def test_each_widget_is_the_same_bytes_as_djangos_template(template_name):
    for value in AWKWARD_VALUES:
        for attrs in AWKWARD_ATTRS:
            widget = {"name": 'svar-1"', "type": "text", "value": value, "attrs": attrs}
            ours = FAST.render(template_name, {"widget": widget})
            assert ours == TEMPLATES.render(template_name, {"widget": widget}), (value, attrs)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "x" * 30, "note": "<script>alert(1)</script>", "hidden": "nej", "agree": "on"},
        {"text": "Godt", "note": "To\nlinjer", "hidden": "3", "number": "5", "choice": "b"},
    ],
    ids=["unbound", "with errors", "valid"],
)
def test_a_whole_form_renders_the_same_as_with_djangos_renderer(data):
    initial = {"text": "Forældre & skole", "hidden": 2}
    ours = EveryWidget(data, initial=initial, renderer=FAST)
    djangos = EveryWidget(data, initial=initial, renderer=TEMPLATES)
    assert str(ours) == str(djangos)
    assert 'value="Forældre &amp; skole"' in str(EveryWidget(initial=initial, renderer=FAST))


def test_the_portals_forms_use_it(client, settings):
    assert settings.FORM_RENDERER == "portal.form_renderer.FormRenderer"
    assert type(forms.Form().renderer) is FormRenderer
