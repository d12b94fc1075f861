"""The test suite's settings: the portal's own, plus what a test run needs.

pytest-django loads this module (DJANGO_SETTINGS_MODULE in pyproject.toml), so the portal's
settings never have to guess whether they run under a test runner.
"""

import tempfile
from pathlib import Path

from portal.settings import *  # noqa: F403
from portal.settings import STORAGES

# The suite runs without `collectstatic`: static files straight from the app folders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Pages always show the code and data as they are; tests of the page cache switch it on.
PAGE_CACHE_SECONDS = 0

# PBKDF2 spends a quarter of a second on every password it hashes, by design; tests create
# users by the dozen. Servers the tests start in a subprocess keep the production hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The open-data zip goes to a folder of this test process's own, and is not rebuilt in a
# background thread after every save the tests make (tests of the rebuild switch it on).
OPEN_DATA_DIR = Path(tempfile.mkdtemp(prefix="portal-opendata-"))
OPEN_DATA_REBUILD_ON_CHANGE = False
# Tests that sign staff in through the login form would all have to set up an authenticator app
# first; the tests of the second factor (tests/portal/test_second_factor*.py) switch it on.
SECOND_FACTOR_REQUIRED = False
