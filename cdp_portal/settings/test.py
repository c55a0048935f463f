from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
# The address the tests' site (tests/conftest.py: localhost, port 80) answers at.
PUBLIC_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = PUBLIC_URL
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off, so that no test sees a page kept by another; tests/test_page_cache.py turns it on.
PAGE_CACHE_ENABLED = False
MEDIA_ROOT = BASE_DIR / ".test-media"
AXES_ENABLED = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Django's backend with a flush by DELETE (see cdp_portal.test_backends.postgresql).
    DATABASES["default"]["ENGINE"] = "cdp_portal.test_backends.postgresql"  # noqa: F405
    # A throwaway database: a commit does not wait for its WAL to reach the disk (a crash
    # of the server could lose the last commits of a test run, nothing else).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
