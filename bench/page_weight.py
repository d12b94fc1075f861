#!/usr/bin/env python
"""Print what each public page weighs as transferred: its HTML plus every stylesheet and script
it links, each gzip-compressed (as whitenoise serves static files and a proxy serves HTML).

It loads the shipped content into a fresh test database (in memory on SQLite), so it neither
needs nor touches the development database. Exits with status 1 if a page reaches the budget.

    .venv/bin/python bench/page_weight.py [--budget BYTES]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
from functools import cache
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

ASSET = re.compile(
    r"""<link\b[^>]*\brel=["']stylesheet["'][^>]*\bhref=["']([^"']+)["']"""
    r"""|<script\b[^>]*\bsrc=["']([^"']+)["']"""
)
SEARCHES = ["forældremøde", "kommunikation", "forældre samarbejde", "forældre", "rumskib"]


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@cache
def asset_bytes(url: str) -> int:
    path = url.split("?")[0].removeprefix(settings.STATIC_URL).removeprefix("/")
    path = path.removeprefix(settings.STATIC_URL.strip("/") + "/")
    found = finders.find(path)
    if not found:
        raise SystemExit(f"Linked asset not found: {url}")
    return gzipped(Path(found).read_bytes())


def public_urls() -> list[str]:
    from values.models import Concept, Framework, Theme

    urls = [reverse("home"), reverse("values:framework_list"), reverse("values:concept_list")]
    urls += [f.get_absolute_url() for f in Framework.objects.published()]
    urls += [t.get_absolute_url() for t in Theme.objects.published().select_related("framework")]
    urls += [c.get_absolute_url() for c in Concept.objects.all()]
    urls += [f"{reverse('values:search')}?q={q}" for q in SEARCHES]
    urls += [reverse("accessibility"), reverse("reflections:index")]
    return urls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=100_000, help="bytes per page (100 KB)")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, serialize=False)
    try:
        call_command("load_content", verbosity=0)
        client = Client()
        rows = []
        for url in public_urls():
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            html = response.content
            assets = sorted({a or b for a, b in ASSET.findall(html.decode())})
            assets_gz = sum(asset_bytes(a) for a in assets)
            rows.append((url, len(html), gzipped(html), assets_gz, len(assets)))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"{'page':<100} {'HTML':>8} {'HTML gz':>8} {'CSS+JS gz':>10} {'total gz':>9}")
    over = 0
    for url, raw, html_gz, assets_gz, count in rows:
        total = html_gz + assets_gz
        flag = "  OVER BUDGET" if total >= args.budget else ""
        over += bool(flag)
        print(f"{url[:100]:<100} {raw:>8} {html_gz:>8} {assets_gz:>7} ({count}) {total:>9}{flag}")
    heaviest = max(rows, key=lambda row: row[2] + row[3])
    print(
        f"\n{len(rows)} pages; heaviest {heaviest[0]} at {heaviest[2] + heaviest[3]:,} bytes; "
        f"budget {args.budget:,} bytes; {over} over."
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
