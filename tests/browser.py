"""Headless Chromium from Debian (Playwright cannot download browsers here), launched the same
way by the browser tests (``conftest.chromium``) and by ``scripts/screenshots.py``."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Nothing in the background and no request to another host: only the pages asked for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch_chromium(playwright):
    """A headless Chromium browser from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
