"""The schools register and the municipality's overview, for the municipality's editors.

The register imports and exports like the content (values.admin.base); the overview
(reflections.overview) shows per school and theme how far the board is – counts and dates only –
as a page and as an XLSX file.
"""

from __future__ import annotations

import io
from datetime import date

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats
from django.utils.translation import gettext
from openpyxl import Workbook

from ..models import Publisher, School
from ..owners import publishers_of
from ..spreadsheets.formulas import neutralise_cell
from ..spreadsheets.schools import SchoolResource
from .base import CurationAdmin
from .board_starts import start_boards
from .scoping import PublisherScopedAdmin
from .workbook import xlsx_response

OVERVIEW_TEMPLATE = "admin/values/school/overview.html"


@admin.register(School)
class SchoolAdmin(PublisherScopedAdmin, CurationAdmin):
    resource_classes = [SchoolResource]
    change_list_template = "admin/values/school/change_list.html"
    list_display = ["name", "institution_number", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "institution_number"]
    fields = ["municipality", "name", "institution_number"]
    actions = [start_boards]

    def get_urls(self):
        urls = [
            path(
                "oversigt/",
                self.admin_site.admin_view(self.overview_view),
                name="values_school_overview",
            ),
            path(
                "oversigt/xlsx/",
                self.admin_site.admin_view(self.overview_xlsx_view),
                name="values_school_overview_xlsx",
            ),
        ]
        return urls + super().get_urls()

    def _municipality(self, request) -> tuple[Publisher, list[Publisher]]:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        own = list(publishers_of(request.user).filter(schools__isnull=False).distinct())
        if not own:
            raise Http404
        chosen = request.GET.get("kommune", "")
        municipality = next((p for p in own if str(p.pk) == chosen), own[0])
        return municipality, own

    def overview_view(self, request):
        from reflections.overview import MIN_BOARDS, municipality_overview
        from reflections.ratings import municipality_ratings, rating_labels

        municipality, own = self._municipality(request)
        overview = municipality_overview(municipality)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Kommunens oversigt: %(name)s") % {"name": municipality.name},
            "overview": overview,
            "ratings": municipality_ratings(municipality, overview.themes),
            "rating_labels": rating_labels(),
            "municipalities": own,
            "municipality": municipality,
            "min_boards": MIN_BOARDS,
        }
        return TemplateResponse(request, OVERVIEW_TEMPLATE, context)

    def overview_xlsx_view(self, request):
        from reflections.overview import municipality_overview
        from reflections.ratings import municipality_ratings

        municipality, _own = self._municipality(request)
        overview = municipality_overview(municipality)
        ratings = municipality_ratings(municipality, overview.themes)
        return xlsx_response(
            overview_xlsx(overview, ratings),
            f"oversigt-{municipality.slug}-{date.today().isoformat()}.xlsx",
        )


def overview_xlsx(overview, ratings) -> bytes:
    """Four sheets: the status per school and theme, the boards per theme (when ≥ 5), the boards'
    agreed ratings per question (only questions at least 5 boards rated) and the boards with
    principles per theme (figures only when ≥ 5)."""
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Skoler")
    sheet.append(
        [gettext("Skole"), gettext("Institutionsnummer")]
        + [f"{t.framework.title}: {t}" for t in overview.themes]
    )
    for school, cells in overview.rows:
        sheet.append(
            [school.name, school.institution_number]
            + [
                f"{c.label} ({formats.date_format(c.date, 'SHORT_DATE_FORMAT')})"
                if c.date
                else c.label
                for c in cells
            ]
        )
    totals = book.create_sheet(gettext("Temaer"))
    totals.append([gettext("Ramme"), gettext("Tema"), gettext("Bestyrelser")])
    for theme, boards in overview.theme_totals:
        totals.append(
            [theme.framework.title, str(theme), boards if boards is not None else gettext("< 5")]
        )
    ratings_sheet(book, ratings)
    principles_sheet(book, overview)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                cell.value = neutralise_cell(cell.value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ratings_sheet(book: Workbook, ratings):
    from reflections.ratings import rating_labels

    sheet = book.create_sheet(gettext("Vurderinger"))
    sheet.append(
        [gettext("Ramme"), gettext("Tema"), gettext("Spørgsmål"), gettext("Bestyrelser")]
        + [str(label) for _value, label in rating_labels()]
    )
    for theme_ratings in ratings:
        theme = theme_ratings.theme
        for question in theme_ratings.questions:
            sheet.append(
                [theme.framework.title, str(theme), question.text, question.boards]
                + [count for _value, _label, count in question.columns]
            )
    return sheet


def principles_sheet(book: Workbook, overview) -> None:
    """Per theme, how many boards approved and published a principle (when ≥ 5)."""
    sheet = book.create_sheet(gettext("Principper"))
    sheet.append(
        [
            gettext("Ramme"),
            gettext("Tema"),
            gettext("Princip godkendt"),
            gettext("Princip offentliggjort"),
        ]
    )
    for theme, approved, published in overview.principle_totals:
        sheet.append(
            [theme.framework.title, str(theme)]
            + [gettext("< 5") if count is None else count for count in (approved, published)]
        )
