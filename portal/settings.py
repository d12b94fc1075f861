"""Settings for the portal, read from the environment with safe development defaults.

DATABASE_URL empty means an SQLite file in the project; postgres://… means PostgreSQL (parsed by
dj-database-url, so query options such as ?sslmode=require reach the connection). A value that
cannot be read (DJANGO_SECURE_COOKIES=treu) stops start-up with ImproperlyConfigured instead of
quietly meaning something else. The test suite's own settings are in tests/settings.py.
"""

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", True)
# The development default is only ever used with DEBUG on; production must set its own.
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (
    "django-insecure-development-only-key" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "import_export",
    "reversion",
    "csp",
    "axes",
    "corsheaders",
    "django_otp",
    "portal.second_factor.apps.DanishTOTPConfig",
    "portal.second_factor.apps.DanishStaticConfig",
    "portal",
    "values",
    "reflections",
]

MIDDLEWARE = [
    # First, so its log line and duration cover everything below it.
    "portal.middleware.RequestLogMiddleware",
    # Before anything looks the address up in the database.
    "portal.middleware.NulCharacterMiddleware",
    # Before SecurityMiddleware, so its https redirects carry these headers too.
    "portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files leave here, after the security headers are added on the way out.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS for /api/ only (settings.CORS_*), before anything below can answer.
    "corsheaders.middleware.CorsMiddleware",
    # /api/ and /embed/: no cookies in or out, JSON errors; above the session, CSRF and
    # language middleware so it sees the request before them and the response after them.
    "values.api.middleware.CookielessMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Reads the null origin browsers send from no-referrer pages as ours when the browser says
    # the form is same-origin (portal/csrf.py).
    "portal.csrf.SameOriginNullOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session gave a second factor; then, who must still set one up.
    "django_otp.middleware.OTPMiddleware",
    "portal.second_factor.middleware.SecondFactorEnrolmentMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Public pages for anonymous visitors from the cache; outside the preview middleware so it
    # sees preview pages marked private and never stores them.
    "portal.page_cache.PublicPageCacheMiddleware",
    # Editors' draft preview: marks preview pages private/no-store (values.visibility).
    "values.visibility.PreviewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections save a connect per request; the health check drops a dead one.
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=env_bool("DJANGO_CONN_HEALTH_CHECKS", True),
    )
}
if env_str("DJANGO_TEST_DB_NAME"):
    # Lets several test runs share one PostgreSQL server without clashing.
    DATABASES["default"]["TEST"] = {"NAME": env_str("DJANGO_TEST_DB_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")

# The portal's own template pack: DKFDS markup for every form (templates/dkfds/).
CRISPY_ALLOWED_TEMPLATE_PACKS = ("dkfds",)
CRISPY_TEMPLATE_PACK = "dkfds"
# Django's renderer; its plainest widget templates said in Python (portal/form_renderer.py).
FORM_RENDERER = "portal.form_renderer.FormRenderer"

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGIN_URL = "admin:login"


# ---------------------------------------------------------------------------------------------
# Serving and security. Development (DJANGO_DEBUG on, plain http) keeps working unchanged; with
# DJANGO_DEBUG=false every production default below switches on. Documented in docs/deployment.md.
# ---------------------------------------------------------------------------------------------

# Production serves hashed, compressed files from `collectstatic`; development (and the test
# suite, tests/settings.py) serves them straight from the app folders.
HASHED_STATIC = env_bool("DJANGO_HASHED_STATIC", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "portal.static_storage.RememberedManifestStorage"
        if HASHED_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if not HASHED_STATIC:
    # Serve straight from the app folders, as runserver does, without collectstatic.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
# Our static files are for our own pages only (see Cross-Origin-Resource-Policy).
WHITENOISE_ALLOW_ALL_ORIGINS = False

# TLS ends at the municipality's load balancer, which tells us so in X-Forwarded-Proto.
_proxy_ssl_header = env_str("DJANGO_PROXY_SSL_HEADER", "" if DEBUG else "X-Forwarded-Proto")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
# How many of our own proxies append to X-Forwarded-For (0: use the TCP peer address).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Sent on https responses only, so development over http never pins anything.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Board pages (/arbejdsark/) send no-referrer instead (portal.middleware.SecurityHeadersMiddleware).
SECURE_REFERRER_POLICY = "same-origin"
# No page uses the camera, microphone, location, payment or other powerful features.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies: Secure and __Host- prefixed in production (bound to this exact host, path /, https);
# plain names in development over http, where browsers would refuse them.
SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_COOKIES else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_COOKIES else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4): nothing by default; our own scripts, styles, images,
# fonts and fetches are allowed one by one. No inline script, no plugins, no framing, forms post
# only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
if SECURE_SSL_REDIRECT:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# Admin login rate limit (django-axes): counted per username *and* address, so a whole school
# network behind one address is not locked out by one person typing a wrong password...
AUTHENTICATION_BACKENDS = [
    "portal.security.LoginRateLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
# ...and per address across all usernames (portal.security.LoginRateLimitBackend), higher, for
# the many staff behind one municipal or school address.
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.security.client_ip"
AXES_USERNAME_CALLABLE = "portal.security.login_username"
AXES_LOCKOUT_TEMPLATE = "429.html"

# Staff: a second factor (TOTP app and backup codes, django-otp; portal/second_factor/) with the
# password. Required for superusers and for staff who may read boards' answers.
SECOND_FACTOR_REQUIRED = env_bool("DJANGO_STAFF_SECOND_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = env_str("PORTAL_OWNER_NAME").strip() or "Forældresamarbejde"
# A staff member's session ends after a working day; board members' sessions keep Django's two
# weeks (SESSION_COOKIE_AGE), so a board can come back to its worksheet.
STAFF_SESSION_HOURS = env_int("DJANGO_STAFF_SESSION_HOURS", 9)

# Staff sign-in through the municipality's identity provider (OpenID Connect, mozilla-django-oidc;
# portal/oidc.py, docs/deployment.md). Off until a client id is set.
OIDC_RP_CLIENT_ID = env_str("DJANGO_OIDC_CLIENT_ID")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("DJANGO_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("DJANGO_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("DJANGO_OIDC_TOKEN_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("DJANGO_OIDC_JWKS_ENDPOINT")
# Optional: Entra ID sends roles in the ID token only; other providers also at userinfo.
OIDC_OP_USER_ENDPOINT = env_str("DJANGO_OIDC_USERINFO_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("DJANGO_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("DJANGO_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_USERNAME_CLAIM = env_str("DJANGO_OIDC_USERNAME_CLAIM", "sub")
OIDC_ROLES_CLAIM = env_str("DJANGO_OIDC_ROLES_CLAIM", "roles")
OIDC_EDITOR_ROLE = env_str("DJANGO_OIDC_EDITOR_ROLE", "foraeldresamarbejde.redaktoer")
OIDC_ALL_PUBLISHERS_ROLE = env_str(
    "DJANGO_OIDC_ALL_PUBLISHERS_ROLE", "foraeldresamarbejde.alle-udgivere"
)
OIDC_PUBLISHERS_CLAIM = env_str("DJANGO_OIDC_PUBLISHERS_CLAIM", "publishers")
LOGIN_REDIRECT_URL = "/admin/"
LOGIN_REDIRECT_URL_FAILURE = "/admin/login/?sso=fejl"
if OIDC_ENABLED:
    _missing = [
        name
        for name in ("AUTHORIZATION", "TOKEN", "JWKS")
        if not globals()[f"OIDC_OP_{name}_ENDPOINT"]
    ]
    if _missing or not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured(
            "DJANGO_OIDC_CLIENT_ID is set, so DJANGO_OIDC_CLIENT_SECRET and the provider's "
            "DJANGO_OIDC_AUTHORIZATION_ENDPOINT, DJANGO_OIDC_TOKEN_ENDPOINT and "
            "DJANGO_OIDC_JWKS_ENDPOINT must be set too."
        )
    AUTHENTICATION_BACKENDS.append("portal.oidc.MunicipalOIDCBackend")
# With the identity provider in place, only superusers (break-glass) sign in with a password.
STAFF_PASSWORD_LOGIN = env_bool("DJANGO_STAFF_PASSWORD_LOGIN", True)

# One cache shared by every app server when there are several (Django's built-in Redis backend,
# `pip install '.[redis]'`); otherwise each process keeps its own in memory. In memory: room for
# 2,000 entries (Django's default is 300). Visiting every page of the shipped content once in
# Danish and once in English leaves 407 entries (pages, kept fragments and lookups; 4.3 MB), so
# at 300 the oldest third was thrown out again and again; 2,000 take about 20 MB per process.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Whole public pages are cached this many seconds for anonymous visitors (0: off). Off in
# development and tests, so pages always show the code and data as they are.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 0 if DEBUG else 60)

# Deliberately silenced deploy checks, each with its reason (see docs/deployment.md):
# security.W021 – HSTS preload is decided for the municipality's whole registrable domain, not
# by one application on a subdomain; DJANGO_HSTS_PRELOAD=true turns it on where that is agreed.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# ---------------------------------------------------------------------------------------------
# Open content: the API (/api/v1/), the open-data dump and the embeds (/embed/…).
# ---------------------------------------------------------------------------------------------
# Any site may read the API from a browser (GET only, no credentials); nothing else is shared.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "X-Request-ID"]
# Where the open-data zip is written and served from (values/opendata/).
OPEN_DATA_DIR = Path(env_str("PORTAL_OPEN_DATA_DIR") or BASE_DIR / "opendata")
# Rebuild the zip in the background after every saved change (off: on the first download).
OPEN_DATA_REBUILD_ON_CHANGE = env_bool("PORTAL_OPEN_DATA_REBUILD", True)
# The portal's public address, for the links inside the open-data files (empty: paths only).
PORTAL_SITE_URL = env_str("PORTAL_SITE_URL").strip().rstrip("/")
# Sites allowed to frame the embeds under /embed/ (CSP frame-ancestors); empty: nobody.
EMBED_ALLOWED_ORIGINS = env_list("PORTAL_EMBED_ORIGINS")
for _origin in EMBED_ALLOWED_ORIGINS:
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", _origin):
        raise ImproperlyConfigured(
            f"PORTAL_EMBED_ORIGINS: {_origin!r} is not an origin such as https://intra.kommune.dk "
            "(scheme and host, no path, no wildcard)."
        )

# Logging: one line per event on stdout (the platform collects it), each with the request id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.log.RequestIdLogFilter"}},
    "formatters": {
        "line": {
            "()": "portal.log.EscapingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s",
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO").upper()},
    "loggers": {
        # Django's own console handler would print a second copy in development.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # 4xx are already in the request log; errors (with their traceback) stay.
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
        # Failed logins are logged once, by portal.security.
        "axes": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------------------------------------
# The portal's owner (header, footer, accessibility statement, privacy policy; portal/owner.py)
# Nothing set: the portal names only itself.
# ---------------------------------------------------------------------------------------------
PORTAL_OWNER_NAME = env_str("PORTAL_OWNER_NAME").strip()
PORTAL_OWNER_URL = env_str("PORTAL_OWNER_URL").strip()
# A static file name (e.g. "img/owner-logo.svg") or a path on this site ("/logo.svg").
PORTAL_OWNER_LOGO = env_str("PORTAL_OWNER_LOGO").strip()
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL").strip()
PORTAL_CONTACT_PHONE = env_str("PORTAL_CONTACT_PHONE").strip()
# The accessibility statement in Digitaliseringsstyrelsen's WAS-Tool; /was redirects there.
PORTAL_WAS_URL = env_str("PORTAL_WAS_URL").strip()
TEMPLATES[0]["OPTIONS"]["context_processors"] += [
    "portal.owner.owner_context",
    "portal.pages.picks_context",
]
# django-axes under a Danish name in the admin (portal/axes_config.py).
INSTALLED_APPS[INSTALLED_APPS.index("axes")] = "portal.axes_config.DanishAxesConfig"
