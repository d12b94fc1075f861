from django import forms
from django.utils.translation import gettext_lazy as _

from values.models import School

from .models import ANSWER_MAX_LENGTH, QuestionKind, Rating, Worksheet
from .validators import normalise_newlines, validate_answer_length, validate_no_cpr

NAME_MAX_LENGTH = 60


class BoardTextField(forms.CharField):
    """Free text a board writes: newlines normalised, no CPR numbers, a clear length limit."""

    def __init__(self, *, limit: int = ANSWER_MAX_LENGTH, **kwargs):
        self.limit = limit
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_newlines(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        # Length first: a clear message, and no pattern search over an oversized text.
        if self.limit == ANSWER_MAX_LENGTH:
            validate_answer_length(value)
        elif len(value) > self.limit:
            raise forms.ValidationError(
                _("Højst %(limit)d tegn."), code="too_long", params={"limit": self.limit}
            )
        validate_no_cpr(value)


# Browsers send a date field's ISO value; typed by hand, Danes write 15.3.2027 or 15-3-2027.
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]


def board_date_field(label, help_text, *, required_message=None) -> forms.DateField:
    """A date on a board page: the browser's date picker, Danish ways of typing one by hand."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": _("Skriv en dato, fx 15.3.2027."),
            "required": required_message or _("Skriv en dato, fx 15.3.2027."),
        },
    )


class ShortTextField(BoardTextField):
    def __init__(self, *, limit: int, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(limit=limit, **kwargs)


RATING_CHOICES = Rating.choices
DANISH_INPUT = forms.TextInput(attrs={"lang": "da"})


class AnswerForm(forms.Form):
    """One answer: a member's own, or the board's agreed answer (with the version it started from).

    Used both for the page's Save button (prefixed per question) and, with JSON data, for autosave.
    """

    # The board writes in Danish; the fields say so (WCAG 3.1.2) in the English interface too.
    text = BoardTextField(label=_("Svar"), widget=forms.Textarea(attrs={"rows": 4, "lang": "da"}))
    rating = forms.ChoiceField(
        label=_("I hvilken grad passer det hos os?"),
        choices=RATING_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Vælg en af vurderingerne fra “I høj grad” til “Ved ikke”.")
        },
    )
    evidence = BoardTextField(
        label=_("Hvordan ved vi det?"), widget=forms.Textarea(attrs={"rows": 3, "lang": "da"})
    )
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    digest = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kind: str = QuestionKind.OPEN, statement: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if statement:  # a sentence to agree with, not a question
            self.fields["text"].label = _("Hvad ser I hos jer?")
        if kind == QuestionKind.RATING:
            if statement:
                self.fields["rating"].label = _("Hvor enige er I?")
            else:
                self.fields["text"].label = _("Kommentar")
        else:
            del self.fields["rating"]
            del self.fields["evidence"]

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data.get("text", ""),
            "rating": data.get("rating", ""),
            "evidence": data.get("evidence", ""),
        }


class NextStepForm(forms.Form):
    what = ShortTextField(label=_("Hvad gør vi?"), limit=500, widget=DANISH_INPUT)
    who = ShortTextField(label=_("Hvem står for det?"), limit=200, widget=DANISH_INPUT)
    when = ShortTextField(label=_("Hvornår?"), limit=100, widget=DANISH_INPUT)
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, require_what: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].required = require_what

    def clean(self):
        data = super().clean()
        if not data.get("what") and (data.get("who") or data.get("when")):
            self.add_error("what", _("Skriv, hvad I vil gøre."))
        return data

    def has_step(self) -> bool:
        return bool(self.cleaned_data.get("what"))


class BoardFields(forms.Form):
    school_name = ShortTextField(label=_("Skolens navn"), limit=200, required=True)
    school = forms.CharField(
        label=_("Skolens institutionsnummer (valgfrit)"),
        max_length=20,
        required=False,
        help_text=_(
            "Seks cifre, fx 151012. Står skolen i kommunens skoleregister, tæller arbejdsarket "
            "med i kommunens oversigt – kun hvor langt I er, aldrig jeres svar eller navne."
        ),
    )

    def clean_school(self) -> School | None:
        number = self.cleaned_data["school"].strip()
        if not number:
            return None
        school = School.objects.filter(institution_number=number).first()
        if school is None:
            raise forms.ValidationError(
                _(
                    "Institutionsnummeret %(number)s står ikke i nogen kommunes skoleregister. "
                    "Tjek nummeret, eller lad feltet stå tomt."
                ),
                code="unknown_school",
                params={"number": number},
            )
        return school

    board_name = ShortTextField(
        label=_("Bestyrelsens navn"),
        limit=200,
        required=True,
        initial=_("Skolebestyrelsen"),
    )
    display_name = ShortTextField(
        label=_("Dit navn"),
        limit=NAME_MAX_LENGTH,
        required=True,
        help_text=_("Vises for de andre i bestyrelsen ved dine svar. Fornavn er nok."),
    )


class CreateFromTemplateForm(BoardFields):
    pass


class CreateOwnForm(BoardFields):
    title = ShortTextField(
        label=_("Arbejdsarkets titel"),
        limit=200,
        required=True,
        initial=_("Vores refleksionsspørgsmål"),
    )
    field_order = ["title", "school_name", "school", "board_name", "display_name", "next_steps"]
    next_steps = forms.BooleanField(
        label=_("Afslut med et afsnit om næste skridt (hvad, hvem, hvornår)"),
        required=False,
        initial=True,
    )


class JoinForm(forms.Form):
    display_name = ShortTextField(
        label=_("Dit navn"),
        limit=NAME_MAX_LENGTH,
        required=True,
        help_text=_("Vises for de andre i bestyrelsen ved dine svar. Fornavn er nok."),
    )


class ParticipantField(forms.TypedChoiceField):
    """One of the worksheet's participants, from a list already loaded (no query per field).

    The names are the board's own, so the list is marked Danish (WCAG 3.1.2).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Select(attrs={"lang": "da"}))
        super().__init__(coerce=int, **kwargs)


def _participant_choices(participants) -> list[tuple]:
    return [("", _("Vælg et navn"))] + [(p.pk, p.display_name) for p in participants]


class ParticipantsForm(forms.Form):
    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = {p.pk: p for p in participants}
        for field in self.fields.values():
            if isinstance(field, ParticipantField):
                field.choices = _participant_choices(participants)

    def participant(self, name: str):
        return self.participants[self.cleaned_data[name]]


class MergeParticipantsForm(ParticipantsForm):
    """The chair's fix for one person who joined twice (another device, another name)."""

    prefix = "merge"
    source = ParticipantField(
        label=_("Flyt svarene fra"),
        help_text=_(
            "Dette navn forsvinder. Har begge svaret på det samme, sættes teksterne sammen."
        ),
    )
    target = ParticipantField(label=_("til"))

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", _("Vælg to forskellige navne."))
        return data


class RemoveParticipantForm(ParticipantsForm):
    prefix = "remove"
    participant = ParticipantField(label=_("Fjern deltageren"))
    confirm = forms.BooleanField(
        label=_("Ja, slet navnet og alle personens egne svar for altid"),
        error_messages={"required": _("Sæt kryds for at bekræfte, at svarene skal slettes.")},
    )


class AnsweringForm(forms.ModelForm):
    """How the board answers this worksheet; the chair decides and the members are told."""

    class Meta:
        model = Worksheet
        fields = ["agreed_by", "others_visible", "anonymous"]
        widgets = {"agreed_by": forms.RadioSelect, "others_visible": forms.RadioSelect}
        labels = {
            "agreed_by": _("Hvem skriver bestyrelsens fælles svar?"),
            "others_visible": _("Hvornår ser medlemmerne de andres svar?"),
            "anonymous": _("Anonyme svar: de andre ser svar og vurderinger uden navn"),
        }
        help_texts = {
            "others_visible": _(
                "Vælg “Når man selv har svaret”, så ingen bliver påvirket, før de har svaret."
            ),
            "anonymous": _("Medlemmerne får det at vide på arbejdsarket."),
        }


class MeetingDatesForm(forms.Form):
    """The chair's two dates: when members should have answered, and the meeting."""

    answer_by = forms.DateField(
        label=_("Svarfrist"),
        required=False,
        help_text=_("Hvornår medlemmerne skal have svaret. Skriv fx 15.3.2027."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": _("Skriv en dato, fx 15.3.2027.")},
    )
    meeting_date = forms.DateField(
        label=_("Mødedato"),
        required=False,
        help_text=_("Mødet, hvor I taler svarene igennem."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": _("Skriv en dato, fx 15.3.2027.")},
    )

    def clean(self):
        data = super().clean()
        answer_by, meeting = data.get("answer_by"), data.get("meeting_date")
        if answer_by and meeting and answer_by > meeting:
            self.add_error(
                "answer_by",
                forms.ValidationError(
                    _("Svarfristen skal ligge før mødet eller samme dag."), code="after_meeting"
                ),
            )
        return data


class NewWorksheetForm(forms.Form):
    """The chair starts another worksheet in the board's space from a published template."""

    template = forms.ModelChoiceField(
        label=_("Skabelon"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg den skabelon, arbejdsarket skal bygge på.")},
    )

    def __init__(self, *args, **kwargs):
        from .models import WorksheetTemplate

        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = WorksheetTemplate.objects.published()


class SharingForm(forms.Form):
    """Whether the other boards see the school's name beside the answers the board shares."""

    names_school = forms.BooleanField(
        label=_("Vis skolens navn ved jeres svar"),
        required=False,
        help_text=_("Ellers står der kun “En skole i kommunen”."),
    )


class PrincipleSharingForm(forms.Form):
    """Whether the other boards see the school's name beside the principle the board shares."""

    names_school = forms.BooleanField(
        label=_("Vis skolens navn ved jeres princip"),
        required=False,
        help_text=_("Ellers står der kun “En skole i kommunen”."),
    )
