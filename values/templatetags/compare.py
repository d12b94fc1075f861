"""Which frameworks a concept page sets side by side: the reader's choice (?ramme=slug&…) or, by
default, the first few that say something about the concept. Readable with ten frameworks."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template

register = template.Library()

DEFAULT_COLUMNS = 3


@dataclass
class Option:
    column: dict
    count: int
    checked: bool


@dataclass
class CompareChoice:
    shown: list[dict] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    silent: list = field(default_factory=list)  # frameworks that say nothing on the concept

    @property
    def hidden_count(self) -> int:
        return len(self.options) - len(self.shown)

    @property
    def form(self):
        from values.forms import CompareChoiceForm

        return CompareChoiceForm(self.options)


def _count(column: dict) -> int:
    return len(column["themes"]) + len(column["items"]) + len(column["questions"])


@register.simple_tag(takes_context=True)
def compare_choice(context, columns: list[dict]) -> CompareChoice:
    request = context.get("request")
    wanted = set(request.GET.getlist("ramme")) if request is not None else set()
    speaking = [column for column in columns if _count(column)]
    chosen = [column for column in speaking if column["framework"].slug in wanted]
    shown = chosen or speaking[:DEFAULT_COLUMNS]
    shown_ids = {id(column) for column in shown}
    return CompareChoice(
        shown=shown,
        options=[Option(c, _count(c), id(c) in shown_ids) for c in speaking],
        silent=[column["framework"] for column in columns if not _count(column)],
    )
