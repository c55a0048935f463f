from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# Benchmark tooling (make bench) writes synthetic pages straight into the tree: development only.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
