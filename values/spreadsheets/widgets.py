"""How each kind of cell is read and written: text, numbers, Danish choice labels, references.

Every widget reads what an editor may reasonably type (a slug or a title, a Danish label or the
stored value) and answers anything else with a Danish message naming the value; that message
becomes the row's error in the import preview.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets

from ..models import Concept, Framework, Publisher, Theme
from . import columns
from .formulas import restore


class CachedLookups:
    """A widget that looks rows up once per import: a file names the same few frameworks,
    themes and concepts on every row. Resources copy their widgets per import, and
    ContentResource.before_import calls `reset()`."""

    def reset(self) -> None:
        self._cache: dict = {}

    def cached(self, key, find):
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = find()
        return cache[key]


class TextWidget(widgets.CharWidget):
    """Text in, text out; formula-looking text is neutralised on the way out and restored in."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        text = super().clean(value, row, **kwargs)
        return restore(text.replace("\r\n", "\n")) if text else ""

    def render(self, value, obj=None, **kwargs):
        # Neutralised once, for every column, by the export formats (formats.py).
        return super().render(value, obj, **kwargs)


class OptionalIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError) as error:
            raise ValueError(_("“%(value)s” er ikke et helt tal.") % {"value": value}) from error


class PositionWidget(OptionalIntegerWidget):
    """Rækkefølge: blank means 0, like in the admin."""

    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        if number is not None and number < 0:
            raise ValueError(_("Rækkefølgen må ikke være negativ."))
        return number or 0

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def danish_labels(choices, language: str = "da") -> dict[str, str]:
    """Each stored value's label in Danish (or `language`), whatever the interface language."""
    with translation.override(language):
        return {stored: str(label) for stored, label in choices}


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its Danish label ("Det kan vi se, når"); the stored value works too.

    Files go between municipalities and editors whose admin may be in English, so the Danish
    label is the file's language: export always writes it and import always accepts it. The label
    in the interface's own language is accepted as well.
    """

    def __init__(self, choices, what: str, allow_blank: bool = False):
        self.choices = choices
        self.what = what
        self.allow_blank = allow_blank
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = restore(str(value).strip()) if value is not None else ""
        if not text:
            if self.allow_blank:
                return ""
            raise ValueError(_("%(what)s mangler.") % {"what": self.what.capitalize()})
        wanted = text.casefold()
        danish = self.labels("da")
        # Danish first, so a label in another language can never shadow a Danish one.
        own = self.labels(translation.get_language() or "da")
        for names in (danish, own):
            for stored, label in names.items():
                if wanted == label.casefold():
                    return stored
        for stored in danish:
            if wanted == str(stored).casefold():
                return stored
        labels = ", ".join(f"“{label}”" for label in danish.values())
        raise ValueError(
            _("Ukendt %(what)s “%(value)s”. Brug en af: %(labels)s.")
            % {"what": self.what, "value": text, "labels": labels}
        )

    def labels(self, language: str) -> dict[str, str]:
        """The labels in `language`, worked out once per widget (every row asks)."""
        known = self.__dict__.setdefault("_labels", {})
        if language not in known:
            known[language] = danish_labels(self.choices, language)
        return known[language]

    def render(self, value, obj=None, **kwargs):
        return self.labels("da").get(value, value or "")


class SlugOrTitleWidget(CachedLookups, widgets.ForeignKeyWidget):
    """A framework or publisher by its slug, or by its exact name/title."""

    def __init__(self, model, title_field: str, what: str):
        self.title_field = title_field
        self.what = what
        super().__init__(model, field="slug")

    #: the importing user: a title shared with another publisher's object means the user's own
    user = None

    def clean(self, value, row=None, **kwargs):
        text = restore(str(value).strip()) if value is not None else ""
        if not text:
            raise ValueError(_("%(what)s mangler.") % {"what": self.what.capitalize()})
        found = self.cached(text, lambda: self._find(text))
        if found is None:
            raise ValueError(_("Ukendt %(what)s “%(value)s”.") % {"what": self.what, "value": text})
        return found

    def _find(self, text: str):
        # An editor's own publishers first: two publishers may use the same title.
        everything = self.model._default_manager.all()
        if self.user is not None and hasattr(everything, "editable_by"):
            own = self._match(everything.editable_by(self.user), text)
            if own is not None:
                return own
        return self._match(everything, text)

    def _match(self, queryset, text: str):
        matches = list(
            queryset.filter(Q(slug=text) | Q(**{f"{self.title_field}__iexact": text}))[:2]
        )
        by_slug = [m for m in matches if m.slug == text]
        if by_slug:
            return by_slug[0]
        return matches[0] if len(matches) == 1 else None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.slug


class PublisherWidget(SlugOrTitleWidget):
    """A publisher by name; a new municipality's name creates it (kind: municipality)."""

    def __init__(self):
        super().__init__(Publisher, "name", _("udgiver"))

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            name = restore(str(value).strip()) if value is not None else ""
            if not name:
                raise
            publisher = Publisher.objects.create(name=name)
            self.__dict__.setdefault("_cache", {})[name] = publisher
            return publisher

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.name


class ThemeWidget(CachedLookups, widgets.ForeignKeyWidget):
    """A theme by its slug (or exact title) inside the framework named in the row's "Ramme"."""

    def __init__(self, framework_column: str = columns.FRAMEWORK):
        self.framework_column = framework_column
        self.frameworks = SlugOrTitleWidget(Framework, "title", gettext_lazy("ramme"))
        super().__init__(Theme, field="slug")

    user = None

    def clean(self, value, row=None, **kwargs):
        self.frameworks.user = self.user
        framework = self.frameworks.clean((row or {}).get(self.framework_column))
        text = restore(str(value).strip()) if value is not None else ""
        if not text:
            raise ValueError(_("Tema mangler."))
        theme = self.cached((framework.pk, text), lambda: self._find(framework, text))
        if theme is None:
            raise ValueError(
                _("Ukendt tema “%(value)s” i rammen “%(framework)s”.")
                % {"value": text, "framework": framework.slug}
            )
        return theme

    def _find(self, framework, text: str):
        themes = framework.themes.all()
        return themes.filter(slug=text).first() or themes.filter(title__iexact=text).first()

    def reset(self) -> None:
        super().reset()
        self.frameworks.reset()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.slug


class OptionalRefWidget(widgets.ForeignKeyWidget):
    """An item referred to by its id ("Hører til"); blank means none."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            pk = int(float(str(value).strip()))
        except ValueError as error:
            raise ValueError(
                _("“%(value)s” er ikke et ID på et punkt.") % {"value": value}
            ) from error
        item = self.model._default_manager.filter(pk=pk).first()
        if item is None:
            raise ValueError(_("Der findes intet punkt med ID %(pk)s.") % {"pk": pk})
        return item

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.pk)


class ConceptsWidget(CachedLookups, widgets.ManyToManyWidget):
    """Concepts by name, separated by commas; an unknown name is an error, not silently dropped."""

    def __init__(self):
        super().__init__(Concept, separator=",", field="name")

    def clean(self, value, row=None, **kwargs):
        text = restore(str(value)) if value is not None else ""
        names = [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]
        if not names:
            return Concept.objects.none()
        found = self.cached("all", lambda: {c.name.casefold(): c for c in Concept.objects.all()})
        unknown = [name for name in names if name.casefold() not in found]
        if unknown:
            raise ValueError(
                _("Ukendt begreb: %(names)s. Begreberne skal findes i forvejen.")
                % {"names": ", ".join(f"“{n}”" for n in unknown)}
            )
        return Concept.objects.filter(pk__in=[found[name.casefold()].pk for name in names])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(c.name for c in value.all()))
