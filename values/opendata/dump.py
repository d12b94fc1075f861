"""The open-data zip: for each kind of content a JSON file (exact text) and a CSV file (for
spreadsheets: UTF-8 with BOM, semicolons, formula-like text made harmless, as every export of the
portal), plus the licences of the frameworks in README.txt."""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import tablib
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from reflections.principles.listing import listed_fingerprint, listed_principles

from ..api import principle_schemas, queries, serialize
from ..api.freshness import content_stamp
from ..spreadsheets.formats import DanishCSV

FILE_NAME = "foraeldresamarbejde.zip"
STAMP_NAME = "foraeldresamarbejde.stamp"

KINDS = {
    "publishers": (queries.publishers, serialize.publisher),
    "frameworks": (queries.frameworks, serialize.framework),
    "themes": (queries.themes, serialize.theme),
    "items": (queries.items, serialize.item),
    "questions": (queries.questions, serialize.question),
    "concepts": (queries.concepts, serialize.concept),
    "materials": (queries.materials, serialize.material),
    # Published principles that their municipality lists (the same rule as its public list).
    "principles": (listed_principles, principle_schemas.principle),
}

README = """Forældresamarbejde – åbne data

Alt offentliggjort indhold på portalen, én fil pr. slags i to formater:
- .json: teksterne præcis som på portalen (UTF-8).
- .csv: til regneark (UTF-8 med BOM, semikolon; tekst, der ligner en formel, har en apostrof
  foran). Lister (begreber) er adskilt af komma.

Filerne: publishers (udgivere), frameworks (rammer), themes (temaer og andre dele), items
(punkter), questions (refleksionsspørgsmål), concepts (fælles begreber), materials (andres
materialer knyttet til et tema), principles (skolebestyrelsers offentliggjorte principper, som
kommunen viser). Felterne er de samme som i API'et (/api/v1/docs/); i principles.csv står
afsnittene (sections) som JSON.

Licens: hver ramme har sine egne vilkår, som udgiveren angiver dem (feltet licence i
frameworks). Et tema, punkt eller spørgsmål har sin rammes vilkår; et materiale har sine egne
(feltet licence i materials; tomt: materialets egne vilkår).

"""


def output_dir() -> Path:
    return Path(settings.OPEN_DATA_DIR)


def dump_path() -> Path:
    return output_dir() / FILE_NAME


def absolute(path: str) -> str:
    return f"{settings.PORTAL_SITE_URL.rstrip('/')}{path}"


def rows(kind: str) -> list[dict]:
    queryset, serializer = KINDS[kind]
    return [serializer(obj, absolute) for obj in queryset()]


def _cell(value):
    """Lists of names joined by commas; nested records (a principle's sections) as JSON."""
    if not isinstance(value, list):
        return value
    if all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def _csv(records: list[dict], fields: list[str]) -> str:
    dataset = tablib.Dataset(headers=fields)
    for record in records:
        dataset.append([_cell(record[f]) for f in fields])
    return DanishCSV().export_data(dataset)


def _readme(frameworks: list[dict]) -> str:
    lines = [f"- {f['title']} ({f['publisher_name']}): {f['licence']}" for f in frameworks]
    return README + "Rammernes vilkår:\n" + "\n".join(lines) + "\n"


def build_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        frameworks: list[dict] = []
        for kind in KINDS:
            records = rows(kind)
            if kind == "frameworks":
                frameworks = records
            text = json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
            archive.writestr(f"{kind}.json", text)
            fields = list(records[0]) if records else []
            archive.writestr(f"{kind}.csv", _csv(records, fields))
        archive.writestr("README.txt", _readme(frameworks))
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def stamp() -> str:
    """What the zip is made from: the framework content (values.api.freshness) and the listed
    principles, whose publishing, unpublishing and listing no `updated_at` of a content table
    records."""
    return f"{content_stamp()[1]}#principles:{listed_fingerprint()}"


def build_dump() -> Path:
    """Writes the zip (and the content fingerprint it was made from) where the view serves it.
    A reader always sees a whole file: the new one replaces the old in one step."""
    fingerprint = stamp()
    data = build_zip()
    _write_atomically(dump_path(), data)
    _write_atomically(output_dir() / STAMP_NAME, fingerprint.encode())
    return dump_path()


def is_current() -> bool:
    """Whether the zip on disk was made from the content as it is now."""
    try:
        made_from = (output_dir() / STAMP_NAME).read_text()
    except FileNotFoundError:
        return False
    return dump_path().exists() and made_from == stamp()
