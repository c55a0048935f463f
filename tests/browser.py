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


def each_width(page, widths, height):
    """The page as loaded, at each of ``widths`` in turn (its viewport resized, ``height`` px
    high): the widths of one page cost one request to the server instead of one each. The
    site's layout follows the viewport through its style sheet alone, and none of its scripts
    reads the width (``cdp_portal/static/js``), so a page resized to a width is laid out as one
    loaded at it."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        yield width


def load_at(page, url, width, height):
    """``url`` loaded in ``page`` at ``width`` × ``height`` px (before ``each_width``)."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
