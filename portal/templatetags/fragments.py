"""`{% public_fragment name key… %}…{% endpublic_fragment %}`: public content kept for every
visitor until the content changes, with each visitor's own parts put in afterwards.

Kept as long as whole pages are, keyed on the content version and the language (and the
fragment's own keys), like the footer. A fragment may hold "Tilføj til arbejdsark" buttons, and
a button carries the visitor's CSRF token and the page's own address to come back to: tokens are
kept as the whole-page cache keeps them (portal.page_cache: a placeholder, a fresh token for
each visitor), the address is rendered as a placeholder (`fragment_placeholders` in the context,
read by `add_to_worksheet`) that every request fills with its own. A fragment with buttons is
rendered for a visitor whose selection marks some "På arbejdsarket", never kept; never in a preview
(`content_fragment_seconds` is 0 there), so no draft is kept for anyone.
"""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from portal.page_cache import with_token, without_tokens

register = template.Library()

# Content is always escaped, so "<!--" never comes from it: it appears only where put.
NEXT_PLACEHOLDER = "<!--fragment:next-->"


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list[template.base.FilterExpression]):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context) -> SafeString:
        seconds = context.get("content_fragment_seconds")
        seconds = int(seconds() if callable(seconds) else seconds or 0)
        request = context.get("request")
        if not seconds or request is None:
            return self.nodelist.render(context)
        vary_on = [get_language(), context.get("content_version")]
        vary_on += [variable.resolve(context) for variable in self.vary_on]
        key = make_template_fragment_key(f"public:{self.name}", vary_on)
        kept = cache.get(key)
        if context.get("selection") and (kept is None or NEXT_PLACEHOLDER in kept):
            # Buttons marked "På arbejdsarket" are this visitor's own: rendered, never kept.
            return self.nodelist.render(context)
        if kept is None:
            with context.push(fragment_placeholders=True):
                kept = without_tokens(self.nodelist.render(context))
            cache.set(key, kept, seconds)
        own = with_token(kept, request)
        address = conditional_escape(request.get_full_path())
        return mark_safe(own.replace(NEXT_PLACEHOLDER, address))  # noqa: S308 – escaped


@register.tag
def public_fragment(parser, token) -> PublicFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("public_fragment needs a name")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, bits[1], [parser.compile_filter(b) for b in bits[2:]])
