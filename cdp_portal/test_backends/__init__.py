"""Database backends for the test settings only (``cdp_portal.settings.test``)."""
