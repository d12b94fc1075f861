"""The public pages' forms, plain GET forms rendered through the crispy pack like every other form
(templates/dkfds/): the search (page and header) and which frameworks a concept page sets side by
side."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.dkfds_layout import SearchField


class SearchForm(forms.Form):
    """The search: on the search page with its label and hint, in every page's header compact
    (label for screen readers, placeholder, icon button). The pages never bind it: the view parses
    the query itself (values/search/), and a query with no searchable words gets its own notice."""

    q = forms.CharField(
        label=_("Søgeord"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_(
            "Søg på ét eller flere ord; alle ordene skal forekomme. Bøjninger og sammensatte ord "
            "findes også: “forældremøde” finder “forældremøder”."
        ),
    )

    def __init__(self, q: str = "", *, compact: bool = False, data=None) -> None:
        super().__init__(
            data, initial={"q": q}, auto_id="site-search-%s" if compact else "search-%s"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(SearchField("q", button=_("Søg"), compact=compact))
        if compact:
            field = self.fields["q"]
            field.label = _("Søg i rammerne")
            field.help_text = ""
            field.widget.attrs["placeholder"] = _("Søg, fx forældremøde")


class CompareChoiceForm(forms.Form):
    ramme = forms.MultipleChoiceField(
        label=_("Vælg, hvilke rammer der skal stå side om side"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, options: list, speaking: int, **kwargs) -> None:
        """`options`: the frameworks offered (comparison.Option), each with its number of quotes
        and whether it is shown; `speaking`: how many frameworks say something on the concept."""
        chosen = [option.framework.slug for option in options if option.checked]
        super().__init__(auto_id="vaelg-%s", initial={"ramme": chosen}, **kwargs)
        field = self.fields["ramme"]
        field.choices = [
            (
                option.framework.slug,
                format_html(
                    '<span lang="da">{}: {}</span> ({})',
                    option.framework.publisher.name,
                    option.framework.title,
                    option.count,
                ),
            )
            for option in options
        ]
        field.help_text = ngettext(
            "%(counter)s ramme siger noget om begrebet.",
            "%(counter)s rammer siger noget om begrebet. Vælg dem, du vil læse side om side.",
            speaking,
        ) % {"counter": speaking}
        if len(options) < speaking:
            field.help_text += " " + ngettext(
                "Her er den, der siger mest, og dem, du har valgt.",
                "Her er de %(counter)s, der siger mest, og dem, du har valgt.",
                len(options),
            ) % {"counter": len(options)}
