"""The database engine supports SQLite and PostgreSQL only: anything else fails at start."""

from django.core import checks
from django.db import connections


@checks.register(checks.Tags.compatibility)
def supported_database(app_configs=None, databases=None, **kwargs):
    vendor = connections["default"].vendor
    if vendor in ("sqlite", "postgresql"):
        return []
    return [
        checks.Error(
            f"The search engine supports SQLite and PostgreSQL, not {vendor}.",
            hint="Set DATABASE_URL to a SQLite or PostgreSQL database.",
            id="search.E001",
        )
    ]
