"""The API documentation and the embeds in real Chromium: no CSP report, no failed request,
axe at 0 and reflow at 320 px for the embeds; an embed inside a frame on an allowed origin."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from tests.a11y import assert_page_ok, assert_reflows, watch
from tests.conftest import make_framework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_renders_the_schema_without_csp_reports(page, live_server):
    make_framework()
    watch(page)
    page.goto(live_server.url + reverse("api_docs"))
    page.wait_for_selector("#swagger-ui .opblock", timeout=15_000)
    assert page.locator("#swagger-ui .opblock").count() >= 13
    assert page.locator("h1:visible").count() == 1
    # Swagger UI itself is not ours to fix for axe; our page must still not break the CSP.
    assert_page_ok(page, "api docs", axe=False)
    assert_reflows(page, "api docs")


def test_embeds_pass_axe_reflow_and_the_csp(page, live_server):
    framework = make_framework()
    theme = framework.themes.first()
    ids = "&".join(f"id={q.pk}" for q in theme.questions.all())
    watch(page)
    for kind, url in {
        "embed theme": reverse("embed:theme", args=[framework.slug, theme.slug]),
        "embed questions": reverse("embed:questions") + "?" + ids,
    }.items():
        page.goto(live_server.url + url)
        assert_page_ok(page, kind)
        assert_reflows(page, kind)


@contextmanager
def intranet_serving(html: str):
    """A second site on loopback (another origin) whose one page frames the embed."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _intranet_page(framework) -> str:
    theme = framework.themes.first()
    return (
        '<!DOCTYPE html><html lang="da"><title>Intranet</title><iframe src="{embed}" '
        'title="Forældresamarbejde"></iframe></html>'
    ).replace("{embed}", reverse("embed:theme", args=[framework.slug, theme.slug]))


def test_an_allowed_origin_can_frame_an_embed(page, live_server, settings):
    framework = make_framework()
    html = _intranet_page(framework).replace('src="', f'src="{live_server.url}')
    with intranet_serving(html) as intranet:
        settings.EMBED_ALLOWED_ORIGINS = [intranet]
        page.goto(intranet)
        frame = page.frame_locator("iframe")
        assert frame.locator("h1").inner_text(timeout=10_000) == framework.themes.first().title


def test_without_allowed_origins_the_browser_refuses_to_frame_an_embed(page, live_server, settings):
    framework = make_framework()
    html = _intranet_page(framework).replace('src="', f'src="{live_server.url}')
    with intranet_serving(html) as intranet:
        settings.EMBED_ALLOWED_ORIGINS = []
        page.goto(intranet)
        page.wait_for_timeout(1000)
        # Chromium shows its own error page in the frame instead of the embed.
        title = framework.themes.first().title
        assert page.frame_locator("iframe").get_by_text(title).count() == 0
