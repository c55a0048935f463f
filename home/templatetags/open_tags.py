"""Tags for what other sites and readers reuse: feed links, open-data links, the Open Graph
image and the share block."""

from django import template
from django.templatetags.static import static
from django.utils.translation import gettext as _

from home import registry
from home.content_version import cached_for_page
from home.feeds import absolute, site_feed_source, site_root_url
from home.opendata import export_urls
from home.templatetags.portal_tags import human_size

register = template.Library()

DEFAULT_OG_IMAGE = "img/og-default.png"
DEFAULT_OG_SIZE = (1200, 630)
# The page's own picture, in this order; else its organisation's logo.
PAGE_IMAGE_FIELDS = ("main_image", "cover_image", "logo")
ORGANIZATION_FIELDS = ("organization", "lead_organization")
PHOTO_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
LOGO_SPEC = "max-1200x630|format-png"


@register.simple_tag(takes_context=True)
def site_feeds(context):
    """The « everything new » feeds, linked from every page's head."""
    request = context.get("request")
    if request is None:
        return []
    return site_feed_source(request).alternates()


@register.inclusion_tag("tags/open_data_links.html")
def open_data_links(slug, listing=None):
    """« Télécharger les données » of a listing: its dataset with the listing's filters."""
    dataset = next((d for d in registry.datasets if d.slug == slug), None)
    if dataset is None:
        return {}
    pairs = listing.query_pairs() if hasattr(listing, "query_pairs") else []  # "" if none
    return {"dataset": dataset, "urls": export_urls(dataset, pairs), "filtered": bool(pairs)}


def _image_of(page):
    for name in PAGE_IMAGE_FIELDS:
        if getattr(page, f"{name}_id", None):
            return getattr(page, name), (LOGO_SPEC if name == "logo" else PHOTO_SPEC)
    for name in ORGANIZATION_FIELDS:
        organization = getattr(page, name, None) if getattr(page, f"{name}_id", None) else None
        if organization is not None and organization.live and organization.logo_id:
            return organization.logo, LOGO_SPEC
    return None, None


def _og_image(page, root):
    image, spec = _image_of(page)
    if image is not None:
        try:
            rendition = image.get_rendition(spec)
        except OSError:  # SourceImageIOError: the file is missing
            rendition = None
        if rendition is not None:
            return {
                "url": absolute(None, rendition.url, root),
                "width": rendition.width,
                "height": rendition.height,
                "alt": image.title,
                "type": "image/png" if spec == LOGO_SPEC else "image/jpeg",
            }
    return {}


@register.simple_tag(takes_context=True)
def og_image(context):
    """The Open Graph image: the page's picture, else its organisation's logo, else the
    site's default (cdp_portal/static/img/og-default.png, made by scripts/make_og_image.py).
    Renditions are looked up once per content change (always afresh for a preview)."""
    request = context.get("request")
    page = context.get("page")
    root = site_root_url(request) if request is not None else ""
    found = None
    if page is not None and getattr(page, "pk", None):
        found = cached_for_page(page, request, f"og-image-{root}", lambda: _og_image(page, root))
    if found:
        return found
    width, height = DEFAULT_OG_SIZE
    return {
        "url": absolute(None, static(DEFAULT_OG_IMAGE), root),
        "width": width,
        "height": height,
        "alt": _("Portail des communautés de pratique de Ségou et de Kayes"),
        "type": "image/png",
    }


@register.filter
def byte_size(size):
    """'48 ko' (see portal_tags.human_size)."""
    return human_size(size or 0)
