"""A real OpenID Connect provider for the tests, on loopback: pyop (IdentityPython's provider
library) behind a plain WSGI server, with a login page a browser fills in.

Run as `python -m tests.oidc_provider PORT CONFIG_JSON`; CONFIG_JSON holds the client
(`client_id`, `client_secret`, `redirect_uri`) and the users by username (`password` and the
claims to send). Every claim of a user goes into the ID token, as Entra ID sends roles; the
userinfo endpoint answers the standard ones.
"""

from __future__ import annotations

import html
import json
import sys
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from Cryptodome.PublicKey import RSA
from jwkest.jwk import RSAKey
from pyop.authz_state import AuthorizationState
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo

LOGIN_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>Kommunens login</title></head><body><main><h1>Kommunens login</h1>{error}
<form method="post" action="/login"><input type="hidden" name="query" value="{query}">
<label for="username">Brugernavn</label> <input id="username" name="username">
<label for="password">Adgangskode</label> <input id="password" name="password" type="password">
<button type="submit">Log ind</button></form></main></body></html>"""


def build_provider(base: str, config: dict) -> Provider:
    key = RSAKey(key=RSA.generate(2048), alg="RS256", kid="test-key")
    configuration = {
        # The protocol wants an https issuer; it is only a name here, the endpoints are served
        # over plain http on loopback.
        "issuer": base.replace("http://", "https://"),
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "scopes_supported": ["openid", "email", "profile"],
        "claims_supported": ["sub", "email", "given_name", "family_name", "name"],
        "grant_types_supported": ["authorization_code"],
    }
    clients = {
        config["client_id"]: {
            "client_secret": config["client_secret"],
            "redirect_uris": [config["redirect_uri"]],
            "response_types": ["code"],
            "token_endpoint_auth_method": "client_secret_post",
        }
    }
    users = {name: user["claims"] for name, user in config["users"].items()}
    state = AuthorizationState(HashBasedSubjectIdentifierFactory("test-salt"))
    return Provider(key, configuration, state, clients, Userinfo(users))


class App:
    def __init__(self, provider: Provider, config: dict):
        self.provider, self.config = provider, config

    def __call__(self, environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        body = ""
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length).decode()
        headers = {
            key[5:].replace("_", "-").title(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        routes = {
            "/.well-known/openid-configuration": lambda: self.json(
                self.provider.provider_configuration.to_dict()
            ),
            "/jwks": lambda: self.json(self.provider.jwks),
            "/authorize": lambda: self.page(environ.get("QUERY_STRING", ""), ""),
            "/login": lambda: self.login(body),
            "/token": lambda: self.json(
                self.provider.handle_token_request(
                    body, headers, extra_id_token_claims=self.id_token_claims
                ).to_dict()
            ),
            "/userinfo": lambda: self.json(
                self.provider.handle_userinfo_request(body, headers).to_dict()
            ),
        }
        route = routes.get(path)
        status, response_headers, content = route() if route else ("404 Not Found", [], b"")
        start_response(status, response_headers)
        return [content]

    def id_token_claims(self, user_id: str, client_id: str) -> dict:
        return dict(self.config["users"][user_id]["claims"])

    @staticmethod
    def json(data) -> tuple:
        return "200 OK", [("Content-Type", "application/json")], json.dumps(data).encode()

    @staticmethod
    def page(query: str, error: str) -> tuple:
        text = LOGIN_PAGE.format(query=html.escape(query), error=error)
        return "200 OK", [("Content-Type", "text/html; charset=utf-8")], text.encode()

    def login(self, body: str) -> tuple:
        form = {key: values[0] for key, values in parse_qs(body).items()}
        user = self.config["users"].get(form.get("username", ""))
        if not user or user["password"] != form.get("password"):
            return self.page(form.get("query", ""), "<p>Forkert brugernavn eller kode.</p>")
        request = self.provider.parse_authentication_request(form["query"])
        response = self.provider.authorize(request, form["username"])
        location = response.request(request["redirect_uri"], False)
        return "302 Found", [("Location", location)], b""


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass


def main() -> None:
    port, config = int(sys.argv[1]), json.loads(sys.argv[2])
    base = f"http://127.0.0.1:{port}"
    server = make_server(
        "127.0.0.1", port, App(build_provider(base, config), config), handler_class=QuietHandler
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
