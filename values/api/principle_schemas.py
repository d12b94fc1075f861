"""Published principles that a municipality lists, as the API shows them: the approved version
the public page shows, the school and board – never a member's name, a comment or the draft
(the rule for which principles: reflections.principles.listing)."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from ninja import Field, Schema

from .serialize import Absolute


class CiteOut(Schema):
    label: str = Field(description="Hvad linjen bygger på: et punkt i rammerne eller et svar.")
    url: str = Field(description="Punktets side på portalen; tom for et svar.")


class LineOut(Schema):
    kind: str = Field(description="paragraph (afsnit) eller bullet (punkt i en liste).")
    text: str
    cites: list[CiteOut]


class SectionOut(Schema):
    title: str
    lines: list[LineOut]


class PrincipleOut(Schema):
    slug: str = Field(description="Nøglen i princippets offentlige adresse.")
    title: str
    area: str = Field(description="Nummeret i folkeskolelovens § 44, stk. 2, eller other.")
    area_label: str
    municipality: str = Field(description="Kommunens kortnavn (slug).")
    municipality_name: str
    school: str = Field(description="Skolens navn i kommunens register.")
    institution_number: str
    board: str = Field(description="Bestyrelsens navn, som bestyrelsen selv skrev det.")
    version: int
    approved_on: date = Field(description="Godkendt i skolebestyrelsen den.")
    review_by: date = Field(description="Evalueres senest.")
    sections: list[SectionOut]
    url: str = Field(description="Princippets offentlige side.")
    pdf_url: str
    updated_at: datetime


def _cite(cite: dict, absolute: Absolute) -> dict:
    url = cite.get("url") or ""
    return {"label": cite.get("label", ""), "url": absolute(url) if url.startswith("/") else url}


def principle(p, absolute: Absolute) -> dict:
    """A listed principle (select_related: space__school__municipality, published_version)."""
    version = p.published_version
    school = p.space.school
    return {
        "slug": p.public_slug,
        "title": version.content.get("title", ""),
        "area": version.content.get("area", ""),
        "area_label": str(version.area_label),
        "municipality": school.municipality.slug,
        "municipality_name": school.municipality.name,
        "school": school.name,
        "institution_number": school.institution_number,
        "board": p.space.board_name,
        "version": version.number,
        "approved_on": version.approved_on,
        "review_by": version.review_by,
        "sections": [
            {
                "title": section["title"],
                "lines": [
                    {
                        "kind": line["kind"],
                        "text": line["text"],
                        "cites": [_cite(c, absolute) for c in line.get("cites", [])],
                    }
                    for line in section["lines"]
                ],
            }
            for section in version.sections
        ],
        "url": absolute(p.public_url()),
        "pdf_url": absolute(reverse("principles:public_pdf", args=[p.public_slug])),
        "updated_at": p.updated_at,
    }
