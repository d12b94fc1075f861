"""The public pages' one form: which frameworks a concept page sets side by side. A plain GET
form, rendered through the crispy pack like every other form (templates/dkfds/)."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class CompareChoiceForm(forms.Form):
    ramme = forms.MultipleChoiceField(
        label=_("Vælg, hvilke rammer der skal stå side om side"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, options: list, **kwargs) -> None:
        """`options`: the frameworks that say something on the concept (compare.Option), each
        with its column, its number of quotes and whether it is shown."""
        chosen = [option.column["framework"].slug for option in options if option.checked]
        super().__init__(auto_id="vaelg-%s", initial={"ramme": chosen}, **kwargs)
        field = self.fields["ramme"]
        field.choices = [
            (
                option.column["framework"].slug,
                format_html(
                    '<span lang="da">{}: {}</span> ({})',
                    option.column["framework"].publisher.name,
                    option.column["framework"].title,
                    option.count,
                ),
            )
            for option in options
        ]
        count = len(options)
        field.help_text = ngettext(
            "%(counter)s ramme siger noget om begrebet.",
            "%(counter)s rammer siger noget om begrebet. Vælg dem, du vil læse side om side.",
            count,
        ) % {"counter": count}
