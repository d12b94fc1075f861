"""A real OpenID Connect provider (tests/oidc_provider.py) in its own process, and the portal's
settings pointing at it."""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass

from tests.servers import ROOT, free_port

CLIENT_ID = "foraeldresamarbejde"
CLIENT_SECRET = "hemmelig-klientnoegle-til-test"
EDITOR = "foraeldresamarbejde.redaktoer"
ALL_PUBLISHERS = "foraeldresamarbejde.alle-udgivere"

USERS = {
    "anne": {
        "password": "annes-kode",
        "claims": {
            "given_name": "Anne",
            "family_name": "Andersen",
            "email": "anne@ballerup.dk",
            "roles": [EDITOR],
            "publishers": ["Ballerup Kommune"],
        },
    },
    "karin": {
        "password": "karins-kode",
        "claims": {
            "given_name": "Karin",
            "email": "karin@kl.dk",
            "roles": [EDITOR, ALL_PUBLISHERS],
            "publishers": [],
        },
    },
    "bo": {
        "password": "bos-kode",
        "claims": {"given_name": "Bo", "email": "bo@ballerup.dk", "roles": ["laerer"]},
    },
}


@dataclass
class Provider:
    base: str


@contextmanager
def oidc_provider(redirect_uri: str):
    port = free_port()
    config = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": redirect_uri,
        "users": USERS,
    }
    process = subprocess.Popen(  # noqa: S603 - our own test provider
        [sys.executable, "-m", "tests.oidc_provider", str(port), json.dumps(config)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "ready"
        yield Provider(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)


def configure(settings, provider: Provider) -> None:
    """The environment an IT department sets, as settings (portal/settings.py reads them)."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.base}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider.base}/jwks"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider.base}/userinfo"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "portal.oidc.MunicipalOIDCBackend",
    ]
