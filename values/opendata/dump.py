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

from ..api import queries, serialize
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
}

README = """Forældresamarbejde – åbne data

Alt offentliggjort indhold på portalen, én fil pr. slags i to formater:
- .json: teksterne præcis som på portalen (UTF-8).
- .csv: til regneark (UTF-8 med BOM, semikolon; tekst, der ligner en formel, har en apostrof
  foran). Lister (begreber) er adskilt af komma.

Filerne: publishers (udgivere), frameworks (rammer), themes (temaer og andre dele), items
(punkter), questions (refleksionsspørgsmål), concepts (fælles begreber), materials (andres
materialer knyttet til et tema). Felterne er de samme som i API'et (/api/v1/docs/).

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


def _csv(records: list[dict], fields: list[str]) -> str:
    dataset = tablib.Dataset(headers=fields)
    for record in records:
        dataset.append(
            [", ".join(v) if isinstance(v, list) else v for v in (record[f] for f in fields)]
        )
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


def build_dump() -> Path:
    """Writes the zip (and the content fingerprint it was made from) where the view serves it.
    A reader always sees a whole file: the new one replaces the old in one step."""
    _, fingerprint = content_stamp()
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
    return dump_path().exists() and made_from == content_stamp()[1]
