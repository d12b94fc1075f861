"""The principle workbench's forms; every error in Danish, tied to its field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import AgreedBy
from ..forms import NAME_MAX_LENGTH, BoardTextField, ShortTextField, board_date_field
from ..models import PrincipleArea, PrincipleLine

DANISH_TEXTAREA = forms.Textarea(attrs={"rows": 3, "lang": "da"})
LINE_MAX_LENGTH = 2000


def _date_field(label, help_text) -> forms.DateField:
    return board_date_field(label, help_text, required_message=_("Skriv datoen."))


class StartPrincipleForm(forms.Form):
    title = ShortTextField(
        label=_("Princippets titel"),
        limit=200,
        required=True,
        widget=forms.TextInput(attrs={"lang": "da"}),
        help_text=_("Fx “Princip for skole-hjem-samarbejdet”."),
        error_messages={"required": _("Giv princippet en titel.")},
    )
    area = forms.ChoiceField(
        label=_("Område i folkeskolelovens § 44, stk. 2"),
        choices=PrincipleArea.choices,
        initial=PrincipleArea.SCHOOL_HOME,
        error_messages={"invalid_choice": _("Vælg et af lovens områder.")},
    )
    worksheet = forms.TypedChoiceField(
        label=_("Byg på et arbejdsark"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Udkastet får arkets fælles svar og næste skridt som forslag, og I kan se arket ved "
            "siden af, mens I skriver."
        ),
        error_messages={"invalid_choice": _("Vælg et af bestyrelsens arbejdsark.")},
    )

    def __init__(self, *args, worksheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worksheet"].choices = [("", _("Start fra bunden"))] + [
            (ws.pk, ws.title) for ws in worksheets
        ]


class SectionForm(forms.Form):
    title = ShortTextField(
        label=_("Overskrift"),
        limit=200,
        required=True,
        widget=forms.TextInput(attrs={"lang": "da"}),
        error_messages={"required": _("Skriv en overskrift.")},
    )


class NewLineForm(forms.Form):
    text = BoardTextField(
        label=_("Ny linje"),
        limit=LINE_MAX_LENGTH,
        required=True,
        widget=DANISH_TEXTAREA,
        error_messages={"required": _("Skriv linjens tekst.")},
    )
    kind = forms.ChoiceField(
        label=_("Form"),
        choices=PrincipleLine.Kind.choices,
        initial=PrincipleLine.Kind.BULLET,
        widget=forms.RadioSelect,
    )


class LineForm(NewLineForm):
    """One line with what it cites, and the version the writer started from."""

    items = forms.TypedMultipleChoiceField(
        label=_("Bygger på punkter fra rammerne"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    answers = forms.TypedMultipleChoiceField(
        label=_("Bygger på bestyrelsens fælles svar"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, items=(), answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Tekst")
        self.fields["items"].choices = [(item.pk, label) for item, label, _url in items]
        self.fields["answers"].choices = [(answer.pk, label) for answer, label in answers]
        if not items:
            del self.fields["items"]
        if not answers:
            del self.fields["answers"]


class CommentForm(forms.Form):
    author_name = ShortTextField(
        label=_("Dit navn"),
        limit=NAME_MAX_LENGTH,
        required=True,
        help_text=_("Kun bestyrelsen ser kommentarer og navne."),
        error_messages={"required": _("Skriv dit navn, så de andre ved, hvem der spørger.")},
    )
    text = BoardTextField(
        label=_("Kommentar"),
        limit=LINE_MAX_LENGTH,
        required=True,
        widget=DANISH_TEXTAREA,
        error_messages={"required": _("Skriv din kommentar.")},
    )


class ApproveForm(forms.Form):
    approved_on = _date_field(
        _("Drøftet og godkendt i skolebestyrelsen den"),
        _("Mødet, hvor bestyrelsen godkendte princippet. Skriv fx 15.3.2027."),
    )
    review_by = _date_field(
        _("Evalueres senest"),
        _("Hvornår bestyrelsen tager princippet op igen, fx om et år."),
    )

    def clean(self):
        data = super().clean()
        approved, review = data.get("approved_on"), data.get("review_by")
        if approved and review and review <= approved:
            self.add_error(
                "review_by",
                forms.ValidationError(
                    _("Evalueringen skal ligge efter godkendelsen."), code="review_before_approval"
                ),
            )
        return data


class WritersForm(forms.Form):
    writers = forms.ChoiceField(
        label=_("Hvem skriver udkastet"),
        choices=AgreedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Vælg, hvem der skriver udkastet.")},
    )
