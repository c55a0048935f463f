from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# Benchmark tooling (make bench) writes synthetic pages straight into the tree: development only.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405

# The site's own 404 and 500 pages (with the quick exit) under `make run`, as visitors see them;
# STYLED_ERROR_PAGES=0 shows Django's debug pages instead. Last in the list: it sees the views'
# exceptions first.
if env.bool("STYLED_ERROR_PAGES", default=True):
    MIDDLEWARE = [*MIDDLEWARE, "cdp_portal.middleware.DevelopmentErrorPagesMiddleware"]  # noqa: F405
