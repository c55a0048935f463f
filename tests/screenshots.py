"""Screenshots of every page type at 360 px and 1280 px, to look at them (not committed).

    DJANGO_SETTINGS_MODULE=cdp_portal.settings.dev .venv/bin/python tests/screenshots.py \\
        http://127.0.0.1:8000 /tmp/shots

Runs against a served site (``make run``); finds one live page of each type in its database.
"""

import os
import sys
from pathlib import Path

import django

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def page_type_urls():
    from django.urls import NoReverseMatch, reverse
    from taggit.models import Tag
    from wagtail.models import Page

    from home.models import Theme

    urls, seen = {}, set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        name = type(page).__name__
        if name not in seen and page.url:
            seen.add(name)
            urls[name] = page.url
    extra = {"ThemeList": ("theme_list", []), "Search": ("search", [])}
    theme, tag = Theme.objects.first(), Tag.objects.first()
    if theme:
        extra["Theme"] = ("theme_detail", [theme.slug])
    if tag:
        extra["Tag"] = ("tag_detail", [tag.slug])
    for name, (route, args) in extra.items():
        try:
            urls[name] = reverse(route, args=args)
        except NoReverseMatch:
            pass
    urls["Search"] = urls.get("Search", "/recherche/") + "?q=mariage"
    urls["NotFound"] = "/nulle-part/"
    return urls


def main(base, out):
    from playwright.sync_api import sync_playwright

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    urls = page_type_urls()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="fr-FR")
            for name, url in urls.items():
                page.goto(base + url)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                size = len(page.content().encode())
                path = out / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                flag = "  SCROLLS SIDEWAYS" if scroll > width else ""
                print(f"{width:>5} {name:<28} {url:<50} {size // 1024:>3} KB{flag}")
            page.close()
        browser.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cdp_portal.settings.dev")
    django.setup()
    main(*(sys.argv[1:3] if len(sys.argv) > 2 else ("http://127.0.0.1:8000", "/tmp/shots")))
