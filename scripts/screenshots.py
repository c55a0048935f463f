"""Screenshots of every page a visitor or an editor sees, at 360 px and 1280 px, to look at them.

    DJANGO_SETTINGS_MODULE=cdp_portal.settings.dev .venv/bin/python scripts/screenshots.py \\
        --base http://127.0.0.1:8000 --out /tmp/shots --prefix look- \\
        [--editor aprofem-editeur]   # password from CDP_DEMO_PASSWORD

Runs against a served site with the demo loaded (``make run``); finds one live page of each type
in its database, adds the listings with a filter, the search with and without results, the print
sheet and booklet, a missing page, and (with --editor) the admin dashboard and a page edit form.
Saves ``<prefix><name>-<width>.png`` (full page) and prints for each one its HTML weight, the
header's height and whether it scrolls sideways. Not a test: the checks are in tests/test_look.py.
"""

import argparse
import os
import sys
from pathlib import Path

import django

WIDTHS = (360, 1280)
SHOT_BY_SLUG = {"community", "standard"}  # shot below by slug (Ségou, Kayes, À propos, ...)
HEIGHT = 800


def first_url(model, **filters):
    page = model.objects.live().filter(**filters).order_by("path").first()
    return page.url if page else None


def public_urls():
    """Name → address of one page of each kind, in the order a visitor meets them."""
    # Django and the models load only after django.setup() (``__main__`` below).
    from django.urls import reverse
    from taggit.models import Tag
    from wagtail.models import Page

    from events.models import MeetingPage
    from events.models.meetings import MeetingKind
    from home.models import Theme

    urls = {"home": "/"}
    seen = set()
    for page in Page.objects.live().filter(depth__gt=2).specific().order_by("path"):
        name = type(page).__name__.removesuffix("Page").lower() or "page"
        if name not in seen and name not in SHOT_BY_SLUG and page.url:
            seen.add(name)
            urls[name] = page.url
    for slug in ("segou", "kayes"):
        community = Page.objects.live().filter(slug=slug).first()
        if community:
            urls[f"community-{slug}"] = community.url
    for slug in ("a-propos", "sortie-rapide", "contact", "mentions-legales"):
        standard = Page.objects.live().filter(slug=slug).first()
        if standard:
            urls[slug] = standard.url
    if "practiceindex" in urls and "communaute" not in urls["practiceindex"]:
        urls["practiceindex-filtered"] = urls["practiceindex"] + "?communaute=segou"
    if "practice" in urls:
        urls["practice-sheet"] = urls["practice"] + "fiche/"
    urls["booklet"] = reverse("practice_booklet")
    search = reverse("search")
    urls["search"] = search + "?q=mariage"
    urls["search-empty"] = search + "?q=zzzqqq"
    urls["search-filtered"] = search + "?q=mariage&type=practice&communaute=segou"
    exchange_visit = MeetingPage.objects.live().filter(kind=MeetingKind.EXCHANGE_VISIT).first()
    if exchange_visit:
        urls["exchange-visit"] = exchange_visit.url
    urls["themes"] = reverse("theme_list")
    theme, tag = Theme.objects.order_by("pk").first(), Tag.objects.order_by("pk").first()
    if theme:
        urls["theme"] = reverse("theme_detail", args=[theme.slug])
    if tag:
        urls["tag"] = reverse("tag_detail", args=[tag.slug])
    urls["open-data"] = reverse("open_data")
    urls["not-found"] = "/nulle-part/"
    return urls


def editor_urls():
    # Django and the models load only after django.setup() (``__main__`` below).
    from django.urls import reverse
    from wagtail.models import Page

    from practices.models import PracticePage

    urls = {
        "propose-practice": reverse("propose_practice"),
        "propose-tool": reverse("propose_tool"),
        "admin-dashboard": "/admin/",
    }
    practice = PracticePage.objects.live().order_by("path").first()
    if practice:
        urls["admin-edit"] = f"/admin/pages/{practice.pk}/edit/"
        urls["admin-explore"] = f"/admin/pages/{practice.get_parent().pk}/"
    urls["admin-documents"] = "/admin/documents/"
    urls["admin-snippets"] = "/admin/snippets/"
    root = Page.objects.filter(depth=2).first()
    if root:
        urls["admin-add-subpage"] = f"/admin/pages/{root.pk}/add_subpage/"
    return urls


def header_bottom(page):
    return page.evaluate(
        "(() => { const h = document.querySelector('.site-header');"
        " return h ? Math.round(h.getBoundingClientRect().bottom) : null })()"
    )


def shoot(page, base, urls, out, prefix, width):
    for name, url in urls.items():
        response = page.goto(base + url)
        status = response.status if response else "?"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        size = len(page.content().encode())
        header = header_bottom(page)
        path = out / f"{prefix}{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        flag = "  SCROLLS SIDEWAYS" if scroll > width else ""
        kb = size // 1024
        print(f"{width:>5} {status} {name:<24} {url:<58} {kb:>3} KB header {header}{flag}")


def server_error_html():
    """The site's 500 page as the handler renders it (no address of the site fails on purpose)."""
    # Django and the models load only after django.setup() (``__main__`` below).
    from django.test import RequestFactory

    from home.views import server_error

    return server_error(RequestFactory().get("/")).content.decode()


def shoot_server_error(page, base, out, prefix, width):
    page.goto(base + "/")
    page.set_content(server_error_html())
    page.screenshot(path=str(out / f"{prefix}server-error-{width}.png"), full_page=True)
    print(f"{width:>5} 500 server-error header {header_bottom(page)}")


def log_in(page, base, username, password):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--prefix", default="")
    parser.add_argument("--editor", help="demo account for the admin pages")
    parser.add_argument("--only", help="comma-separated names to shoot")
    args = parser.parse_args()

    # After the arguments: ``--help`` works without the browser tooling (a dev dependency).
    from playwright.sync_api import sync_playwright

    # Importable once the project's root is on the path (``__main__`` below).
    from tests.browser import launch_chromium

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    urls = public_urls()
    admin = editor_urls() if args.editor else {}
    if args.only:
        wanted = set(args.only.split(","))
        urls = {k: v for k, v in urls.items() if k in wanted}
        admin = {k: v for k, v in admin.items() if k in wanted}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": HEIGHT}, locale="fr-FR"
            )
            page = context.new_page()
            shoot(page, args.base, urls, out, args.prefix, width)
            if not args.only or "server-error" in args.only.split(","):
                shoot_server_error(page, args.base, out, args.prefix, width)
            if admin:
                log_in(page, args.base, args.editor, os.environ["CDP_DEMO_PASSWORD"])
                shoot(page, args.base, admin, out, args.prefix, width)
            context.close()
        browser.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cdp_portal.settings.dev")
    django.setup()
    main()
