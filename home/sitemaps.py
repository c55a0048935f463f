"""The sitemap in sections: /sitemap.xml is an index of /sitemap-pages.xml?p=N, each listing
at most SITEMAP_SECTION_SIZE public live pages, so that no answer grows with the site
(20 000 pages were 2 MB and 4.6 s in one answer). Both are kept by the page cache.

Wagtail's sitemap (``wagtail.contrib.sitemaps``) builds a page object, reverses its URL and
renders a template node per page: 0.3 ms a page, 300 ms of CPU for a section of 1 000. Here a
section reads three columns and writes the XML itself (about 10 ms for 1 000). No page type
adds URLs of its own (``get_sitemap_urls``), and slugs are ASCII
(``WAGTAIL_ALLOW_UNICODE_SLUGS = False``): an address is the site's root URL followed by the
page's path under the site root, as ``Page.full_url`` writes it (tests/test_sitemap.py checks
each one against it).

Theme and tag pages are views, not Wagtail pages: one more section (/sitemap-taxonomy.xml)
lists the theme list, every theme and every tag that a live public page carries.
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, Q
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from taggit.models import Tag
from wagtail.models import Page, Site

from cdp_portal.i18n import language_codes

from . import registry
from .content_version import public
from .models import Theme

XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def request_site(request):
    return Site.find_for_request(request) or Site.objects.select_related("root_page").get(
        is_default_site=True
    )


def public_pages(site):
    """Live pages of the site without any view restriction (Wagtail's sitemap does the same)."""
    return (
        Page.objects.descendant_of(site.root_page, inclusive=True).live().public().order_by("path")
    )


def site_prefix(site):
    """The address of ``site``'s root page in the active language (French at the address,
    English under /en/): a page's address is this followed by ``below_root``."""
    return site.root_url + reverse("wagtail_serve", args=("",))


def below_root(url_path, root_path):
    """A page's path under the site root (``url_path`` starts with the root's ``root_path``),
    as ``Page.full_url`` writes it after the site's prefix."""
    return url_path[len(root_path) :]


def sections(site):
    return Paginator(
        public_pages(site).values_list("url_path", "last_published_at"),
        settings.SITEMAP_SECTION_SIZE,
    )


def sitemap_index(request):
    """The sections' addresses, on the site's public address like every page's."""
    site = request_site(request)
    address = site.root_url + reverse("sitemap_section")
    lastmod = public_pages(site).aggregate(latest=Max("last_published_at"))["latest"]
    items = [
        SitemapIndexItem(address if number == 1 else f"{address}?p={number}", lastmod)
        for number in sections(site).page_range
    ]
    items.append(SitemapIndexItem(site.root_url + reverse("sitemap_taxonomy"), lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


def sitemap_section(request):
    site = request_site(request)
    try:
        section = sections(site).page(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
    root_path = site.root_page.url_path
    # Each page's address, and its versions in every interface language (cdp_portal.i18n:
    # French at the address, English under /en/) as alternates, as search engines read them.
    prefixes = []
    for code in language_codes():
        with translation.override(code):
            prefixes.append((code, site_prefix(site)))
    prefix = dict(prefixes)[settings.LANGUAGE_CODE]
    lines = [
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{XMLNS}" xmlns:xhtml="{XHTML}">'
    ]
    for url_path, last_published_at in section.object_list:
        lastmod = f"<lastmod>{last_published_at:%Y-%m-%d}</lastmod>" if last_published_at else ""
        path = below_root(url_path, root_path)
        versions = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(start + path)}"/>'
            for code, start in [*prefixes, ("x-default", prefix)]
        )
        lines.append(f"<url><loc>{escape(prefix + path)}</loc>{lastmod}{versions}</url>")
    lines.append("</urlset>\n")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def used_tags():
    """Slugs of the tags at least one live public page carries (a tag page of nothing is not
    listed)."""
    condition = Q(pk__in=[])
    for model in registry.classified_models:
        pages = public(model.objects.live()).values("pk")
        condition |= Q(
            pk__in=model.tags.through.objects.filter(content_object__in=pages).values("tag_id")
        )
    return Tag.objects.filter(condition).order_by("slug").values_list("slug", flat=True)


def sitemap_taxonomy(request):
    """The theme list, every theme's page and the pages of the tags in use."""
    root = request_site(request).root_url
    addresses = [reverse("theme_list")]
    addresses += [
        reverse("theme_detail", args=[slug])
        for slug in Theme.objects.order_by("slug").values_list("slug", flat=True)
    ]
    addresses += [reverse("tag_detail", args=[slug]) for slug in used_tags()]
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{XMLNS}">']
    lines += [f"<url><loc>{escape(root + address)}</loc></url>" for address in addresses]
    lines.append("</urlset>\n")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
