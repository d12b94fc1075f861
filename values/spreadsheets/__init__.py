"""Spreadsheets in and out: the content's import/export files and the one-file framework workbook.

- `formulas`: the one rule that keeps exported text from running as a spreadsheet formula.
- `columns`: every column's Danish header, shared by the per-model files and the workbook.
- `reading`: every uploaded file read within hard limits, cells that cannot be text refused.
- `formats`, `widgets`, `content_resource`, `resources`: django-import-export's per-model files
  (CSV, XLSX, JSON).
- `workbook`: a whole framework in one XLSX file (template, import with preview, export).
"""
