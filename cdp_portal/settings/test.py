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
