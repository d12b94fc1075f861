"""Layout objects for the DKFDS template pack (templates/dkfds/) where a DKFDS component joins a
field to something else, so the field's label, hint and errors still come from the pack."""

from __future__ import annotations

from crispy_forms.layout import Field


class SearchField(Field):
    """DKFDS's search component: the field and its button joined in one row. `compact` is the
    header's variant: the label only for screen readers, a magnifier icon as the button."""

    template = "%s/layout/search.html"

    def __init__(self, field: str, *, button: str, compact: bool = False, **kwargs) -> None:
        super().__init__(field, **kwargs)
        self.button = button
        self.compact = compact

    def render(self, form, context, template_pack=None, extra_context=None, **kwargs):
        extra_context = {**(extra_context or {}), "button": self.button, "compact": self.compact}
        kwargs = {"template_pack": template_pack} if template_pack else {}
        return super().render(form, context, extra_context=extra_context, **kwargs)
