from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.api_fields import ChoiceField, PageListField, RichTextHTMLField
from home.content_version import cached_for_page, public
from home.listing import PARAM_ORGANIZATION, with_card_relations
from home.page_forms import PortalPageForm
from home.rich_text import LISTS
from home.search_spec import SearchSpec
from home.sections import cached_sections, related_sections

from .safety import SafetyGatedPageMixin
from .section_pages import ListingIndexPage


def organization_link(verbose_name, **kwargs):
    """An optional link to an organisation's page (lead, responsible, owner), emptied if that
    page is deleted; no accessor back from the organisation."""
    return models.ForeignKey(
        "home.OrganizationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        **kwargs,
    )


class OrganizationKind(models.TextChoices):
    NGO = "ngo", _("ONG / association")
    NETWORK = "network", _("Réseau faîtier")
    STATE = "state", _("Service de l'État")
    INTERNATIONAL = "international", _("ONG internationale / agence des Nations unies")
    DONOR = "donor", _("Bailleur / partenaire")
    MEDIA = "media", _("Média")
    OTHER = "other", _("Autre")


class OrganizationIndexPage(ListingIndexPage):
    """The directory of organisations ("Organisations")."""

    subpage_types = ["home.OrganizationPage"]

    listed_model = "home.OrganizationPage"
    filterset_class = "home.filters.OrganizationFilterSet"
    count_text = ngettext_lazy("%(count)s organisation", "%(count)s organisations", "n")
    dataset_slug = "organisations"  # its open-data export (home/datasets.py)

    class Meta:
        verbose_name = _("annuaire des organisations")
        verbose_name_plural = _("annuaires des organisations")

    def listing_queryset(self):
        return with_card_relations(
            public(OrganizationPage.objects.live()).child_of(self).order_by("title")
        )


class OrganizationPage(SafetyGatedPageMixin, Page):
    """A member or partner organisation. Its own practices and tools live below it so that
    Wagtail's page permissions give each member organisation its own space."""

    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    kind = models.CharField(
        _("type d'organisation"),
        max_length=20,
        choices=OrganizationKind.choices,
        default=OrganizationKind.NGO,
    )
    communities = ParentalManyToManyField(
        "home.CommunityPage",
        blank=True,
        related_name="member_organizations",
        verbose_name=_("communautés"),
    )
    role = models.CharField(
        _("rôle dans la CdP"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple « ONG porteuse », « service technique d'accompagnement »."),
    )
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    contact_email = models.EmailField(_("courriel public"), blank=True)
    contact_phone = models.CharField(_("téléphone public"), max_length=40, blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    description = RichTextField(_("présentation"), blank=True, features=LISTS)

    search_fields = Page.search_fields + [
        index.SearchField("acronym", boost=3),
        index.AutocompleteField("acronym"),
        index.SearchField("description"),
        index.SearchField("role"),
        index.SearchField("commune"),
        index.FilterField("kind"),
    ]
    # Contacts (e-mail, phone, address, website) are shown, never searched.
    search_spec = SearchSpec(
        type="organization",
        summary=("search_description", "role"),
        body=("description", "role", "commune"),
        keywords=("acronym",),
        communities=("communities",),
        is_facet="organizations",
    )
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("acronym"),
                FieldPanel("kind"),
                FieldPanel("role"),
                FieldPanel("communities", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Identité"),
        ),
        FieldPanel("logo"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("commune"),
                FieldPanel("address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("website"),
            ],
            heading=_("Contacts publics"),
            help_text=_("Uniquement des coordonnées institutionnelles, jamais personnelles."),
        ),
    ]
    # Contacts stay on the page, for people: the API is harvested in bulk.
    api_fields = [
        APIField("acronym"),
        APIField("kind", serializer=ChoiceField()),
        APIField("role"),
        APIField("commune"),
        APIField("website"),
        APIField("logo"),
        APIField("description", serializer=RichTextHTMLField()),
        APIField("communities", serializer=PageListField()),
    ]
    parent_page_types = ["home.OrganizationIndexPage"]
    subpage_types = ["practices.PracticePage", "practices.ToolPage"]
    # What the page shows, fetched with it when it is served (home.routing).
    route_select_related = ("logo",)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["communities"] = cached_for_page(
            self,
            request,
            "organization-communities",
            lambda: list(public(self.communities.live()).order_by("title")),
        )
        context["sections"] = cached_sections(
            self,
            request,
            lambda: related_sections(
                request,
                {"organization": self},
                PARAM_ORGANIZATION,
                self.slug,
                requires_field="organization",
            ),
        )
        return context

    @property
    def display_name(self):
        return (
            f"{self.title} ({self.acronym})"
            if self.acronym and self.acronym != self.title
            else self.title
        )
