"""Django's `{# … #}` comment ends on its own line: one that runs over two lines is not a comment
but text on the page (a framework page once showed its template's note to every reader)."""

from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_no_template_comment_runs_over_a_line():
    broken = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert not broken, "use {% comment %} for notes over several lines: " + ", ".join(broken)
