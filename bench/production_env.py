"""The environment the benchmarks run the site in: production settings
(debug off), as ``make serve`` runs it, at 127.0.0.1."""

import secrets

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "SITE_URL": "http://127.0.0.1",
    "DJANGO_DEFAULT_FROM_EMAIL": "bench@example.org",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
}
