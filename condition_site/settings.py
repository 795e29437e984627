"""Settings for Condition Site, read from the environment.

Development works with no variables at all (SQLite file, debug on). Production
sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY (50 characters or more), SITE_URL,
DJANGO_DEFAULT_FROM_EMAIL and DJANGO_ALLOWED_HOSTS, and usually DATABASE_URL and
REDIS_URL; see the README. It refuses to start without the first four.
"""

import datetime
import os
from importlib.metadata import version as package_version
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from condition_site.static_headers import add_headers

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DJANGO_DEBUG", default=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
SECRET_KEY_MIN_LENGTH = 50
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin asks staff for a second factor (condition_site/admin.py).
    "condition_site.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "condition_site",
    "reviews",
    "images",
    "conditions",
]

MIDDLEWARE = [
    # Anonymous public pages from the cache (see "Caching and serving"
    # below), first: a cached page keeps the headers and redirects the
    # middleware below gave it (security, Content-Security-Policy), rather
    # than have them worked out again for each reader.
    "conditions.page_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # It gives static files the Content-Security-Policy itself (below).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Near the end, so it sees the views' 404s first: old public URLs answer 301.
    "reviews.middleware.PublicPathRedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "condition_site.urls"

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
                "condition_site.context_processors.site",
                "conditions.context_processors.site_pages",
            ],
        },
    },
]

WSGI_APPLICATION = "condition_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing: each transaction takes SQLite's write
    # lock when it begins (a read-then-write transaction cannot be upgraded
    # while another writes, and fails at once with "database is locked"), and
    # waits up to the busy timeout, in seconds, for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Readers' pages read a page of rows through indexes, and starting
    # parallel workers costs them more than it saves on two cores: the ICD
    # look-up of a chapter at 100,000 articles took 19 ms with two workers,
    # 1.4 without. The counts a publication works out take longer without
    # them (0.5 → 0.8 s at 100,000). DJANGO_PG_PARALLEL_WORKERS sets it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    workers = int(os.environ.get("DJANGO_PG_PARALLEL_WORKERS", "0"))
    options["options"] = (
        f"{options.get('options', '')} -c max_parallel_workers_per_gather={workers}"
    ).strip()
    if os.environ.get("DJANGO_PG_PREPARED", "1") == "1":
        options.update(server_side_binding=True, prepare_threshold=2)

# Sessions live in the database (Django's default engine), never only in the
# cache: losing Redis must not sign anyone out or turn their pages into 500s.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Errors are misses and dropped writes (see condition_site/cache.py);
            # short timeouts, so that an unreachable Redis costs little.
            "BACKEND": "condition_site.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

# --- Doors: log-in lockout, second factor, client address, CSP ---------------
# django-axes checks for a lockout before the password is tried; AxesBackend
# also answers get_user (it is a ModelBackend), so the first backend can
# restore a session.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After 5 failed log-ins for one username from one client address, that
# pair is refused for 15 minutes, even with the right password; a successful
# log-in before that clears the count. Failures and lockouts are logged on
# the "axes" logger (username and address, never the password).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Name the username and address in those log lines (axes masks them by default).
AXES_SENSITIVE_PARAMETERS = []
AXES_CLIENT_IP_CALLABLE = "condition_site.client_address.client_address"
# How many reverse proxies of our own stand in front of the app servers, each
# appending to X-Forwarded-For; 0 ignores the header (condition_site/
# client_address.py). The enquiry limit and the log-in lockout key on it.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be 0 or more.")
# Every response forbids inline and foreign scripts, plugins and framing
# (django-csp 4). Styles too come only from our own files: neither our
# templates nor the admin's need inline style. JSON-LD is data, not script,
# so it needs no nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded images: files under MEDIA_ROOT by default; with
# DJANGO_S3_BUCKET set, an S3-compatible bucket through django-storages
# (pip install "django-storages[s3]"; credentials from the usual AWS_*
# variables). File names carry a content hash and never change, so the
# bucket is read publicly, without signed, expiring URLs.
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# The ICD-10-CM code set as a read-only SQLite file (conditions.codeset),
# built from the simple-icd-10-cm package on first use; named after the
# package's version, so that an upgrade builds a new one.
ICD10_CODESET = Path(
    os.environ.get(
        "ICD10_CODESET",
        BASE_DIR / "var" / f"icd10cm-{package_version('simple-icd-10-cm')}.sqlite3",
    )
)
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads larger than these are refused with a message.
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", 10 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "conditions:home"
LOGOUT_REDIRECT_URL = "conditions:home"

# Development writes each message to a file in var/mail/ (git-ignored) rather
# than into the terminal; production sends through SMTP unless
# DJANGO_EMAIL_BACKEND names another backend.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", BASE_DIR / "var" / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    # django-axes: failed log-ins and lockouts (warnings), not its start-up
    # banner or every successful log-in.
    "loggers": {"axes": {"level": "WARNING"}},
}

# How long an approval stays current before the article is due for review again.
REVIEW_INTERVAL_MONTHS = int(os.environ.get("REVIEW_INTERVAL_MONTHS", "12"))
# A minor edit keeps the review dates of the last full review, so it is refused
# once more than this share of the words, or any table, changed since then.
REVIEW_MINOR_EDIT_MAX_SHARE = float(
    os.environ.get("REVIEW_MINOR_EDIT_MAX_SHARE", "0.05")
)

# Readers' enquiries: how many one address may send an hour.
ENQUIRIES_PER_HOUR = int(os.environ.get("ENQUIRIES_PER_HOUR", "5"))

# --- Editorial review (reviews/) -------------------------------------------
# Review intervals per article kind, e.g. REVIEW_INTERVAL_MONTHS_BY_KIND=
# "treatment=6,question=24"; kinds not listed use REVIEW_INTERVAL_MONTHS.
REVIEW_INTERVAL_MONTHS_BY_KIND = {
    kind.strip(): int(months)
    for kind, _, months in (
        item.partition("=") for item in env_list("REVIEW_INTERVAL_MONTHS_BY_KIND")
    )
}
# Article kinds approved in two stages, a clinical review then a pharmacist's,
# by two different reviewers (comma-separated; set it empty for none).
REVIEW_TWO_STAGE_KINDS = env_list("REVIEW_TWO_STAGE_KINDS", "treatment")
# review_reminders mails owners of articles due within this many days.
REVIEW_REMINDER_DAYS = int(os.environ.get("REVIEW_REMINDER_DAYS", "30"))
# Let readers see never-approved submissions under a "pending medical review"
# banner. Off by default: readers normally see approved content only.
REVIEW_SHOW_PENDING = env_bool("REVIEW_SHOW_PENDING", default=False)
# Absolute links in review mail.
# The site's name in page titles, mail subjects, feeds and structured data.
SITE_NAME = os.environ.get("SITE_NAME", "Condition Site")
# The name authenticator apps show next to a staff member's TOTP codes.
OTP_TOTP_ISSUER = SITE_NAME
# Keys are handed out once, by manage.py totp_enrol; the admin lists devices
# (to delete a lost one) but never shows a key or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Review mail is sent by a background task: the database backend queues it
# and `manage.py db_worker` (started by `make run`) sends it. Tests use the
# immediate backend (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# Search (modelsearch): published articles are indexed in the database itself,
# SQLite FTS5 by default and PostgreSQL full-text search with DATABASE_URL.
# The "simple" configuration (no stemming) makes PostgreSQL match exactly the
# words SQLite matches, so search behaves the same on both.
INSTALLED_APPS += ["modelsearch"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS += ["django.contrib.postgres"]
MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "modelsearch.backends.database",
        # PostgreSQL's text search configuration: "simple" matches words as
        # typed; "english" stems them ("syndromes" finds "syndrome"). After a
        # change, run manage.py rebuild_modelsearch_index. SQLite's FTS5
        # ignores it.
        "SEARCH_CONFIG": os.environ.get("DJANGO_SEARCH_CONFIG", "simple"),
    }
}

# Production fails loudly, at start-up, on what it cannot run well without: a
# guessable key signs forgeable sessions, and mail without a real sender or
# site address sends readers and reviewers to nowhere.
if not DEBUG:
    problems = []
    if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
        problems.append(
            f"DJANGO_SECRET_KEY is {'not set' if not SECRET_KEY else 'too short'}: "
            f"it needs at least {SECRET_KEY_MIN_LENGTH} characters (python -c "
            "'import secrets; print(secrets.token_urlsafe(50))' makes one)."
        )
    if not os.environ.get("SITE_URL"):
        problems.append(
            "SITE_URL is not set: set it to the public address of the site, e.g. "
            "https://conditions.example.org (the base of links in review mail)."
        )
    if not os.environ.get("DJANGO_DEFAULT_FROM_EMAIL"):
        problems.append(
            "DJANGO_DEFAULT_FROM_EMAIL is not set: set it to the address mail is "
            "sent from, e.g. Condition Site <reviews@conditions.example.org>."
        )
    if problems:
        raise ImproperlyConfigured(
            "With DJANGO_DEBUG off the site refuses to start:\n- "
            + "\n- ".join(problems)
        )

# --- Caching and serving (issue 9) -------------------------------------------
# Whole public pages for anonymous readers are kept in the cache (Redis with
# REDIS_URL) for PAGE_CACHE_SECONDS, keyed by the publication generation, so an
# approval is served at once however long this is; 0 turns the page cache off
# (HTTP caching headers stay). Browsers and proxies may keep a public page
# PAGE_MAX_AGE seconds, then serve it stale while they revalidate for
# PAGE_STALE_WHILE_REVALIDATE more (a 304 when nothing changed).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_MAX_AGE = int(os.environ.get("PAGE_MAX_AGE", "60"))
PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_STALE_WHILE_REVALIDATE", "300"))
# Static files need nothing here: with debug off their names carry a hash of
# their content (CompressedManifestStaticFilesStorage, above), and whitenoise
# sends such files "max-age=315360000, public, immutable". It adds the
# Content-Security-Policy to each.
WHITENOISE_ADD_HEADERS_FUNCTION = add_headers
