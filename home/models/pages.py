import functools
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from home import registry
from home.api_fields import OrganizationReferenceField, RichTextHTMLField
from home.blocks import BodyStreamBlock
from home.content_version import cached_by_content, cached_for_page, public
from home.listing import PARAM_COMMUNITY, attach_card_images, specific_items
from home.page_forms import PortalPageForm
from home.panels import PortalInlinePanel
from home.rich_text import LISTS, LISTS_AND_HEADINGS
from home.routing import route_in_one
from home.search_spec import SearchSpec
from home.sections import cached_sections, index_page_for, related_sections

from .organizations import OrganizationPage, organization_link
from .safety import SafetyGatedPageMixin
from .section_pages import FeedRoutesMixin, SectionPage, introduction_field

LATEST_COUNT = 3
MEMBERS_SHOWN = 6  # a community page lists its first members, then « Voir tout (n) »


def _pairs(result):
    """A key-figure callable may return one (label, value) pair or an iterable of them."""
    if isinstance(result, tuple) and len(result) == 2 and not isinstance(result[0], (tuple, list)):
        return [result]
    return list(result or [])


LATEST_MODELS = ("practices.PracticePage", "practices.ToolPage")
# The three things visitors come for, first on the home page: (key, page model listing it).
DOORS = (
    ("practice", "practices.PracticeIndexPage"),
    ("tool", "practices.ToolIndexPage"),
    ("results", "events.ResultsPage"),
)


def _door_urls(request):
    """{key: url} of the live public page behind each of the home page's three doors."""
    urls = {}
    for key, label in DOORS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        page = public(model.objects.live()).first()
        if page is not None:
            urls[key] = page.get_url(request)
    return urls


def _latest_models():
    models = []
    for label in LATEST_MODELS:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            pass
    return models


class HomePage(SafetyGatedPageMixin, Page):
    introduction = introduction_field()
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("contenu"))

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        PortalInlinePanel(
            "featured_items",
            heading=_("Contenus mis en avant"),
            label=_("contenu mis en avant"),
            add_label=_("Ajouter un contenu mis en avant"),
            max_num=6,
        ),
        FieldPanel("body"),
    ]
    api_fields = [APIField("introduction", serializer=RichTextHTMLField()), APIField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def key_figures(self):
        """Figures computed from the content; other apps add theirs through the registry.
        Computed once per content change (and day: meetings held depend on the date)."""
        key = f"home-key-figures-{hash(tuple(registry.key_figures))}"
        return cached_by_content(key, self.compute_key_figures, per_day=True)

    def compute_key_figures(self):
        """Each label says what it counts: the organisations whose page declares them members
        of a community (as the sources name them) are not all the organisations of the
        directory. A figure that is zero or unknown (None) is left out rather than shown as 0."""
        organisations = public(OrganizationPage.objects.live())
        members = organisations.filter(communities__isnull=False).distinct().count()
        present = organisations.count()
        figures = [
            (
                ngettext(
                    "organisation déclarée membre d'une CdP",
                    "organisations déclarées membres d'une CdP",
                    members,
                ),
                members,
            ),
            (
                ngettext(
                    "organisation présente sur le portail",
                    "organisations présentes sur le portail",
                    present,
                ),
                present,
            ),
        ]
        for func in registry.key_figures:
            figures.extend(_pairs(func()))
        return [(label, value) for label, value in figures if value]

    def route(self, request, path_components):
        """Every page of the site is routed from here: the whole URL in two queries."""
        if path_components:
            result = route_in_one(self, request, path_components)
            if result is not None:
                return result
        return super().route(request, path_components)

    def featured(self):
        """Featured live pages in the editors' order, each with its blurb."""
        rows = list(self.featured_items.select_related("target").filter(target__live=True))
        items = {
            item.pk: item for item in attach_card_images(specific_items(row.target for row in rows))
        }
        return [(items[row.target_id], row.blurb) for row in rows if row.target_id in items]

    def content_blocks(self, request):
        """Featured pages, the latest practices and tools, the communities."""
        return {
            "featured": self.featured(),
            "doors": _door_urls(request),
            "latest": related_sections(request, {}, size=LATEST_COUNT, models=_latest_models()),
            "communities": list(
                public(CommunityPage.objects.live())
                .select_related("lead_organization")
                .order_by("title")
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = self.key_figures()
        if getattr(request, "is_preview", False):
            # An editor previews this draft's own featured pages: nothing cached.
            context.update(self.content_blocks(request))
        else:
            site = Site.find_for_request(request)
            key = f"home-blocks-{self.pk}-{site.pk if site else 0}"
            context.update(cached_by_content(key, lambda: self.content_blocks(request)))
        return context


class FeaturedItem(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    target = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    blurb = models.CharField(_("accroche"), max_length=255, blank=True)

    panels = [FieldPanel("target"), FieldPanel("blurb")]

    class Meta(Orderable.Meta):
        verbose_name = _("contenu mis en avant")
        verbose_name_plural = _("contenus mis en avant")


class CommunityIndexPage(SectionPage):
    subpage_types = ["home.CommunityPage"]

    class Meta:
        verbose_name = _("liste des communautés")
        verbose_name_plural = _("listes des communautés")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def communities():
            return list(
                public(CommunityPage.objects.live())
                .child_of(self)
                .select_related("lead_organization")
                .order_by("title")
            )

        # A function the template calls: read (once per content change) only when the list
        # is rendered, not when its kept fragment (community_index_page.html) is served.
        context["communities"] = functools.cache(
            lambda: cached_for_page(self, request, "community-index", communities)
        )
        return context


class CommunityPage(FeedRoutesMixin, SafetyGatedPageMixin, Page):
    """A community of practice (Ségou, Kayes, more later)."""

    region = models.CharField(_("région"), max_length=80)
    created_on = models.DateField(_("date de création"), null=True, blank=True)
    project = models.CharField(
        _("projet d'appui"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple « projet VLF-Musoya »."),
    )
    lead_organization = organization_link(_("organisation porteuse"))
    state_service = organization_link(_("service de l'État d'accompagnement"))
    summary = models.TextField(_("résumé"), max_length=500, blank=True)
    objectives = RichTextField(_("objectifs"), blank=True, features=LISTS)
    way_of_working = RichTextField(
        _("mode de fonctionnement"),
        blank=True,
        features=LISTS_AND_HEADINGS,
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("contenu complémentaire"))

    search_fields = Page.search_fields + [
        index.SearchField("region", boost=2),
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("way_of_working"),
        index.SearchField("body"),
    ]
    search_spec = SearchSpec(
        type="community",
        summary=("summary",),
        body=(
            "region",
            "project",
            "objectives",
            "way_of_working",
            "body",
            "lead_organization.title",
            "lead_organization.acronym",
            "state_service.title",
            "state_service.acronym",
        ),
        is_facet="communities",
    )
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("created_on"),
                FieldPanel("project"),
                FieldPanel("lead_organization"),
                FieldPanel("state_service"),
            ],
            heading=_("Identité"),
        ),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("way_of_working"),
        FieldPanel("body"),
    ]
    api_fields = [
        APIField("region"),
        APIField("created_on"),
        APIField("project"),
        APIField("lead_organization", serializer=OrganizationReferenceField()),
        APIField("state_service", serializer=OrganizationReferenceField()),
        APIField("summary"),
        APIField("objectives", serializer=RichTextHTMLField()),
        APIField("way_of_working", serializer=RichTextHTMLField()),
        APIField("body"),
    ]
    parent_page_types = ["home.CommunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("communauté de pratique")
        verbose_name_plural = _("communautés de pratique")

    def clean(self):
        super().clean()
        if self.created_on and self.created_on > timezone.localdate():
            raise ValidationError(
                {"created_on": _("La date de création ne peut pas être dans le futur.")}
            )

    # No ``route_select_related``: the organisations are read only when the page's body is
    # rendered, not when its kept fragment is served (community_page.html).

    def feed_lookups(self):
        return {"communities": self}

    def member_organizations_live(self):
        return list(public(self.member_organizations.live()).order_by("title"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        @functools.cache
        def members():
            # Once per content change (the draft's own list in a preview).
            return cached_for_page(
                self, request, "community-members", self.member_organizations_live
            )

        def members_url():
            directory = index_page_for(OrganizationPage)
            if directory is None or len(members()) <= MEMBERS_SHOWN:
                return None
            url = directory.get_url(request)
            return f"{url}?{urlencode({PARAM_COMMUNITY: self.slug})}"

        # Functions the template calls: read only when the page's body is rendered, not when
        # its kept fragment (community_page.html) is served.
        context.update(
            members=lambda: members()[:MEMBERS_SHOWN],
            members_total=lambda: len(members()),
            members_url=functools.cache(members_url),
            sections=functools.cache(
                lambda: cached_sections(
                    self,
                    request,
                    lambda: related_sections(
                        request, {"communities": self}, PARAM_COMMUNITY, self.slug
                    ),
                )
            ),
            lead_organization=functools.cache(lambda: self._live_or_none(self.lead_organization)),
            state_service=functools.cache(lambda: self._live_or_none(self.state_service)),
        )
        return context

    @staticmethod
    def _live_or_none(organization):
        return organization if organization is not None and organization.live else None


class StandardPage(SafetyGatedPageMixin, Page):
    """About, contact, legal notice, quick-exit explanation…"""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("contenu"))

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    search_spec = SearchSpec(type="page", summary=("introduction",), body=("body",))
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    api_fields = [APIField("introduction"), APIField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")
