from html import unescape

from django import template
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.formats import number_format
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeData
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy, ngettext
from wagtail.models import Locale, Site

from cdp_portal import typography
from cdp_portal.dates import long_date as _long_date
from cdp_portal.i18n import in_interface_language, path_in_language, url_in_language
from home.content_version import cached_by_content
from home.listing import Listing
from home.member_spaces import organizations_of
from home.models import PortalSettings, StandardPage
from home.workflows import EDITORS_GROUP, MODERATORS_GROUP, is_superuser_or_in

register = template.Library()

QUICK_EXIT_HELP_SLUG = "sortie-rapide"
FOOTER_SLUGS = ("a-propos", "contact", "mentions-legales")


def _site(context):
    request = context.get("request")
    if request:
        return Site.find_for_request(request)
    return Site.objects.filter(is_default_site=True).first()


def default_quick_exit_url():
    """The neutral site used when the settings cannot be read (no site, no database)."""
    return PortalSettings._meta.get_field("quick_exit_url").default


def portal_settings(request):
    """``PortalSettings.for_request``, read from the database once per content change: the
    instance is kept where ``for_request`` looks first, so the footer's
    ``settings.home.PortalSettings`` reuses it."""
    attribute = PortalSettings.get_cache_attr_name()
    if not hasattr(request, attribute):
        site = Site.find_for_request(request)
        if site is None:
            return PortalSettings.for_request(request)  # raises DoesNotExist, as Wagtail's
        instance = cached_by_content(
            f"portal-settings-{site.pk}", lambda: PortalSettings.for_site(site), per_language=False
        )
        instance._request = request  # as for_request does: page URLs from this request
        setattr(request, attribute, instance)
    return getattr(request, attribute)


@register.simple_tag(takes_context=True)
def quick_exit_url(context):
    request = context.get("request")
    try:
        if request is not None:
            return portal_settings(request).quick_exit_url
        site = _site(context)
        return PortalSettings.for_site(site).quick_exit_url if site else default_quick_exit_url()
    except (PortalSettings.DoesNotExist, DatabaseError):
        return default_quick_exit_url()


@register.simple_tag(takes_context=True)
def quick_exit_help_url(context):
    """The short note on what quick exit does; looked up once per request (bar and footer)."""
    request = context.get("request")
    cached = getattr(request, "_quick_exit_help_url", None)
    if cached is not None:
        return cached

    def find():
        page = StandardPage.objects.live().filter(slug=QUICK_EXIT_HELP_SLUG).first()
        return (page.get_url(request) if page else None) or "/"

    # Per language: the address is /en/… under the English interface.
    url = cached_by_content(f"quick-exit-help-url-{_site_key(context)}", find)
    if request is not None:
        request._quick_exit_help_url = url
    return url


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's full URL, or the current path at the public address (settings.PUBLIC_URL)
    without its query string for other views."""
    page = context.get("page")
    request = context.get("request")
    if page is not None and hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
        if url:
            return url
    return settings.PUBLIC_URL + escape_uri_path(request.path) if request is not None else ""


def _site_key(context):
    site = _site(context)
    return site.pk if site else 0


@register.simple_tag(takes_context=True)
def main_menu_items(context):
    """Read once per content change (home.content_version), not once per request. Whole
    specific pages: the menu shows a section's short ``menu_title`` (SectionPage.menu_label)."""
    site = _site(context)
    if site is None:
        return []
    return cached_by_content(
        f"main-menu-{site.pk}",
        lambda: list(site.root_page.get_children().live().in_menu().specific()),
        per_language=False,
    )


@register.simple_tag(takes_context=True)
def menu_position(context):
    """Where the page being shown sits in the main menu, as a short text: ``"<pk>"`` when it
    lies below the menu item ``pk``, ``"<pk>="`` when it is that item, ``""`` elsewhere. The
    only thing the rendered menu depends on besides the content, the language and the host:
    the key of its cached fragment (templates/includes/header.html)."""
    page = context.get("page")
    path = getattr(page, "path", None)
    if not path:
        return ""
    for item in main_menu_items(context):
        if is_within(page, item):
            return f"{item.pk}=" if page.pk == item.pk else str(item.pk)
    return ""


@register.simple_tag(takes_context=True)
def footer_links(context):
    return cached_by_content(
        "footer-links",
        lambda: list(StandardPage.objects.live().filter(slug__in=FOOTER_SLUGS).order_by("path")),
        per_language=False,
    )


SIZE_UNITS = (
    (1024**3, gettext_lazy("%(size)s Go")),
    (1024**2, gettext_lazy("%(size)s Mo")),
    (1024, gettext_lazy("%(size)s ko")),
)


def human_size(size):
    """'1,2 Mo', '48 ko': the units French readers know (Django's own says 'Mio')."""
    for factor, text in SIZE_UNITS:
        if size >= factor:
            value = size / factor
            decimals = 0 if factor == 1024 or value >= 100 or value == int(value) else 1
            text = text % {"size": number_format(round(value, decimals), decimal_pos=decimals)}
            break
    else:
        text = ngettext("%(size)d octet", "%(size)d octets", size) % {"size": size}
    return text.replace(" ", "\xa0")  # the unit stays beside its number


@register.filter
def document_format(document):
    """'PDF · 1,2 Mo' shown before a download: data is costly."""
    extension = (document.file_extension or "").upper()
    try:
        size = document.get_file_size()
    except OSError:
        size = None
    return f"{extension} · {human_size(size)}" if size else extension


@register.filter
def long_date(value):
    """« 1er décembre 2026 », « 2 décembre 2026 » (cdp_portal.dates)."""
    return _long_date(value)


@register.simple_tag
def static_version():
    """What the static files' addresses depend on besides their names: the hash of the
    manifest of ``ManifestStaticFilesStorage`` (each deployment's ``collectstatic``), empty
    with the plain storage of development. The key of the cached ``<head>`` links."""
    return getattr(staticfiles_storage, "manifest_hash", "") or ""


@register.simple_tag
def url_for(name, *args):
    return reverse(name, args=args)


@register.simple_tag
def page_description(page):
    """The meta description: the promote tab's, else the page's summary, introduction or
    description (an organisation's)."""
    text = (
        getattr(page, "search_description", "")
        or getattr(page, "summary", "")
        or getattr(page, "introduction", "")
        or getattr(page, "description", "")
    )
    if not isinstance(text, str):  # a RichText or StreamValue
        text = str(text)
    text = " ".join(unescape(strip_tags(text or "")).split())
    return Truncator(text).chars(200)


@register.simple_tag
def quick_exit_fallback_url():
    """For the 500 page, which must render without the database."""
    return default_quick_exit_url()


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or lies below it (marks the current menu item)."""
    path, section_path = getattr(page, "path", None), getattr(section, "path", None)
    return bool(path and section_path and path.startswith(section_path))


def _language_of(item, request=None):
    """The language ``item``'s content is written in: a page's Wagtail locale, else the
    default language (themes, tags, settings and the rest are written in French)."""
    locale_id = getattr(item, "locale_id", None) if item is not None else None
    code = None
    if locale_id is not None:
        codes = getattr(request, "_locale_codes", None)
        if codes is None:
            codes = cached_by_content(
                "locale-codes",
                lambda: dict(Locale.objects.values_list("pk", "language_code")),
                per_language=False,
            )
            if request is not None:
                request._locale_codes = codes
        code = codes.get(locale_id)
    return (code or settings.LANGUAGE_CODE).split("-")[0]


@register.simple_tag(takes_context=True)
def content_language(context):
    """The language the page's content is written in (its Wagtail locale): French for every
    page today, whatever the interface language (the address's, cdp_portal.i18n)."""
    return _language_of(context.get("page"), context.get("request"))


@register.simple_tag(takes_context=True)
def content_lang(context, item=None):
    """`` lang="fr"`` on an element that holds content (a title, a summary, a body, a tag)
    when the interface is in another language, so that screen readers and translators read
    it as French; nothing when both agree. ``item`` is the page or object the content comes
    from (default: the page being shown)."""
    if item is None:
        item = context.get("page")
    code = _language_of(item, context.get("request"))
    if code == (get_language() or settings.LANGUAGE_CODE).split("-")[0]:
        return ""
    return format_html(' lang="{}"', code)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The address being shown in each interface language, for the language switch and the
    ``hreflang`` alternates: ``code``, ``name`` (in its own language), ``url`` (the path with
    its query string), ``full_url`` (the canonical address in that language), ``current``
    and ``default``."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    # Read by the header, the footer and the page's head: computed once per request.
    cached = getattr(request, "_language_versions", None)
    if cached is not None and cached[0] == current:
        return cached[1]
    listing = context.get("listing")
    if isinstance(listing, Listing):
        # A listing's own address keeps only its valid filters (never an unknown value).
        path = listing.url(listing.page.number)
    else:
        path = request.get_full_path()
    canonical = canonical_url(context)
    versions = [
        {
            "code": code,
            "name": name,
            "url": path_in_language(path, code),
            "full_url": url_in_language(canonical, code) if canonical else "",
            "current": code == current,
            "default": code == settings.LANGUAGE_CODE,
        }
        for code, name in settings.LANGUAGES
    ]
    request._language_versions = (current, versions)
    return versions


@register.simple_tag(takes_context=True)
def member_organizations(context):
    """The organisations the visitor may propose content for (none for anonymous visitors);
    looked up once per request. Reading ``request.user`` marks the response ``Vary: Cookie``,
    so a cache never hands a member's links to anonymous visitors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(request, "_member_organizations", None)
    if cached is None:
        cached = request._member_organizations = list(organizations_of(user))
    return cached


@register.simple_tag(takes_context=True)
def is_member_of(context, organization):
    return any(org.pk == organization.pk for org in member_organizations(context))


@register.simple_tag(takes_context=True)
def shows_wagtail_userbar(context):
    """Wagtail's user bar is for the people who review and publish (superusers, « Éditeurs »,
    « Modérateurs »). It costs about 270 KB of compressed scripts, an accessibility check in
    the browser on every page and seven queries per request: organisation members, often on
    a phone, get the member links instead, with « Modifier cette page » (``member_can_edit``)."""
    user = getattr(context.get("request"), "user", None)
    return user is not None and is_superuser_or_in(user, EDITORS_GROUP, MODERATORS_GROUP)


@register.simple_tag(takes_context=True)
def member_can_edit(context, page):
    """Whether the member reading ``page`` may edit it in the admin (their organisation's
    pages, by Wagtail's page permissions)."""
    request = context.get("request")
    if page is None or not getattr(page, "pk", None) or request is None:
        return False
    return page.permissions_for_user(request.user).can_edit()


@register.simple_tag(takes_context=True)
def interface_pageurl(context, page):
    """``{% pageurl %}`` for any page object, a plain ``Page`` too (the ancestors the router
    read): its address in the interface language (cdp_portal.i18n)."""
    return in_interface_language(page.get_url(request=context.get("request")))


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the tree root: those the router already read
    (``home.routing``), else one query."""
    ancestors = getattr(page, "route_ancestors", None)
    if ancestors and ancestors[0].depth == 2:
        return ancestors
    return list(page.get_ancestors()[1:])


@register.filter(is_safe=True)
def french_spaces(text):
    """No line break inside « … », before ; : ! ? (a lone « » » on the next line) nor between a
    number and what follows it (« 1 / 000 », « 90 / participantes »): those spaces become
    non-breaking (cdp_portal.typography, the rule the French catalogue follows too). For every
    plain-text field an editor writes (summaries, introductions, roles), shown as text; on
    markup already marked safe (a search excerpt with its <mark>), only the text between tags."""
    return typography.french_spaces(text, markup=isinstance(text, SafeData))
