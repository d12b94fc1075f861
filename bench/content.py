"""Prepare the benchmark database: the real content multiplied ten-fold, and a board to write to.

Run by bench/run.py as `python bench/content.py` with DATABASE_URL pointing at the bench database
(after migrate and load_content). Prints one JSON line with what the load needs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from reflections import services  # noqa: E402
from values.models import Concept, Framework, Item, ReflectionQuestion, Theme  # noqa: E402

COPIES = int(os.environ.get("BENCH_MULTIPLY", "10"))


@transaction.atomic
def multiply(copies: int) -> None:
    """Copies 2..N of every shipped framework: themes, items (with parents), questions, concepts."""
    originals = list(Framework.objects.exclude(slug__contains="-kopi-"))
    for framework in originals:
        themes = list(framework.themes.prefetch_related("concepts"))
        items = list(Item.objects.filter(theme__framework=framework).prefetch_related("concepts"))
        questions = list(
            ReflectionQuestion.objects.filter(theme__framework=framework).prefetch_related(
                "concepts"
            )
        )
        for n in range(2, copies + 1):
            copy = Framework.objects.get(pk=framework.pk)
            copy.pk = None
            copy.slug = f"{framework.slug[:80]}-kopi-{n}"
            copy.title = f"{framework.title} (kopi {n})"
            copy.save()
            theme_map, item_map = {}, {}
            for theme in themes:
                new = Theme.objects.get(pk=theme.pk)
                new.pk, new.framework = None, copy
                new.save()
                new.concepts.set(theme.concepts.all())
                theme_map[theme.pk] = new
            for item in sorted(items, key=lambda i: (i.parent_id is not None, i.pk)):
                new = Item.objects.get(pk=item.pk)
                new.pk = None
                new.theme = theme_map[item.theme_id]
                new.parent = item_map.get(item.parent_id)
                new.save()
                new.concepts.set(item.concepts.all())
                item_map[item.pk] = new
            for question in questions:
                new = ReflectionQuestion.objects.get(pk=question.pk)
                new.pk = None
                new.theme = theme_map[question.theme_id]
                new.item = item_map.get(question.item_id)
                new.save()
                new.concepts.set(question.concepts.all())


def main() -> None:
    if not Framework.objects.filter(slug__contains="-kopi-").exists():
        multiply(COPIES)
        call_command("rebuild_search_index", verbosity=0)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have them on a server in use; without them the
        # planner guesses a few dozen rows where thousands match.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    picks = [services.Pick(q) for q in ReflectionQuestion.objects.published().order_by("pk")[:6]]
    board = services.create_from_picks(
        picks, title="Benchmark", school_name="Benchmark Skole", board_name="Bestyrelsen"
    )
    theme = Theme.objects.published().select_related("framework").order_by("pk").first()
    concept = max(Concept.objects.all(), key=lambda c: c.themes.count())
    print(
        json.dumps(
            {
                "frameworks": Framework.objects.count(),
                "themes": Theme.objects.count(),
                "items": Item.objects.count(),
                "questions": ReflectionQuestion.objects.count(),
                "theme_url": theme.get_absolute_url(),
                "concept_url": concept.get_absolute_url(),
                "board_key": board.worksheet.key,
                "member_token": board.member_token,
                "chair_token": board.chair_token,
                "section_id": board.worksheet.sections.first().pk,
                "framework_url": theme.framework.get_absolute_url(),
                "question_ids": list(
                    board.worksheet.questions.filter(kind="open").values_list("pk", flat=True)
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
