"""The frameworks' content: publisher → framework → ordered themes → ordered items and questions.

Each source document keeps its own shape: items carry an explicit kind named as the documents
name them, may belong to a parent item (a Ballerup example and its statement, an Aarhus proposal
and its details, a spiral and its steps), and keep the document's own heading for their run
(`group`, e.g. "KL anbefaler" or "Forældrene har ansvar for at").

One module per part of that tree; everything is importable from `values.models`.
"""

from ..bases import Ordered, Status, danish_slugify, unique_slug
from .content import (
    DEFAULT_LICENCE,
    MARKUP_HELP,
    Concept,
    Framework,
    FrameworkQuerySet,
    Publisher,
    Theme,
    ThemeQuerySet,
    with_markup_help,
)
from .documents import MAX_SOURCE_DOCUMENT_BYTES, SourceDocument
from .drafts import ApprovalNeeded, DraftChange, DraftConflict, publish_due
from .items import Item, ItemQuerySet, PublishedThroughThemeQuerySet, ReflectionQuestion
from .materials import Material, MaterialQuerySet
from .schools import School, SchoolQuerySet
from .search import SearchEntry, SearchTerm

__all__ = [
    "DEFAULT_LICENCE",
    "ApprovalNeeded",
    "DraftChange",
    "DraftConflict",
    "MAX_SOURCE_DOCUMENT_BYTES",
    "SourceDocument",
    "publish_due",
    "MARKUP_HELP",
    "Concept",
    "Framework",
    "FrameworkQuerySet",
    "Item",
    "Material",
    "MaterialQuerySet",
    "ItemQuerySet",
    "Ordered",
    "PublishedThroughThemeQuerySet",
    "Publisher",
    "ReflectionQuestion",
    "School",
    "SchoolQuerySet",
    "SearchEntry",
    "SearchTerm",
    "Status",
    "Theme",
    "ThemeQuerySet",
    "danish_slugify",
    "unique_slug",
    "with_markup_help",
]
