"""The dataset's metadata record, DCAT-AP-DK (the Danish profile of DCAT-AP) as JSON-LD.

It describes the dataset (title, description, keywords, theme, language, spatial coverage,
update frequency), its publisher (the portal's owner, settings.PORTAL_OWNER_*), its contact
point, its licence (each framework keeps its publisher's terms; the record says so rather than
inventing one open licence for all) and its distributions: the zip and the API.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..api.freshness import content_stamp
from ..models import DEFAULT_LICENCE, Framework

EU = "http://publications.europa.eu/resource/authority/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IANA = "https://www.iana.org/assignments/media-types/"
SITE_NAME = "Forældresamarbejde"


def _publisher() -> dict:
    name = settings.PORTAL_OWNER_NAME or SITE_NAME
    publisher = {"@type": "foaf:Agent", "foaf:name": {"@language": "da", "@value": name}}
    if settings.PORTAL_OWNER_URL:
        publisher["foaf:homepage"] = {"@id": settings.PORTAL_OWNER_URL}
    return publisher


def _contact() -> dict:
    contact = {"@type": "vcard:Organization", "vcard:fn": settings.PORTAL_OWNER_NAME or SITE_NAME}
    if settings.PORTAL_CONTACT_EMAIL:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{settings.PORTAL_CONTACT_EMAIL}"}
    return contact


def _rights() -> str:
    terms = sorted(
        {
            f"{title}: {licence}"
            for title, licence in Framework.objects.published().values_list("title", "licence")
        }
    )
    return (
        "Hver ramme har sine egne vilkår, som udgiveren angiver dem (standard: "
        f"“{DEFAULT_LICENCE}”). " + " ".join(terms)
    )


def record(absolute: Callable[[str], str]) -> dict:
    """The record, with every address made absolute by `absolute` (a request's)."""
    latest, _ = content_stamp()
    dump = absolute(reverse("opendata_dump"))
    dataset_id = absolute(reverse("opendata_dcat")) + "#dataset"
    modified = (latest or timezone.now()).isoformat()
    return {
        "@context": CONTEXT,
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:title": {"@language": "da", "@value": f"{SITE_NAME}: rammer for forældresamarbejde"},
        "dct:description": {
            "@language": "da",
            "@value": "Kommunernes og KL’s rammer for samarbejdet mellem skole og forældre: "
            "udgivere, rammer, temaer, punkter, refleksionsspørgsmål og fælles begreber, "
            "som de er offentliggjort på portalen, og skolebestyrelsers offentliggjorte "
            "principper, som kommunen viser.",
        },
        "dcat:keyword": [
            {"@language": "da", "@value": word}
            for word in ("forældresamarbejde", "skole", "skolebestyrelse", "værdigrundlag")
        ],
        "dcat:theme": {"@id": f"{EU}data-theme/EDUC"},
        "dct:language": {"@id": f"{EU}language/DAN"},
        "dct:spatial": {"@id": f"{EU}country/DNK"},
        "dct:accrualPeriodicity": {"@id": f"{EU}frequency/IRREG"},
        "dct:modified": {"@type": "xsd:dateTime", "@value": modified},
        "dct:publisher": _publisher(),
        "dcat:contactPoint": _contact(),
        "dcat:landingPage": {"@id": absolute(reverse("api_docs"))},
        "dct:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": {"@language": "da", "@value": "Alt indhold som JSON og CSV (zip)"},
                "dcat:accessURL": {"@id": dump},
                "dcat:downloadURL": {"@id": dump},
                "dct:format": {"@id": f"{EU}file-type/ZIP"},
                "dcat:mediaType": {"@id": f"{IANA}application/zip"},
                "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": _rights()},
                "dct:modified": {"@type": "xsd:dateTime", "@value": modified},
            },
            {
                "@type": "dcat:Distribution",
                "dct:title": {"@language": "da", "@value": "Åbent API (JSON, OpenAPI 3)"},
                "dcat:accessURL": {"@id": absolute(reverse("api:openapi-json"))},
                "dct:format": {"@id": f"{EU}file-type/JSON"},
                "dct:conformsTo": {"@id": "https://spec.openapis.org/oas/v3.1.0"},
            },
        ],
    }
