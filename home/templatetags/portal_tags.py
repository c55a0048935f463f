from django import template
from django.urls import reverse
from wagtail.models import Page, Site

from home.models import PortalSettings, StandardPage

register = template.Library()

QUICK_EXIT_HELP_SLUG = "sortie-rapide"
FOOTER_SLUGS = ("a-propos", "contact", "mentions-legales")


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else Site.objects.filter(is_default_site=True).first()


@register.simple_tag(takes_context=True)
def quick_exit_url(context):
    site = _site(context)
    if site is None:
        return PortalSettings._meta.get_field("quick_exit_url").default
    return PortalSettings.for_site(site).quick_exit_url


@register.simple_tag(takes_context=True)
def quick_exit_help_url(context):
    page = StandardPage.objects.live().filter(slug=QUICK_EXIT_HELP_SLUG).first()
    return page.url if page else "/"


@register.simple_tag(takes_context=True)
def main_menu_items(context):
    site = _site(context)
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().in_menu().specific(defer=True)


@register.simple_tag(takes_context=True)
def footer_links(context):
    return StandardPage.objects.live().filter(slug__in=FOOTER_SLUGS).order_by("path")


@register.filter
def document_format(document):
    """'PDF · 1,2 Mo' shown before a download: data is costly."""
    from django.template.defaultfilters import filesizeformat

    extension = (document.file_extension or "").upper()
    size = document.get_file_size()
    return f"{extension} · {filesizeformat(size)}" if size else extension


@register.simple_tag
def url_for(name, *args):
    return reverse(name, args=args)


@register.simple_tag
def page_description(page):
    """The meta description: the promote tab's, else the page's summary or introduction."""
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    text = page.search_description or getattr(page, "summary", "") or getattr(page, "introduction", "")
    return Truncator(strip_tags(text or "")).chars(200)
