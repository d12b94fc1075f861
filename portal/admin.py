"""The portal's own admin registrations (found by the admin's autodiscovery)."""

from .second_factor import admin  # noqa: F401 (registers the second factor's admin)
