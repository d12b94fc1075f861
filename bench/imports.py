"""How long an import preview takes and how much memory it needs, for the largest file the limits
allow and for files that break them.

    .venv/bin/python bench/imports.py

Prepares a SQLite database of its own in a temporary folder (migrate, load_content, one editor),
then uploads each file to the admin's preview in a fresh process, as an editor's browser does,
and prints the preview's time, its ratio to the same process's /healthz and the process's peak
memory (resident, Django included). The files are generated here (tests/values/spreadsheet_files).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

CASES = [
    "largest items file (XLSX)",
    "largest items file (CSV)",
    "largest workbook",
    "200,000 empty rows (XLSX)",
    "20,000 empty rows (XLSX)",
    "dimension up to XFD (XLSX)",
    "content in column XFD (XLSX)",
    "10,000 rows (CSV)",
    "10,000 rows (workbook)",
    "zip bomb (XLSX)",
]


def setup_django():
    import django

    django.setup()


def items_rows(count: int) -> tuple[list[str], list[list]]:
    from values.models import Theme

    themes = list(Theme.objects.select_related("framework").order_by("pk")[:10])
    header = ["ID", "Ramme", "Tema", "Type", "Tekst", "Titel", "Sted", "Rækkefølge"]
    rows = [
        ["", t.framework.slug, t.slug, "Eksempel", f"Tekst {n} " * 8, f"Titel {n}", "", n]
        for n, t in zip(range(count), themes * (count // len(themes) + 1), strict=False)
    ]
    return header, rows


def workbook_file(items: int, questions: int) -> bytes:
    from tests.values.spreadsheet_files import xlsx_bytes

    themes = [[f"tema-{n}", str(n), f"Tema {n}", "", "", ""] for n in range(1, 21)]
    return xlsx_bytes(
        {
            "Ramme": [
                ["Kortnavn", "Titel", "Udgiver", "Udgivertype", "År", "Dokumenttype"]
                + ["Betegnelse for temaer", "Kildeangivelse"],
                ["bench-ramme", "Bench-ramme", "Bench Kommune", "Kommune", 2026, "Værdigrundlag"]
                + ["Tema", "Bench Kommune 2026"],
            ],
            "Temaer": [["Kortnavn", "Nummer", "Titel", "Kort indledning", "Tekst", "Begreber"]]
            + themes,
            "Punkter": [["Nøgle", "Tema", "Type", "Tekst"]]
            + [[f"P{n}", f"tema-{n % 20 + 1}", "Eksempel", f"Punkt {n}"] for n in range(items)],
            "Refleksionsspørgsmål": [["Tema", "Spørgsmål"]]
            + [[f"tema-{n % 20 + 1}", f"Spørgsmål {n}?"] for n in range(questions)],
        }
    )


def case_file(case: str) -> tuple[str, str, bytes]:
    """(model admin, file name, bytes) for a case."""
    from tests.values.spreadsheet_files import (
        csv_bytes,
        empty_rows_xml,
        patched_xlsx,
        xlsx_bytes,
    )
    from values.spreadsheets import reading

    if case == "largest items file (XLSX)":
        header, rows = items_rows(reading.MAX_ROWS)
        return "item", "punkter.xlsx", xlsx_bytes({"Punkter": [header, *rows]})
    if case == "largest items file (CSV)":
        header, rows = items_rows(reading.MAX_ROWS)
        return "item", "punkter.csv", csv_bytes(header, rows)
    if case == "largest workbook":
        return "workbook", "ramme.xlsx", workbook_file(reading.MAX_ROWS - 21 - 100, 100)
    if case == "10,000 rows (CSV)":
        header, rows = items_rows(10_000)
        return "item", "punkter.csv", csv_bytes(header, rows)
    if case == "10,000 rows (workbook)":
        return "workbook", "ramme.xlsx", workbook_file(9_000, 1_000)
    header, rows = items_rows(3)
    small = xlsx_bytes({"Punkter": [header, *rows]})
    if case == "200,000 empty rows (XLSX)":
        return "item", "tomme.xlsx", patched_xlsx(small, {}, empty_rows_xml(5, 200_000))
    if case == "20,000 empty rows (XLSX)":
        return "item", "tomme.xlsx", patched_xlsx(small, {}, empty_rows_xml(5, 20_000))
    if case == "dimension up to XFD (XLSX)":
        return (
            "item",
            "bred.xlsx",
            patched_xlsx(small, {r'<dimension ref="[^"]*"': '<dimension ref="A1:XFD4"'}),
        )
    if case == "content in column XFD (XLSX)":
        far = '<row r="6"><c r="XFD6" t="inlineStr"><is><t>x</t></is></c></row>'
        return "item", "bred.xlsx", patched_xlsx(small, {}, far)
    if case == "zip bomb (XLSX)":
        bomb = (
            '<row r="7"><c r="A7" t="inlineStr"><is><t>' + "0" * 60_000_000 + "</t></is></c></row>"
        )
        return "item", "bombe.xlsx", patched_xlsx(small, {}, bomb)
    raise SystemExit(f"unknown case {case}")


def run_case(case: str) -> dict:
    import resource

    setup_django()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    model, name, path = json.loads(os.environ["BENCH_FILE"])
    data = Path(path).read_bytes()
    client = Client()
    client.force_login(User.objects.get(username="bench-redaktoer"))
    client.get("/healthz")
    started = time.perf_counter()
    for _ in range(20):
        client.get("/healthz")
    healthz = (time.perf_counter() - started) / 20
    upload = SimpleUploadedFile(name, data)
    started = time.perf_counter()
    if model == "workbook":
        response = client.post(reverse("admin:values_framework_workbook"), {"file": upload})
    else:
        response = client.post(
            reverse(f"admin:values_{model}_import"),
            {"resource": "0", "format": "", "import_file": upload},
        )
    seconds = time.perf_counter() - started
    page = response.content.decode()
    ok = "Bekræft import" in page or 'name="token"' in page
    if not ok and os.environ.get("BENCH_SHOW"):
        sys.stderr.write(page[page.find("errorlist") :][:600])
    return {
        "case": case,
        "bytes": len(data),
        "seconds": round(seconds, 3),
        "ratio_to_healthz": round(seconds / healthz),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "answer": "preview" if ok else "refused",
    }


def make_files(folder: Path) -> dict[str, list[str]]:
    """Every case's file written to `folder`: case → (admin, file name, path)."""
    setup_django()
    files = {}
    for n, case in enumerate(CASES):
        model, name, data = case_file(case)
        path = folder / f"{n}-{name}"
        path.write_bytes(data)
        files[case] = [model, name, str(path)]
    return files


def prepare(database: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    for args in (["migrate", "--noinput"], ["load_content"]):
        command = [sys.executable, "manage.py", *args, "--verbosity", "0"]
        subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 – our own manage.py
    script = (
        "from django.contrib.auth.models import User;"
        "User.objects.create_superuser('bench-redaktoer', 'b@example.com', 'bench-kode-123')"
    )
    command = [sys.executable, "manage.py", "shell", "-c", script]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 – our own manage.py


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2])))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--make-files":
        print(json.dumps(make_files(Path(sys.argv[2]))))
        return
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        prepare(database)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
        heads = ("size", "answer", "seconds", "× healthz", "peak MB")
        print(f"{'file':34} " + " ".join(f"{h:>10}" for h in heads))
        # The files are made in a process of their own: Linux keeps a parent's peak memory in
        # the processes it starts, so a zip bomb built here would show in every case's figure.
        made = subprocess.run(  # noqa: S603 – this script
            [sys.executable, __file__, "--make-files", folder],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        files = json.loads(made.stdout.strip().splitlines()[-1])
        for case in CASES:
            env["BENCH_FILE"] = json.dumps(files[case])
            out = subprocess.run(  # noqa: S603 – this script, with a case of its own list
                [sys.executable, __file__, "--case", case],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{row['case']:34} {row['bytes']:>10,} {row['answer']:>10} {row['seconds']:>10} "
                f"{row['ratio_to_healthz']:>10,} {row['peak_mb']:>10}"
            )
        print("Targets: every preview under 2 s, peak memory under 200 MB.")


if __name__ == "__main__":
    main()
