"""`{% public_fragment name key… %}…{% endpublic_fragment %}`: public content kept for every
visitor until the content changes, with each visitor's own parts put in afterwards.

Like `{% cache content_fragment_seconds … content_version %}` (the home page's cards), for
fragments that hold "Tilføj til arbejdsark" buttons: a button carries the visitor's CSRF token
and the page's own address to come back to, so the fragment is rendered with a placeholder for
each (`fragment_placeholders` in the context, read by `add_to_worksheet`), and every request puts
its own in. Never kept with a visitor's token in it, never for a visitor whose selection marks
some buttons "På arbejdsarket" (rendered for them), and never in a preview
(`content_fragment_seconds` is 0 there).
"""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Content is always escaped, so "<!--" never comes from it: these appear only where put.
CSRF_PLACEHOLDER = "<!--fragment:csrf-->"
NEXT_PLACEHOLDER = "<!--fragment:next-->"


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list[template.base.FilterExpression]):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context) -> SafeString:
        seconds = context.get("content_fragment_seconds")
        seconds = int(seconds() if callable(seconds) else seconds or 0)
        if not seconds or context.get("selection"):
            return self.nodelist.render(context)
        vary_on = [get_language(), context.get("content_version")]
        vary_on += [variable.resolve(context) for variable in self.vary_on]
        key = make_template_fragment_key(f"public:{self.name}", vary_on)
        kept = cache.get(key)
        if kept is None:
            with context.push(fragment_placeholders=True):
                kept = self.nodelist.render(context)
            cache.set(key, kept, seconds)
        request = context.get("request")
        address = conditional_escape(request.get_full_path()) if request else ""
        own = kept.replace(CSRF_PLACEHOLDER, CsrfTokenNode().render(context))
        return mark_safe(own.replace(NEXT_PLACEHOLDER, address))  # noqa: S308 – escaped


@register.tag
def public_fragment(parser, token) -> PublicFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("public_fragment needs a name")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, bits[1], [parser.compile_filter(b) for b in bits[2:]])
