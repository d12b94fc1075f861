"""Embeds: a theme's items, or a set of reflection questions, as small pages that a municipal
intranet or a school's website can show in an iframe (/embed/…).

Published content only. Framing is allowed only from the origins in
settings.EMBED_ALLOWED_ORIGINS (CSP frame-ancestors on these pages alone; none by default, and
every other page keeps frame-ancestors 'none' and X-Frame-Options DENY). No cookies
(values.api.middleware), no forms, no scripts.
"""
