"""What the API answers with: one schema per kind of content, the page around a list, errors.

Field names are English, as in most public APIs; the content itself is Danish, as the documents
wrote it. `kind_label` and the like are the portal's Danish names for the codes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from ninja import Field, Schema

T = TypeVar("T")


class Error(Schema):
    detail: str = Field(description="Hvad der gik galt, på dansk.")


class PublisherOut(Schema):
    slug: str
    name: str
    kind: str = Field(description="kommune, forening (Kommunernes forening) eller andet.")
    kind_label: str
    updated_at: datetime


class ConceptOut(Schema):
    slug: str
    name: str
    description: str
    position: int
    url: str = Field(description="Begrebets side på portalen.")
    updated_at: datetime


class FrameworkOut(Schema):
    slug: str
    title: str
    publisher: str = Field(description="Udgiverens kortnavn (slug).")
    publisher_name: str
    year: int | None
    document_kind: str
    theme_label: str = Field(description="Hvad dokumentet selv kalder sine temaer.")
    source: str
    source_url: str
    licence: str = Field(description="Licens eller vilkår, som udgiveren angiver dem.")
    licence_url: str
    introduction_heading: str
    introduction: str
    status_note: str
    portal_note: str
    position: int
    url: str = Field(description="Rammens side på portalen.")
    updated_at: datetime


class ThemeOut(Schema):
    id: int
    slug: str
    framework: str = Field(description="Rammens kortnavn (slug).")
    number: str
    title: str
    lead: str
    body: str
    counts_as_theme: bool = Field(description="Et af dokumentets egne temaer (ikke et bilag).")
    credit: str
    status_note: str
    portal_note: str
    position: int
    concepts: list[str] = Field(description="Begrebernes kortnavne.")
    url: str
    updated_at: datetime


class ItemOut(Schema):
    id: int
    theme: int = Field(description="Temaets id.")
    framework: str
    parent: int | None = Field(description="Id på det punkt, dette punkt hører til.")
    kind: str
    kind_label: str
    group: str = Field(description="Dokumentets egen overskrift over punktet.")
    responsibility: str
    number: str
    title: str
    place: str
    text: str
    portal_note: str
    position: int
    concepts: list[str]
    url: str
    updated_at: datetime


class QuestionOut(Schema):
    id: int
    theme: int
    framework: str
    item: int | None = Field(description="Id på det punkt, spørgsmålet hører til; tom: temaet.")
    group: str
    text: str
    position: int
    concepts: list[str]
    url: str
    updated_at: datetime


class MaterialOut(Schema):
    id: int
    theme: int = Field(description="Temaets id.")
    framework: str
    title: str = Field(description="Materialets egen titel.")
    link: str = Field(description="Adressen på materialet (http eller https).")
    source: str = Field(description="Hvem der har lavet materialet.")
    licence: str = Field(description="Materialets licens; tom: materialets egne vilkår gælder.")
    description: str
    position: int
    url: str = Field(description="Temaets side på portalen, hvor materialet står.")
    updated_at: datetime


class Page(Schema, Generic[T]):
    count: int = Field(description="Antal i alt med de valgte filtre.")
    page: int
    page_size: int
    next: str | None = Field(description="Adressen på næste side; tom på sidste side.")
    previous: str | None
    results: list[T]


class SearchHitOut(Schema):
    kind: str = Field(description="theme, item eller question.")
    framework: str
    theme: int
    item: int | None
    question: int | None
    title: str
    text: str
    url: str


class SearchOut(Schema):
    query: str
    page: int
    has_next: bool
    results: list[SearchHitOut]
