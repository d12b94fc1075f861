"""The municipality's overview at national scale: 98 municipalities × 13 schools.

Run with DATABASE_URL pointing at a bench database that has been migrated and has content
(bench/run.py prepares one; `--reuse` keeps it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/schools.py

Generates the register once (municipalities «Benchkommune NNN», each with 13 schools and a board
worksheet per school on two questions and an indicator, agreed answers on half and an agreed
rating on every indicator, so the overview's ratings are shown), then asks for the overview of the
largest municipality and for /healthz in the same process, and prints requests per second, the
ratio to /healthz and the queries per overview. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from reflections import services  # noqa: E402
from reflections.overview import municipality_overview  # noqa: E402
from reflections.ratings import municipality_ratings  # noqa: E402
from values.models import Item, Publisher, ReflectionQuestion, School  # noqa: E402

MUNICIPALITIES = int(os.environ.get("BENCH_MUNICIPALITIES", "98"))
SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "13"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))


@transaction.atomic
def generate() -> Publisher:
    existing = Publisher.objects.filter(name__startswith="Benchkommune").order_by("name")
    if existing.count() >= MUNICIPALITIES:
        return existing.last()
    publishers = Publisher.objects.bulk_create(
        Publisher(name=f"Benchkommune {m:03d}", slug=f"benchkommune-{m:03d}")
        for m in range(MUNICIPALITIES)
    )
    School.objects.bulk_create(
        School(
            municipality=p,
            name=f"Skole {s:02d}",
            institution_number=f"{300000 + m * 100 + s}",
        )
        for m, p in enumerate(publishers)
        for s in range(SCHOOLS)
    )
    questions = list(ReflectionQuestion.objects.published().order_by("pk")[:2])
    indicator = Item.objects.published().filter(kind=Item.Kind.INDICATOR).order_by("pk").first()
    ratings = ["high", "some", "little", "none", "unknown"]
    for n, school in enumerate(School.objects.filter(municipality__in=publishers)):
        new = services.create_from_picks(
            [services.Pick(q) for q in questions] + [services.Pick(indicator)],
            title="Benchmark",
            school_name=school.name,
            board_name="Bestyrelsen",
            school=school,
        )
        if n % 2:
            question = new.worksheet.questions.first()
            services.save_agreed_answer(new.worksheet, question, base_version=0, text="Svar")
        rated = new.worksheet.questions.get(source_item=indicator)
        services.save_agreed_answer(
            new.worksheet, rated, base_version=0, text="", rating=ratings[n % len(ratings)]
        )
    return publishers[-1]


def rate(client: Client, path: str, params: dict | None = None) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        response = client.get(path, params or {})
        assert response.status_code == 200, response.status_code
        count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    largest = generate()
    user, _ = User.objects.get_or_create(
        username="bench-national", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    overview = reverse("admin:values_school_overview")
    params = {"kommune": largest.pk}
    queries: list[str] = []
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)):
        municipality_ratings(largest, municipality_overview(largest).themes)
    healthz = rate(client, "/healthz")
    page = rate(client, overview, params)
    print(
        f"register: {Publisher.objects.filter(name__startswith='Benchkommune').count()} "
        f"municipalities, {School.objects.count()} schools"
    )
    print(f"/healthz           {healthz:8.1f} req/s")
    print(
        f"overview (largest) {page:8.1f} req/s  ratio {page / healthz:.2f}  {len(queries)} queries"
    )


if __name__ == "__main__":
    main()
