"""French date formats with non-breaking spaces: « 2 octobre 2025 » never breaks across lines.
Everything not set here comes from Django's own French formats (FORMAT_MODULE_PATH)."""

DATE_FORMAT = "j\xa0F\xa0Y"
YEAR_MONTH_FORMAT = "F\xa0Y"
MONTH_DAY_FORMAT = "j\xa0F"
DATETIME_FORMAT = "j\xa0F\xa0Y, H\xa0\\h\xa0i"
