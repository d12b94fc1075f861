"""The schools register in a spreadsheet: municipality, name and institution number per row.

The same rules as the content's imports (values.spreadsheets.resources): required columns, a row
limit, formulas neutralised, one bad row rolls the file back, and only the municipalities the
editor edits (values.spreadsheets.ownership).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from ..models import Publisher, School
from . import columns
from .resources import ContentResource, text
from .widgets import SlugOrTitleWidget, TextWidget

MUNICIPALITY = "Kommune"
INSTITUTION_NUMBER = "Institutionsnummer"


class InstitutionNumberWidget(TextWidget):
    """Six digits; a spreadsheet that stored 051012 as the number 51012.0 gets its zero back."""

    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        if number.endswith(".0") and number[:-2].isdigit():
            number = number[:-2]
        if number.isdigit() and len(number) < 6:
            number = number.zfill(6)
        if not (number.isdigit() and len(number) == 6):
            raise ValueError(
                _("“%(value)s” er ikke et institutionsnummer (seks cifre, fx 151012).")
                % {"value": value}
            )
        return number


class SchoolResource(ContentResource):
    municipality = fields.Field(
        attribute="municipality",
        column_name=MUNICIPALITY,
        widget=SlugOrTitleWidget(Publisher, "name", gettext_lazy("kommune")),
    )
    name = text("name", columns.NAME)
    institution_number = fields.Field(
        attribute="institution_number",
        column_name=INSTITUTION_NUMBER,
        widget=InstitutionNumberWidget(),
    )

    required_columns = (MUNICIPALITY, columns.NAME, INSTITUTION_NUMBER)
    key_columns = (INSTITUTION_NUMBER,)

    class Meta(ContentResource.Meta):
        model = School
        name = gettext_lazy("Skoler")
        fields = ["municipality", "name", "institution_number"]
        import_id_fields = ["institution_number"]

    def get_queryset(self):
        return School.objects.select_related("municipality")
