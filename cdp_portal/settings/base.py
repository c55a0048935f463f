"""Settings shared by every environment; deployments change them through environment variables."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
# The address visitors use (scheme, host, port): every absolute link is built from it, through
# the default Wagtail Site that `migrate`, `load_demo` and `set_public_url` align with it.
PUBLIC_URL = env("PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")
PUBLIC_HOST = urlsplit(PUBLIC_URL).hostname or "localhost"
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=sorted({"localhost", "127.0.0.1", "[::1]", PUBLIC_HOST})
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "home",
    "practices",
    "events",
    "search",
    "alerts",
    "offline",
    "demo",
    "operations",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the rest: a kept page is served without them (see cdp_portal.page_cache).
    "cdp_portal.page_cache.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # After GZip: the ETag of the uncompressed page, and 304 answers.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address: /en/… English, anything else French (cdp_portal.i18n).
    "cdp_portal.i18n.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.admin_visibility.MemberAdminScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "cdp_portal.middleware.SafetyHeadersMiddleware",
    # After the headers above (its 400 carries them), before anything that reads the address.
    "cdp_portal.middleware.MalformedUrlMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a throttled login never reaches the views.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cdp_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cdp_portal.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A persistent connection is checked before each request reuses it: after a database restart
# the stale one is dropped and replaced, the site recovers by itself. While the database is
# unreachable, pages answer the 503 page (home.views.server_error).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): 5 wrong passwords for one user name from one address, or
# 20 from one address whatever the user names (password spraying), lock for an hour; see
# cdp_portal.login_throttle. Not reset by a success: a sprayer holding one valid account
# must not be able to clear the address's count with it.
LOGIN_FAILURES_PER_USER = 5
LOGIN_FAILURES_PER_ADDRESS = 20
AXES_FAILURE_LIMIT = "cdp_portal.login_throttle.failure_limit"
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = False
# The client address: REMOTE_ADDR, or the one vouched for by the number of reverse proxies
# in front of the application (README, « Deploying in production »). Never a header the
# client can forge.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "cdp_portal.client_ip.client_ip"

# French first, English second; Mali's time zone.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Africa/Bamako"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# French dates with non-breaking spaces (cdp_portal/formats/fr). Numbers are grouped with
# |intcomma where a count is shown, not with USE_THOUSAND_SEPARATOR, which would also group
# years and ids (« 2 025 »).
FORMAT_MODULE_PATH = ["cdp_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATICFILES_DIRS = [BASE_DIR / "cdp_portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Where `make backup` writes its dated archives (see operations/backup.py).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env("REDIS_URL", default=""):
    # Redis is only a cache: when it is down or slow every call is a miss after at most
    # half a second, pages are computed again, and the failure is logged as one warning
    # (cdp_portal.log_filters.OutageWarningFilter), not once per call.
    CACHES["default"] = env.cache("REDIS_URL")
    CACHES["default"].setdefault("OPTIONS", {}).update(
        IGNORE_EXCEPTIONS=True,
        SOCKET_CONNECT_TIMEOUT=env.float("REDIS_TIMEOUT", default=0.5),
        SOCKET_TIMEOUT=env.float("REDIS_TIMEOUT", default=0.5),
    )
# Whole pages for anonymous visitors (cdp_portal.page_cache), kept PAGE_CACHE_TIMEOUT seconds
# and dropped at once by any content change; browsers and proxies may keep them
# PAGE_CACHE_MAX_AGE seconds. On by default only with a cache shared by the workers (Redis):
# with local memory a publish would reach one worker's copy only.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=bool(env("REDIS_URL", default="")))
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=120)
# A caching reverse proxy in front (README, « Deploying in production »): Wagtail purges a
# page's addresses there when it is published, unpublished or deleted. Unset: not installed.
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL", default="")
if FRONTEND_CACHE_URL:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
# Pages per section of the sitemap (home.sitemaps): each section stays small and fast.
SITEMAP_SECTION_SIZE = env.int("SITEMAP_SECTION_SIZE", default=1000)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "cdp_portal.cache"
# Sessions live in the database alone (Django's default engine), never in Redis: a Redis
# restart logs nobody out, and a logout during a Redis outage cannot be undone by a stale
# cached copy coming back (the risk with "cached_db").
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Uploads: documents people download on costly connections stay small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt", "mp3"]
# Always through Wagtail's view, so that home/wagtail_hooks.py decides who may download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Uploads are checked by content (magic bytes), not only by extension.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cdp_portal.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "gif": "webp"}

WAGTAIL_SITE_NAME = "Portail des CdP – Droits des femmes et des filles"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PUBLIC_URL)
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin loads nothing from other hosts either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False

WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="cdp_"),
        **({"SEARCH_CONFIG": "cdp_french"} if IS_POSTGRES else {}),
    }
}
# The JSON API (/api/v2/, cdp_portal.api): items per request at most, requests per client
# address (DRF's "N/second|minute|hour|day"), seconds browsers and proxies may keep an answer.
# Its `search` is the project's engine, never Wagtail's search backend.
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_SEARCH_ENABLED = False
API_RATE = env("API_RATE", default="120/minute")
API_MAX_AGE = env.int("API_MAX_AGE", default=300)
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="cdp")
# A sick cluster must cost the site nothing: short timeouts, no retries, and a circuit
# breaker shared by the workers through the cache (search.engines.circuit).
ELASTICSEARCH_CONNECT_TIMEOUT = env.float("ELASTICSEARCH_CONNECT_TIMEOUT", default=0.5)
ELASTICSEARCH_READ_TIMEOUT = env.float(
    "ELASTICSEARCH_READ_TIMEOUT", default=env.float("ELASTICSEARCH_TIMEOUT", default=1.5)
)
ELASTICSEARCH_BREAKER_FAILURES = env.int("ELASTICSEARCH_BREAKER_FAILURES", default=3)
ELASTICSEARCH_BREAKER_COOLOFF = env.float("ELASTICSEARCH_BREAKER_COOLOFF", default=30.0)

# Background work (search indexing, document text extraction). Immediate unless a
# deployment turns on the database queue (TASKS_BACKEND=database + `manage.py db_worker`).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(default_backend):
    """TASKS for ``TASKS_BACKEND`` (immediate or database), ``default_backend`` when unset."""
    name = env("TASKS_BACKEND", default=default_backend)
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(f"TASKS_BACKEND={name!r}: choose one of {sorted(TASK_BACKENDS)}")
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = tasks_setting("immediate")

# Document text extraction runs in a child process (cdp_portal.extraction): its wall-clock
# limit, and optional overrides of cdp_portal.extraction.DEFAULT_LIMITS (pages, paragraphs,
# uncompressed bytes, memory, CPU seconds).
DOCUMENT_EXTRACTION_TIMEOUT = env.float("DOCUMENT_EXTRACTION_TIMEOUT", default=30.0)
DOCUMENT_EXTRACTION_LIMITS = {}
# Seconds ffmpeg may take to convert one voice note (practices.audio); past it, the original
# recording is kept and served as uploaded.
VOICE_NOTE_CONVERSION_TIMEOUT = env.float("VOICE_NOTE_CONVERSION_TIMEOUT", default=120.0)

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portail-cdp@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Content-Security-Policy: nothing from other hosts. The Wagtail admin gets its own,
# looser policy (its editor uses inline scripts), see cdp_portal.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Nothing may frame the public site (a survivor's page inside another site is a trap);
# Wagtail's preview views opt back in to SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites (the quick exit's neutral site first) never learn where the visitor came from.
# Not "no-referrer": browsers then send "Origin: null" with forms and the CSRF check refuses
# every POST, the admin's login included.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redis_outage": {
            "()": "cdp_portal.log_filters.OutageWarningFilter",
            "message": "Redis unreachable: cache calls answer as misses",
            "interval": 300,
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {"cdp_portal.cache": {"filters": ["redis_outage"]}},
}

PORTAL_NAME = _("Portail des communautés de pratique")
