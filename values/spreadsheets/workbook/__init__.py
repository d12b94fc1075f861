"""A whole framework in one workbook: the template, the import (with preview) and the export.

One XLSX file holds one framework: a sheet for the framework itself, one for its themes, one for
its items and one for its reflection questions, plus a sheet of instructions in Danish and a sheet
of allowed values.

- `schema`: the sheets, their columns, the example rows and the guide text.
- `read`: an uploaded file into rows of text (or the problems that stop it).
- `check`: every sheet's rows checked, one function per sheet, into an import plan. Everything is
  checked before anything is written; any problem (with its sheet and row) means nothing is
  written at all.
- `apply`: the plan written to the database (or, for the preview, rolled back).
- `write`: the template and a framework's export.
- `uploads`: the uploaded file kept between preview and confirmation.
"""

from .apply import RowChange, WorkbookReport, import_workbook
from .read import SheetProblem
from .schema import (
    EXAMPLE_ROWS,
    FRAMEWORK_SHEET,
    GUIDE_SHEET,
    ITEMS_SHEET,
    LISTS_SHEET,
    MAX_ROWS,
    QUESTIONS_SHEET,
    THEMES_SHEET,
)
from .write import export_framework, template_bytes

__all__ = [
    "EXAMPLE_ROWS",
    "FRAMEWORK_SHEET",
    "GUIDE_SHEET",
    "ITEMS_SHEET",
    "LISTS_SHEET",
    "MAX_ROWS",
    "QUESTIONS_SHEET",
    "THEMES_SHEET",
    "RowChange",
    "SheetProblem",
    "WorkbookReport",
    "export_framework",
    "import_workbook",
    "template_bytes",
]
