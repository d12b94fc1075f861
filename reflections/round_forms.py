"""The forms of a perspectives round: the chair opens one; a respondent answers one."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import round_guard
from .forms import RATING_CHOICES, BoardTextField, ShortTextField, board_date_field
from .models import COMMENT_MAX_LENGTH, Group, Round, WorksheetQuestion

LONGEST_ROUND = datetime.timedelta(days=366)


class RoundForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Hvem spørger I?"),
        choices=Group.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvem I vil spørge.")},
    )
    label = ShortTextField(
        label=_("Navn på gruppen (valgfrit)"),
        limit=80,
        help_text=_("Fx “5.B” for et klasseforældreråd eller “Indskolingen”."),
    )
    starts_on = board_date_field(_("Åbner"), _("Første dag, linket tager imod svar."))
    ends_on = board_date_field(_("Lukker"), _("Sidste dag, linket tager imod svar."))

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial", {"starts_on": today, "ends_on": today + datetime.timedelta(14)}
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends:
            if ends < starts:
                self.add_error(
                    "ends_on",
                    forms.ValidationError(
                        _("Runden skal lukke samme dag eller efter, den åbner."),
                        code="ends_before_start",
                    ),
                )
            elif ends - starts > LONGEST_ROUND:
                self.add_error(
                    "ends_on",
                    forms.ValidationError(_("En runde kan højst vare et år."), code="too_long"),
                )
            elif ends < timezone.localdate():
                self.add_error(
                    "ends_on",
                    forms.ValidationError(
                        _("Lukkedatoen er allerede passeret."), code="ended_already"
                    ),
                )
        return data


def question_field(question: WorksheetQuestion, plain: bool) -> forms.ChoiceField:
    text = question.plain_text if plain and question.plain_text else question.text
    return forms.ChoiceField(
        # The question is the board's Danish text, in the English interface too (WCAG 3.1.2).
        label=format_html('<span lang="da">{}</span>', text),
        choices=RATING_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Vælg en af vurderingerne fra “I høj grad” til “Ved ikke”.")
        },
    )


class ResponseForm(forms.Form):
    """A respondent's ratings (one field per rating question) and an optional comment."""

    comment = BoardTextField(
        label=_("Kommentar"),
        limit=COMMENT_MAX_LENGTH,
        help_text=_("Skriv ikke navne – heller ikke dit eget."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    nonce = forms.CharField(max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, round_: Round, questions: list[WorksheetQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.questions = {}
        fields = {}
        for question in questions:
            name = f"q{question.pk}"
            fields[name] = question_field(question, round_.plain_wording)
            self.questions[name] = question
        self.fields = {**fields, **self.fields}
        if not self.is_bound:
            self.initial["nonce"] = round_guard.new_nonce(round_)

    def clean_nonce(self) -> str:
        nonce = self.cleaned_data["nonce"]
        if not round_guard.nonce_is_valid(self.round, nonce):
            raise forms.ValidationError(
                _("Formularen er for gammel. Se dine svar igennem, og send igen."), code="stale"
            )
        return nonce

    def clean(self):
        data = super().clean()
        if self.questions and not any(data.get(name) for name in self.questions):
            first = next(iter(self.questions))
            self.add_error(
                first,
                forms.ValidationError(
                    _("Vælg en vurdering ved mindst ét spørgsmål."), code="nothing_rated"
                ),
            )
        return data

    def ratings(self) -> dict[WorksheetQuestion, str]:
        data = self.cleaned_data
        return {q: data[name] for name, q in self.questions.items() if data.get(name)}
