"""The worksheet pages, by what the visitor or the board is doing.

- collect: the landing page, templates and the visitor's own collection of questions
- links: the secret member and chair links, exchanged for a session
- board: the worksheet's overview, joining with a name, section pages and next steps
- autosave: one answer saved as JSON while a member types
- results: the result page, the blank sheet to print and the downloads
- chair: the chair's page – links, done/reopen and deleting everything
- yearly: "Nyt skoleår", the worksheet copied into the next school year

Every view with a worksheet key goes through reflections.access (else 404).
"""
