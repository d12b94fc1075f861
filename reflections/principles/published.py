"""What the public sees of a published principle: the approved version, the school and board,
the dates and the citations – never a member's name, a comment or the draft."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from ..models import Principle, PrincipleVersion


def public_context(principle: Principle, version: PrincipleVersion) -> dict:
    space = principle.space
    return {
        "principle": principle,
        "version": version,
        "school_name": space.school_name,
        "board_name": space.board_name,
    }


def embed_html(principle: Principle, version: PrincipleVersion, request: HttpRequest) -> str:
    """Self-contained HTML to paste into the school's website or Aula: no styles, scripts or
    classes of ours, every text escaped by the template, links absolute."""
    context = public_context(principle, version)
    context["base"] = request.build_absolute_uri("/").rstrip("/")
    context["public_url"] = request.build_absolute_uri(principle.public_url())
    return render_to_string("reflections/principles/embed.html", context).strip()
