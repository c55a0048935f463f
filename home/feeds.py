"""RSS 2.0 and Atom feeds of what is published: everything, a listing, a community, a theme or
a tag (Django's syndication framework).

A feed is described by a ``FeedSource`` (what it is about and which pages it carries); the
page types that offer one (``FeedRoutesMixin``) and the theme and tag views build theirs.
Items are live public pages only, newest first; every address is absolute, on the site's
root URL (``Site.root_url``, which ``settings.PUBLIC_URL`` keeps right). A page type declares
the attachments its items enclose with ``feed_enclosures`` (the name of a relation to
``AttachmentBase`` rows, see practices.ToolPage); RSS allows one enclosure per item, Atom all.
"""

import mimetypes
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from .listing import carrying, specific_items

FEED_SIZE = 30
FEED_MAX_AGE = 900


@dataclass
class FeedSource:
    """What a feed is about: ``lookups`` narrow the live public pages of ``models``
    (``None``: every classified type) as ``home.listing.carrying`` does."""

    title: str
    link: str  # the listing's path (or full URL)
    description: str = ""
    lookups: dict = field(default_factory=dict)
    models: tuple | None = None
    rss_url: str = ""
    atom_url: str = ""

    def alternates(self):
        """``(type, title, url)`` for ``<link rel="alternate">`` and the visible links."""
        return [
            ("application/rss+xml", _("%(title)s (RSS)") % {"title": self.title}, self.rss_url),
            ("application/atom+xml", _("%(title)s (Atom)") % {"title": self.title}, self.atom_url),
        ]


def site_root_url(request):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute(request, url, root=None):
    if not url or url.startswith(("http://", "https://")):
        return url
    return (root if root is not None else site_root_url(request)) + url


def feed_items(source):
    """The source's newest live public pages, specific, with what an item shows."""
    pages = specific_items(carrying(source.lookups, source.models)[:FEED_SIZE])
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, items in by_model.items():
        names = {f.name for f in model._meta.get_fields()}
        if "organizers" in names:
            prefetch_related_objects(items, "organizers")
        relation = getattr(model, "feed_enclosures", None)
        if relation:
            related = model._meta.get_field(relation).related_model
            prefetch_related_objects(
                items,
                Prefetch(relation, queryset=related.objects.select_related("document")),
            )
    return pages


class PortalRssFeed(Feed):
    """One instance per request (``serve_feed``): it keeps the request for absolute URLs."""

    feed_type = Rss201rev2Feed

    def __init__(self, request=None):
        super().__init__()
        self.request = request
        self.root = site_root_url(request) if request is not None else ""

    def get_object(self, request, source):
        return source

    def title(self, source):
        return f"{source.title} · {_('Portail des CdP')}"

    def link(self, source):
        return absolute(self.request, source.link, self.root)

    def description(self, source):
        return source.description or _("Les dernières publications du portail des CdP.")

    def feed_url(self, source):
        url = source.atom_url if self.feed_type is Atom1Feed else source.rss_url
        return absolute(self.request, url, self.root)

    def author_name(self):
        return _("Portail des CdP")

    def feed_copyright(self):
        return None

    def items(self, source):
        return feed_items(source)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return " ".join(str(getattr(item, "summary", "") or "").split())

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        organization = getattr(item, "organization", None)
        if organization is not None and organization.live:
            return organization.display_name
        organizers = getattr(item, "organizers", None)
        if organizers is not None:
            names = [org.display_name for org in organizers.all() if org.live]
            if names:
                return ", ".join(names)
        return None

    def item_categories(self, item):
        categories = []
        if hasattr(item, "themes"):
            categories += [theme.name for theme in item.themes.all()]
        if hasattr(item, "tags"):
            categories += [tag.name for tag in item.tags.all()]
        return categories

    def item_enclosures(self, item):
        relation = getattr(type(item), "feed_enclosures", None)
        if not relation:
            return []
        enclosures = []
        for row in getattr(item, relation).all():
            document = row.document
            try:
                size = document.get_file_size()
            except OSError:
                continue
            if not size:
                continue
            mime_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
            enclosures.append(
                Enclosure(absolute(self.request, document.url, self.root), str(size), mime_type)
            )
        return enclosures[:1] if self.feed_type is Rss201rev2Feed else enclosures


class PortalAtomFeed(PortalRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, source):
        return self.description(source)


def site_feed_source(request):
    return FeedSource(
        title=_("Nouveautés"),
        link=absolute(request, reverse("wagtail_serve", args=("",))),
        description=_("Pratiques, outils, cadres de concertation et rencontres publiés."),
        rss_url=absolute(request, reverse("feed_rss")),
        atom_url=absolute(request, reverse("feed_atom")),
    )


def theme_feed_source(request, theme):
    return FeedSource(
        title=_("Thème : %(name)s") % {"name": theme.name},
        link=absolute(request, theme.get_absolute_url()),
        description=theme.description,
        lookups={"themes": theme},
        rss_url=absolute(request, reverse("theme_feed_rss", args=[theme.slug])),
        atom_url=absolute(request, reverse("theme_feed_atom", args=[theme.slug])),
    )


def tag_feed_source(request, tag):
    return FeedSource(
        title=_("Mot-clé : %(name)s") % {"name": tag.name},
        link=absolute(request, reverse("tag_detail", args=[tag.slug])),
        lookups={"tags": tag},
        rss_url=absolute(request, reverse("tag_feed_rss", args=[tag.slug])),
        atom_url=absolute(request, reverse("tag_feed_atom", args=[tag.slug])),
    )


FEED_CLASSES = {"rss": PortalRssFeed, "atom": PortalAtomFeed}


def serve_feed(request, source, kind="rss"):
    """The feed's answer, shared by caches (the page cache keeps it for anonymous visitors)."""
    response = FEED_CLASSES[kind](request)(request, source=source)
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response
