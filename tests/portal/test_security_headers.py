"""Every URL the portal has answers with the security headers – public, board, admin and static.

The URL patterns are walked from the root URLconf, so a page added later is covered without
touching this test. Patterns with parameters are filled from real objects: any object whose
`get_absolute_url()` lands on the pattern, the admin's own objects for admin pages, and a
made-up value (which should then answer 404 – with the same headers) for the rest.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.conftest import make_framework
from values.models import Concept

REQUIRED_CSP = [
    "default-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def walk(patterns, prefix: str = "", namespace: str = ""):
    """(route, full name) for every URL pattern below `patterns`, routes joined with prefixes."""
    for entry in patterns:
        route = _route_of(entry)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk(entry.url_patterns, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            name = ":".join(part for part in (namespace, entry.name) if part) if entry.name else ""
            yield prefix + route, name


def _route_of(entry) -> str:
    route = getattr(entry.pattern, "_route", None)
    if route is not None:
        return str(route)
    regex = entry.pattern.regex.pattern
    return regex.removeprefix("^").removesuffix("$").removesuffix("\\Z")


ROUTE_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>([^)]*)\)")


def object_urls() -> dict[str, str]:
    """Real URLs for parametrised patterns: the first objects of every model, by pattern name."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        if not hasattr(model, "get_absolute_url"):
            continue
        for obj in model._default_manager.all()[:3]:
            try:
                url = obj.get_absolute_url()
                match = resolve(url)
            except Exception:  # noqa: S112 - a model whose URL needs more context is skipped
                continue
            found.setdefault(":".join(p for p in (match.namespace, match.url_name) if p), url)
    return found


def admin_object_id(name: str) -> str | None:
    """The pk of a real object for an admin URL named admin:<app>_<model>_<action>."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            obj = model._default_manager.order_by("pk").first()
            return str(obj.pk) if obj else None
    return None


def fill(route: str, name: str, known: dict[str, str]) -> str:
    """A concrete path for a route; parameters from a real object where one is known."""
    if name in known:
        return known[name]
    object_id = admin_object_id(name)

    def from_route(match: re.Match) -> str:
        converter, param = match.group(1) or "str", match.group(2)
        if param == "object_id" and object_id:
            return object_id
        if converter == "int":
            return "1" if param == "content_type_id" else "999999"
        if converter == "uuid":
            return str(uuid.uuid4())
        return "findes-ikke"

    def from_regex(match: re.Match) -> str:
        # An alternation such as (?P<app_label>auth|values): its first choice is a real value.
        choices = match.group(2)
        if re.fullmatch(r"[\w|]+", choices):
            return choices.split("|")[0]
        return "findes-ikke"

    return "/" + REGEX_GROUP.sub(from_regex, ROUTE_PARAMETER.sub(from_route, route))


def all_paths() -> list[tuple[str, str]]:
    known = object_urls()
    paths = []
    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(("static/", "media/")):
            continue
        paths.append((fill(route, name, known), name))
    return sorted(set(paths))


def assert_security_headers(response, where: str, static: bool = False) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    for directive in REQUIRED_CSP:
        assert directive in csp, f"{where}: CSP lacks {directive!r}: {csp!r}"
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src, f"{where}: no script-src"
    assert "unsafe-inline" not in script_src.group(1) and "unsafe-eval" not in script_src.group(1)
    assert "unsafe-eval" not in csp and "unsafe-inline" not in csp, f"{where}: {csp}"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    # Board pages keep their addresses (worksheet keys, link tokens) out of Referer headers.
    board = where.startswith("/arbejdsark/")
    expected_referrer = "no-referrer" if board else "same-origin"
    assert response.headers.get("Referrer-Policy") == expected_referrer, where
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions, f"{where}: Permissions-Policy lacks {feature}"
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", where
    assert response.headers.get("Cross-Origin-Resource-Policy") == "same-origin", where
    hsts = response.headers.get("Strict-Transport-Security", "")
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000, f"{where}: {hsts!r}"
    assert "includeSubDomains" in hsts, where
    assert response.headers.get("X-Request-ID"), where
    if not static:
        assert response.headers.get("X-Frame-Options") == "DENY", where


@pytest.fixture
def content(db):
    concept = Concept.objects.create(name="Kommunikation", description="Dialog og information.")
    framework = make_framework(concepts=[concept])
    make_framework(title="Kvalitet i forældresamarbejdet", publisher="Vejle Kommune")
    return framework


def test_the_url_walk_finds_the_public_and_admin_pages(content):
    names = {name for _path, name in all_paths()}
    assert {"home", "values:framework", "values:theme", "healthz", "admin:index"} <= names
    assert "admin:values_theme_change" in names


@pytest.mark.parametrize("who", ["anonymous", "superuser"])
def test_every_url_answers_with_the_security_headers(client, content, who):
    if who == "superuser":
        client.force_login(User.objects.create_superuser("drift", "d@example.dk", "x-kode-123"))
    statuses = {}
    for path, name in all_paths():
        response = client.get(path, secure=True)
        statuses[name] = response.status_code
        assert response.status_code < 500, f"{path} ({name}) answered {response.status_code}"
        assert_security_headers(response, f"{path} ({name}) as {who}")
    # Real objects were found: the public pages that need them answered 200, not 404.
    for name in ("values:framework", "values:theme", "values:concept", "home", "healthz"):
        assert statuses[name] == 200, (name, statuses[name])
    if who == "superuser":
        assert statuses["admin:values_theme_change"] == 200
        assert statuses["admin:index"] == 200


def test_every_board_page_sends_no_referrer(client, content):
    board_paths = [path for path, _name in all_paths() if path.startswith("/arbejdsark/")]
    assert any("/ark/" in path for path in board_paths)
    for path in board_paths:
        response = client.get(path, secure=True)
        assert response.headers.get("Referrer-Policy") == "no-referrer", path


def test_the_policy_allows_nothing_by_default_and_only_our_own_files(client, db):
    csp = client.get("/", secure=True)["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in csp.split(";")) if part
    )
    assert directives["default-src"] == "'none'"
    for kind in ("script-src", "style-src", "font-src", "connect-src"):
        assert directives[kind] == "'self'", kind


def test_static_files_carry_the_security_headers_too(client, db):
    response = client.get("/static/css/site.css", secure=True)
    assert response.status_code == 200
    assert_security_headers(response, "/static/css/site.css", static=True)
    assert "Access-Control-Allow-Origin" not in response.headers


def test_an_unknown_address_answers_404_with_the_security_headers(client, db):
    response = client.get("/findes/slet/ikke/", secure=True)
    assert response.status_code == 404
    assert_security_headers(response, "404")


def test_the_url_walk_resolves_what_it_builds(content):
    for path, name in all_paths():
        try:
            match = resolve(path.split("?")[0])
        except Resolver404:
            pytest.fail(f"{path} built for {name} does not resolve")
        assert match is not None
