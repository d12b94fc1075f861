"""The editors' admin: content with import/export, history, preview, ordering and the workbook.

- `base`: CurationAdmin, every content admin's base – import/export in Danish columns
  (values.spreadsheets) behind the permission `values.import_content`, and history.
- `history`: the versions list with a word-by-word compare view (django-reversion keeps them).
- `preview`: a change form's "Forhåndsvis" button and switching preview on and off.
- `ordering`: up/down buttons in the changelists of themes, items and questions.
- `workbook`: a whole framework in one workbook, from the frameworks' changelist.
- `content`: the ModelAdmin of each content model, registered on import.
- `scoping`: editors see and change only their own publishers' content (values.owners).
- `schools`: the schools register and the municipality's overview.
- `drafts` and `draft_pages`: saving live content as a draft change, and the drafts' pages
  (preview, publish or send for approval, reject).
- `source_document`: a framework's source document (PDF) on its form.
- `worklist`: what an editor has to do, for the overview (portal.dashboard).
"""

from . import (
    content,  # noqa: F401 – registers the content models' admins
    draft_pages,  # noqa: F401 – the draft changes' pages
    schools,  # noqa: F401 – the schools register and the municipality's overview
)
