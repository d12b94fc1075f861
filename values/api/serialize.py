"""Rows to the API's dicts (values.api.schemas): explicit, so nothing unpublished or internal
(editors, notes for staff) is ever sent by accident, and each row costs no query of its own.
Used by the API and by the open-data dump alike."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Concept, Framework, Item, Material, Publisher, ReflectionQuestion, Theme

# Makes a path on this site into a full address (a request's build_absolute_uri, or the
# configured site address for the open-data dump).
Absolute = Callable[[str], str]


def _label(choices, value: str) -> str:
    """A code's Danish name. get_FOO_display() rebuilds the whole choices dict for every call,
    translating each label – a third of a page of items' time."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _concepts(obj) -> list[str]:
    return [c.slug for c in obj.concepts.all()]  # prefetched


def publisher(p: Publisher, absolute: Absolute) -> dict:
    return {
        "slug": p.slug,
        "name": p.name,
        "kind": p.kind,
        "kind_label": _label(Publisher.Kind, p.kind),
        "updated_at": p.updated_at,
    }


def concept(c: Concept, absolute: Absolute) -> dict:
    return {
        "slug": c.slug,
        "name": c.name,
        "description": c.description,
        "position": c.position,
        "url": absolute(c.get_absolute_url()),
        "updated_at": c.updated_at,
    }


def framework(f: Framework, absolute: Absolute) -> dict:
    return {
        "slug": f.slug,
        "title": f.title,
        "publisher": f.publisher.slug,
        "publisher_name": f.publisher.name,
        "year": f.year,
        "document_kind": f.document_kind,
        "theme_label": f.theme_label,
        "source": f.source,
        "source_url": f.source_url,
        "licence": f.licence,
        "licence_url": f.licence_url,
        "introduction_heading": f.introduction_heading,
        "introduction": f.introduction,
        "status_note": f.status_note,
        "portal_note": f.portal_note,
        "position": f.position,
        "url": absolute(f.get_absolute_url()),
        "updated_at": f.updated_at,
    }


def theme(t: Theme, absolute: Absolute) -> dict:
    return {
        "id": t.pk,
        "slug": t.slug,
        "framework": t.framework.slug,
        "number": t.number,
        "title": t.title,
        "lead": t.lead,
        "body": t.body,
        "counts_as_theme": t.counts_as_theme,
        "credit": t.credit,
        "status_note": t.status_note,
        "portal_note": t.portal_note,
        "position": t.position,
        "concepts": _concepts(t),
        "url": absolute(t.get_absolute_url()),
        "updated_at": t.updated_at,
    }


def item(i: Item, absolute: Absolute) -> dict:
    return {
        "id": i.pk,
        "theme": i.theme_id,
        "framework": i.theme.framework.slug,
        "parent": i.parent_id,
        "kind": i.kind,
        "kind_label": _label(Item.Kind, i.kind),
        "group": i.group,
        "responsibility": i.responsibility,
        "number": i.number,
        "title": i.title,
        "place": i.place,
        "text": i.text,
        "portal_note": i.portal_note,
        "position": i.position,
        "concepts": _concepts(i),
        "url": absolute(f"{i.theme.get_absolute_url()}#punkt-{i.pk}"),
        "updated_at": i.updated_at,
    }


def question(q: ReflectionQuestion, absolute: Absolute) -> dict:
    return {
        "id": q.pk,
        "theme": q.theme_id,
        "framework": q.theme.framework.slug,
        "item": q.item_id,
        "group": q.group,
        "text": q.text,
        "position": q.position,
        "concepts": _concepts(q),
        "url": absolute(f"{q.theme.get_absolute_url()}#spoergsmaal-{q.pk}"),
        "updated_at": q.updated_at,
    }


def material(m: Material, absolute: Absolute) -> dict:
    return {
        "id": m.pk,
        "theme": m.theme_id,
        "framework": m.theme.framework.slug,
        "title": m.title,
        "link": m.url,
        "source": m.source,
        "licence": m.licence,
        "description": m.description,
        "position": m.position,
        "url": absolute(f"{m.theme.get_absolute_url()}#materialer"),
        "updated_at": m.updated_at,
    }
