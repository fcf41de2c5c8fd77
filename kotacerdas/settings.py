"""Settings for Kota Cerdas.

Everything that differs between a laptop and production comes from the environment.
``KC_ENV=production`` turns on the production profile: no debug, HTTPS-only cookies,
HSTS, and a secret key and allowed hosts that must be given explicitly.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kotacerdas.env import env_bool, env_int, env_json_object, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KC_VAR_DIR", str(BASE_DIR / "var")))

KC_ENV = env_str("KC_ENV", "local")
if KC_ENV not in {"local", "production"}:
    raise ImproperlyConfigured(f"KC_ENV must be 'local' or 'production', got {KC_ENV!r}")
PRODUCTION = KC_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)


def _local_secret_key() -> str:
    """A per-machine key kept under var/, so a laptop needs no configuration."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = (
    env_str("SECRET_KEY") if PRODUCTION else env_str("SECRET_KEY", "") or _local_secret_key()
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when KC_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kotacerdas",
    "audit",
    "accounts",
    "regions",
    "selection",
    "enrolment",
    "commitments",
    "readiness",
    "masterplans",
    "mentoring",
    "demo",
    "participation",
    "inbox",
    "trash",
    "monitoring",
    "evaluation",
    "portal",
    "guide",
    "jobs",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kotacerdas.middleware.StripNulMiddleware",
    "kotacerdas.middleware.ContentSecurityPolicyMiddleware",
    "api.middleware.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kotacerdas.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kotacerdas.middleware.IdleSessionMiddleware",
    "audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kotacerdas.urls"
WSGI_APPLICATION = "kotacerdas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inbox.views.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kotacerdas.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves one machine; WAL lets readers and a writer overlap.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file like production does: an in-memory database shares one cache between
    # threads and answers concurrent writers with "table is locked" instead of waiting.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "inbox:home"
LOGOUT_REDIRECT_URL = "portal:home"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if redis_url := env_str("REDIS_URL", ""):
    CACHES = {
        # Shared by every app server: login throttling must agree between them.
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "kc",
        }
    }

# Long work (the masterplan book) runs as tasks (docs/decisions/0002): queued in the database
# and done by `manage.py db_worker`, which `make run` starts beside the web server. The tests
# run each task as it is queued (the immediate backend).
TASKS = {
    "default": {
        "BACKEND": env_str("KC_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kotacerdas.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves collected files (collectstatic into STATIC_ROOT); a laptop serves them
# straight from the source folders through WhiteNoise's finders.
_static_root = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_ROOT = _static_root if PRODUCTION or _static_root.is_dir() else None
WHITENOISE_USE_FINDERS = not PRODUCTION
# Uploaded files (progress evidence): the local disk under MEDIA_ROOT by default; object storage
# by naming another backend and its options, e.g. django-storages' S3 (docs/deploy.md, 9).
STORAGES = {
    "default": {
        "BACKEND": env_str("KC_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json_object("KC_MEDIA_STORAGE_OPTIONS"),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kota Cerdas <noreply@kotacerdas.local>")
# Links in e-mails (notifications) need the site's own address: a mail has no "current host".
# Required in production, where a loopback default would send every reader a dead link.
# The folder of the DejaVu fonts the masterplan book (Typst) is set in: Debian's
# fonts-dejavu-core by default; elsewhere (macOS, another distribution) where they are.
KC_PDF_FONTS = env_str("KC_PDF_FONTS", "/usr/share/fonts/truetype/dejavu")
KC_SITE_URL = env_str("KC_SITE_URL", None if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")

# Requests are small forms and JSON; files (evidence, imports) come with their own limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("KC_MAX_REQUEST_BYTES", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
KC_MAX_UPLOAD_BYTES = env_int("KC_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
KC_EVIDENCE_MAX_BYTES = env_int("KC_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# Spreadsheets (kotacerdas/sheets.py): checked while streaming, before anything is held whole.
# A 150-program masterplan workbook is about 60 KB and unpacks to under 1 MB; a national
# indicator file (514 regions x 10 indicators x 8 years) is about 41,000 rows.
KC_MAX_UNPACKED_BYTES = env_int("KC_MAX_UNPACKED_BYTES", 20 * 1024 * 1024)
KC_MAX_SHEETS = env_int("KC_MAX_SHEETS", 20)
KC_MAX_ROWS = env_int("KC_MAX_ROWS", 100_000)
KC_MAX_CELLS = env_int("KC_MAX_CELLS", 2_000_000)
KC_MAX_PROBLEMS_LISTED = env_int("KC_MAX_PROBLEMS_LISTED", 200)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

SESSION_COOKIE_HTTPONLY = True
# Signed-in sessions end after this long without a request (kotacerdas.middleware.IdleSession).
KC_SESSION_IDLE_SECONDS = env_int("KC_SESSION_IDLE_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_AGE = KC_SESSION_IDLE_SECONDS
# A password reset link works once (Django's token), and only this long.
PASSWORD_RESET_TIMEOUT = env_int("KC_PASSWORD_RESET_SECONDS", 60 * 60)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every font it subsets at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The name the platform shows; the program's owner ministry changes with governments.
KC_PLATFORM_NAME = "Kota Cerdas"
KC_DATA_DIR = BASE_DIR / "data"
KC_ADMIN_PATH = env_str("KC_ADMIN_PATH", "admin/")
# How many reverse proxies (nginx, a load balancer) stand before the app: their
# X-Forwarded-For entries give the visitor's address for the audit log and login throttling.
KC_TRUSTED_PROXIES = env_int("KC_TRUSTED_PROXIES", 0)
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 1000
