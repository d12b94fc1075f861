"""The perspectives in the result PDF: each group's ratings beside the board's, and comments."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import MIN_RESPONSES
from ..rounds import Perspectives


def spread_text(value: float | None) -> str:
    return "–" if value is None else number_format(value, 1)


def perspectives_story(pdf, views: Perspectives) -> list:
    """Flowables for `pdf` (reflections.exports.pdf._PdfStory); nothing without rounds."""
    from reportlab.lib.units import mm

    if not views.groups:
        return []
    story = [pdf.paragraph(_("Perspektiver: andre gruppers svar"), "h2")]
    for group in views.groups:
        if not group.shown:
            story.append(
                pdf.paragraph(
                    _("%(name)s: %(count)d svar – vises først fra %(min)d svar.")
                    % {"name": group.round.name, "count": group.responses, "min": MIN_RESPONSES},
                    "meta",
                )
            )
    if not views.shown:
        return story
    labels = [label for _value, label, _n in views.questions[0].rows[0].counts]
    header = [_("Gruppe"), *labels, _("Spredning")]
    for question in views.questions:
        story.append(
            pdf.paragraph(f"{question.number}. {question.result.question.text}", "question")
        )
        data = [[pdf.paragraph(label, "th") for label in header]]
        for row in question.rows:
            values = [row.name, *(n for _v, _l, n in row.counts), spread_text(row.spread)]
            data.append([pdf.paragraph(value, "cell") for value in values])
        story.append(pdf.table(data, [46 * mm] + [19 * mm] * 5 + [23 * mm]))
    for group in views.shown:
        story.append(
            pdf.paragraph(
                _("Kommentarer fra %(name)s (%(count)d svar)")
                % {"name": group.round.name, "count": group.responses},
                "question",
            )
        )
        comments = group.comments or [_("Ingen kommentarer.")]
        story += [pdf.paragraph(comment, "answer") for comment in comments]
    return story
