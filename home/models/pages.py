from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock


class HomePage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("contenu"))

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("featured_items", label=_("Contenus mis en avant"), max_num=6),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")


class FeaturedItem(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    target = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    blurb = models.CharField(_("accroche"), max_length=255, blank=True)

    panels = [FieldPanel("target"), FieldPanel("blurb")]


class CommunityIndexPage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CommunityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des communautés")


class CommunityPage(Page):
    """A community of practice (Ségou, Kayes, more later)."""

    region = models.CharField(_("région"), max_length=80)
    created_on = models.DateField(_("date de création"), null=True, blank=True)
    project = models.CharField(
        _("projet d'appui"), max_length=255, blank=True,
        help_text=_("Par exemple « projet VLF-Musoya »."),
    )
    lead_organization = models.ForeignKey(
        "home.OrganizationPage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("organisation porteuse"),
    )
    state_service = models.ForeignKey(
        "home.OrganizationPage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("service de l'État d'accompagnement"),
    )
    summary = models.TextField(_("résumé"), max_length=500, blank=True)
    objectives = RichTextField(_("objectifs"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    way_of_working = RichTextField(
        _("mode de fonctionnement"), blank=True, features=["bold", "italic", "ul", "ol", "link", "h3"]
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("contenu complémentaire"))

    search_fields = Page.search_fields + [
        index.SearchField("region", boost=2),
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("way_of_working"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("region"), FieldPanel("created_on"), FieldPanel("project"),
             FieldPanel("lead_organization"), FieldPanel("state_service")],
            heading=_("Identité"),
        ),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("way_of_working"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.CommunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("communauté de pratique")
        verbose_name_plural = _("communautés de pratique")


class StandardPage(Page):
    """About, contact, legal notice, quick-exit explanation…"""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("contenu"))

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")
