"""Where a worksheet question comes from: a framework's question or item, or the portal."""

from __future__ import annotations

from django.utils import translation

from values.markup import plain_text
from values.models import Item, ReflectionQuestion

from ..choices import QuestionKind

# Item kinds a board assesses on the scale rather than answering in free text.
RATED_ITEM_KINDS = {Item.Kind.INDICATOR, Item.Kind.MEANING}


# What a board is asked about a statement ("udsagn"): it is a sentence, not a question.
STATEMENT_PROMPT = "Hvor enige er I? Hvad ser I hos jer?"


def is_statement(source: ReflectionQuestion | Item | None) -> bool:
    return isinstance(source, Item) and source.kind == Item.Kind.STATEMENT


def default_kind_for(source: ReflectionQuestion | Item) -> str:
    if isinstance(source, Item) and (source.kind in RATED_ITEM_KINDS or is_statement(source)):
        return QuestionKind.RATING
    return QuestionKind.OPEN


def source_wording(source: ReflectionQuestion | Item) -> str:
    """The question as a board reads it.

    Indicators and meanings continue their heading ("Det kan vi se, når" + "vi lytter aktivt …"),
    so the heading goes in front when the text starts in lower case.
    """
    text = plain_text(source.text)
    if (
        isinstance(source, Item)
        and source.kind in RATED_ITEM_KINDS
        and source.group
        and text[:1].islower()
    ):
        return f"{source.group} {text}"
    return text


def source_label(source: ReflectionQuestion | Item) -> str:
    """Where a question comes from, e.g. "Vejle Kommune · 1. Dialog · Det kan vi se, når".

    Needs source.theme.framework.publisher loaded (select_related) to stay query-free. Always in
    Danish, like the content it names: a worksheet stores it, and the pages mark it lang="da", so
    an ungrouped heading ("Indikator", "Refleksion") must not follow the interface language.

    A part someone else wrote carries its credit ("Fra oplægget v/ skoleforsker …"), so a
    worksheet quoting it says whose words they are, as the theme page does; a heading that only
    repeats the part's title is left out.
    """
    theme = source.theme
    with translation.override("da"):
        title, heading = str(theme), str(source.heading)
        parts = (
            theme.framework.publisher.name,
            theme.credit,
            title,
            "" if heading == title else heading,
        )
    return " · ".join(part for part in parts if part)


# What a worksheet shows as the source of a question the portal wrote itself (a template's
# own wording, not a framework's): stored with the question, in Danish like all content.
PORTAL_QUESTION_CONTEXT = "Portalens spørgsmål – ikke fra rammerne"
