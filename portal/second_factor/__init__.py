"""A second factor for staff who sign in with a password (django-otp: TOTP and backup codes).

Who: anyone who has set up an authenticator app must give its code (or a backup code) with the
password; superusers and staff who may read boards' answers must set one up at their first
password login and can do nothing else in the admin until they have (settings.
SECOND_FACTOR_REQUIRED). Staff who sign in through the municipality's identity provider get
their second factor there.
"""
