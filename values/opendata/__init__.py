"""Open data: all published content in one zip (JSON and CSV, one file per kind), rebuilt when
content changes, with a DCAT-AP-DK metadata record describing it.

- `dump`: builds the zip (the API's own serialisers, so both always say the same).
- `rebuild`: after a saved change, rebuilds in a background thread (wired in ValuesConfig.ready()).
- `dcat`: the DCAT-AP-DK record (JSON-LD).
- `views`: serves both at stable addresses under /api/v1/data/.
"""
