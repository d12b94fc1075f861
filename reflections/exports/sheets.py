"""The board's answers as spreadsheets: CSV for those who ask, XLSX as the "Excel" download.

CSV cells are plain text, so text a spreadsheet would run as a formula gets the project's
apostrophe (values.spreadsheets.formulas). XLSX cells carry their type: text is written as a text
cell with Excel's "quote prefix" style, which keeps it text even when someone edits the cell –
no formula runs, and no apostrophe shows.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from values.spreadsheets.formulas import FORMULA_STARTS, neutralise_cell

from ..models import Participant, QuestionKind
from ..results import QuestionResult, Result
from ..round_tallies import GroupRating, columns
from . import local_time


def _columns() -> list[str]:
    return [
        _("Afsnit"),
        _("Nr."),
        _("Spørgsmål"),
        _("Type"),
        _("Svar fra"),
        _("Svar"),
        _("Vurdering"),
        _("Hvordan ved vi det?"),
        _("Hvad"),
        _("Hvem"),
        _("Hvornår"),
        _("Sidst gemt"),
    ]


def _answer_row(name: str, answer) -> list:
    if answer is None:
        return [name, "", "", "", "", "", "", ""]
    rating = answer.get_rating_display() if answer.rating else ""
    return [name, answer.text, rating, answer.evidence, "", "", "", local_time(answer.updated_at)]


def _group_row(group: GroupRating) -> list:
    name = _("%(name)s (%(count)s svar)") % {"name": group.name, "count": group.responses}
    return [name, "", group.summary, "", "", "", "", ""]


def rows(result: Result, groups: dict[int, list[GroupRating]] | None = None) -> list[list]:
    """One row per answer and per next step: the agreed answer first, then each member's, then
    each group's ratings (reflections.round_tallies: only groups with enough responses)."""
    groups = groups or {}
    table = []
    agreed_label = _("Bestyrelsens fælles svar")
    for section in result.sections:
        for q in section.questions:
            question = q.question
            base = [section.section.title, q.number, question.text, question.get_kind_display()]
            if question.kind != QuestionKind.NEXT_STEPS:
                table.append(base + _answer_row(agreed_label, q.agreed))
            for step in q.steps:
                table.append(
                    base + [_("Næste skridt"), "", "", "", step.what, step.who, step.when, ""]
                )
            for answer in q.members:
                table.append(base + _answer_row(answer.participant.display_name, answer))
            for group in groups.get(question.pk, []):
                table.append(base + _group_row(group))
    return table


def answers_csv(result: Result, groups: dict[int, list[GroupRating]] | None = None) -> bytes:
    """UTF-8 with BOM and ";" between fields: what Excel in Danish expects on double-click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(_columns())
    for row in rows(result, groups):
        writer.writerow([neutralise_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- Side by side --------------------------------------------------------------------------------


def answer_cell(answer) -> str:
    """One answer in one cell: "I nogen grad – text (Hvordan ved vi det? …)"."""
    if answer is None or not answer.is_answered:
        return ""
    parts = []
    if answer.rating:
        parts.append(answer.get_rating_display())
    if answer.text:
        parts.append(answer.text)
    cell = " – ".join(parts)
    if answer.evidence:
        cell += f"\n{_('Hvordan ved vi det?')} {answer.evidence}"
    return cell


def steps_cell(q: QuestionResult) -> str:
    return "\n".join(
        " · ".join(part for part in (step.what, step.who, step.when) if part) for step in q.steps
    )


def side_by_side(
    result: Result,
    members: list[Participant],
    groups: dict[int, list[GroupRating]] | None = None,
) -> tuple[list[str], list[list]]:
    """Questions down, members and then other groups across: header and rows for the "Side om
    side" sheet."""
    groups = groups or {}
    shown = columns(groups)
    header = [_("Nr."), _("Afsnit"), _("Spørgsmål"), _("Bestyrelsens fælles svar")]
    header += last_year_header(result)
    header += [member.display_name for member in members]
    header += [_group_row(group)[0] for group in shown]
    table = []
    for section in result.sections:
        for q in section.questions:
            own = {answer.participant_id: answer for answer in q.members}
            agreed = steps_cell(q) if q.question.is_next_steps else answer_cell(q.agreed)
            row = [q.number, section.section.title, q.question.text, agreed]
            row += last_year_cells(result, q)
            row += [answer_cell(own.get(member.pk)) for member in members]
            theirs = {g.round_id: g.summary for g in groups.get(q.question.pk, [])}
            table.append(row + [theirs.get(group.round_id, "") for group in shown])
    return header, table


# --- Year on year --------------------------------------------------------------------------------


def last_year_header(result: Result) -> list[str]:
    if not result.earlier_years:
        return []
    year = result.earlier_years[-1]
    return [_("Fælles svar %(year)s") % {"year": year}, _("Ændring i vurderingen")]


def last_year_cells(result: Result, q: QuestionResult) -> list[str]:
    if not result.earlier_years:
        return []
    if q.question.is_next_steps:
        return ["", ""]
    return [answer_cell(q.last_year), str(q.change) if q.change else ""]


def years_table(result: Result) -> tuple[list[str], list[list]]:
    """The "År for år" sheet: each rated question's agreed rating in every school year."""
    header = [_("Nr."), _("Spørgsmål"), *result.earlier_years, result.worksheet.school_year]
    header.append(_("Ændring i vurderingen"))
    table = []
    for q in result.rated:
        ratings = [a.get_rating_display() if a and a.rating else "" for a in [*q.earlier, q.agreed]]
        table.append([q.number, q.question.text, *ratings, str(q.change) if q.change else ""])
    return header, table


# --- XLSX ----------------------------------------------------------------------------------------


def _write_sheet(
    sheet, header: list[str], table: list[list], widths: list[int], freeze: str
) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if isinstance(cell.value, str):
                # A text cell, never a formula, even if it starts with "=" or "-".
                cell.data_type = "s"
                cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze  # the header row, and on the wide sheet the question too
    sheet.auto_filter.ref = sheet.dimensions


def answers_xlsx(
    result: Result,
    members: list[Participant],
    groups: dict[int, list[GroupRating]] | None = None,
) -> bytes:
    """Two sheets: questions × members (and other groups) side by side, and every answer on its
    own row."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    first.title = _("Side om side")[:31]
    header, table = side_by_side(result, members, groups)
    years = [45, 30] if result.earlier_years else []
    widths = [5, 16, 50, 45, *years] + [40] * (len(header) - 4 - len(years))
    _write_sheet(first, header, table, widths, "D2")
    _write_sheet(
        workbook.create_sheet(_("Alle svar")[:31]),
        _columns(),
        rows(result, groups),
        [22, 5, 50, 18, 20, 60, 14, 40, 30, 18, 14, 16],
        "A2",
    )
    if result.earlier_years and result.rated:
        header, table = years_table(result)
        widths = [5, 50] + [16] * (len(header) - 3) + [30]
        _write_sheet(workbook.create_sheet(_("År for år")[:31]), header, table, widths, "C2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
