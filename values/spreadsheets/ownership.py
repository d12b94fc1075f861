"""Imports respect who owns what (values.owners): every row is checked before anything is saved.

A row that would change another publisher's object, or put an object under another publisher's
framework, theme or name, is refused with a message the import preview shows with its row number;
one refused row rolls the whole file back.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..owners import may_edit
from .approval import NEEDS_APPROVAL, goes_live_unapproved

OTHER_PUBLISHER = _(
    "Rækken peger på indhold, der hører til en anden udgiver end jeres. I kan kun importere til "
    "de udgiveres rammer, temaer, punkter og spørgsmål, som I er redaktør for. Intet er gemt."
)


class OwnedRowsMixin:
    """For an import-export resource; `user` comes from the admin (None: an operator's command)."""

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        # Widgets that look up frameworks prefer the user's own when titles collide.
        for field in self.fields.values():
            if hasattr(field.widget, "user"):
                field.widget.user = user

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new and self.user is not None and not may_edit(self.user, instance):
            raise ValidationError(OTHER_PUBLISHER, code="other_publisher")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Where the row puts the object (its framework, theme or publisher) must be the user's too.
        errors = dict(import_validation_errors or {})
        if self.user is not None and not errors and not may_edit(self.user, instance):
            raise ValidationError(OTHER_PUBLISHER, code="other_publisher")
        if not errors and goes_live_unapproved(instance):
            raise ValidationError(NEEDS_APPROVAL, code="needs_approval")
        super().validate_instance(instance, errors, validate_unique)
