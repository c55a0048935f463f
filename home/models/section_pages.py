from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.api_fields import RichTextHTMLField
from home.content_version import public
from home.feeds import FeedSource, serve_feed
from home.listing import COUNT_RESULTS, NEWEST_FIRST, PER_PAGE, Listing, with_card_relations
from home.page_forms import PortalPageForm
from home.rich_text import INLINE

from .safety import SafetyGatedPageMixin


def introduction_field():
    """The short rich-text introduction that opens the home page and every section."""
    return RichTextField(_("introduction"), blank=True, features=INLINE)


class FeedRoutesMixin(RoutablePageMixin):
    """RSS and Atom feeds beside the page (``…/feed/``, ``…/feed/atom/``, see home.feeds),
    linked from its head and its body (``feeds`` in the context)."""

    def feed_lookups(self):
        return {}

    def feed_models(self):
        """None: every classified type."""
        return None

    def feed_source(self, request):
        base = self.get_full_url(request) or ""
        return FeedSource(
            title=self.title,
            link=base,
            description=str(getattr(self, "summary", "") or ""),
            lookups=self.feed_lookups(),
            models=self.feed_models(),
            rss_url=base + self.reverse_subpage("feed"),
            atom_url=base + self.reverse_subpage("feed_atom"),
        )

    @path("feed/", name="feed")
    def rss_feed(self, request):
        return serve_feed(request, self.feed_source(request), "rss")

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        return serve_feed(request, self.feed_source(request), "atom")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = self.feed_source(request).alternates()
        return context


class SectionPage(SafetyGatedPageMixin, Page):
    """A top-level section of the site (directory, indexes, agenda, follow-up, results): one
    per site, directly under the home page, opened by a short introduction."""

    introduction = introduction_field()
    menu_title = models.CharField(
        _("titre dans le menu"),
        max_length=40,
        blank=True,
        help_text=_(
            "Facultatif : un titre court pour le menu principal (par exemple « Outils » pour "
            "« Outils et modèles »). Sans lui, le menu montre le titre de la page."
        ),
    )

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    # Below « Afficher dans les menus » (Wagtail's « Pour les menus du site »).
    promote_panels = Page.promote_panels + [FieldPanel("menu_title")]
    api_fields = [APIField("introduction", serializer=RichTextHTMLField())]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    @property
    def menu_label(self):
        """What the main menu shows: the short menu title, else the page's title."""
        return self.menu_title or self.title


class ListedFeedMixin(FeedRoutesMixin):
    """The feed of a listing page: its ``listed_model``'s pages."""

    def feed_models(self):
        return (apps.get_model(self.listed_model),)


class ListingIndexPage(SectionPage):
    """A section listing ``listed_model`` with its FilterSet, a count and pages of cards.

    A subclass says what it lists and how it counts; the rest is here::

        listed_model = "practices.PracticePage"
        filterset_class = "practices.filters.PracticeFilterSet"   # dotted: no import cycle
        count_text = ngettext_lazy("%(count)s pratique", "%(count)s pratiques", "n")

    ``listing_queryset()`` chooses the items (default: every live public page of
    ``listed_model`` wherever it lives, newest first); the template gets ``listing``.
    """

    listed_model = None
    filterset_class = None
    count_text = COUNT_RESULTS
    per_page = PER_PAGE

    class Meta:
        abstract = True

    def listing_queryset(self):
        model = apps.get_model(self.listed_model)
        queryset = public(model.objects.live()).defer_streamfields()
        return with_card_relations(queryset).order_by(*NEWEST_FIRST)

    def get_listing(self, request, **kwargs):
        """The listing for ``request``, built once per request (a routable page's view and
        ``get_context`` both ask for it)."""
        if not kwargs:
            built = request.__dict__.setdefault("_cdp_listings", {})
            if self.pk not in built:
                built[self.pk] = self.get_listing(request, per_page=self.per_page)
            return built[self.pk]
        kwargs.setdefault("per_page", self.per_page)
        return Listing(
            request,
            self.listing_queryset(),
            import_string(self.filterset_class),
            count_text=self.count_text,
            cache_key=("page", self.pk),
            **kwargs,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing(request)
        return context
