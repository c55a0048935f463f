from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import LockableMixin, Page, RevisionMixin
from wagtail.search import index

from home.api_fields import (
    ChoiceField,
    LanguageField,
    LanguageListField,
    LinesField,
    OrganizationReferenceField,
    PageListField,
    RichTextHTMLField,
    ThemeField,
    classification_api_fields,
)
from home.blocks import BodyStreamBlock, FigureBlock
from home.content_version import cached_for_page, public
from home.models import (
    ClassifiedPageMixin,
    ListedFeedMixin,
    ListingIndexPage,
    SafetyGatedPageMixin,
)
from home.page_forms import PortalPageForm
from home.panels import PortalInlinePanel, attachments_panel
from home.rich_text import FULL
from home.search_spec import SearchSpec
from practices.print_sheet import PrintSheetMixin
from practices.voice_notes import VoiceNoteListField, notes_for_display, voice_notes_panel

from .common import (
    AttachmentBase,
    GalleryImageBase,
    OrganizationOwnedMixin,
    attachments_with_sizes,
)
from .voice import VoiceNoteBase


class PracticeIndexPage(ListedFeedMixin, ListingIndexPage):
    """ "Pratiques": every live PracticePage wherever it lives, with filters."""

    subpage_types = ["practices.PracticePage"]
    listed_model = "practices.PracticePage"
    filterset_class = "practices.filters.PracticeFilterSet"
    count_text = ngettext_lazy("%(count)s pratique", "%(count)s pratiques", "n")
    dataset_slug = "pratiques"  # its open-data export (practices/datasets.py)

    class Meta:
        verbose_name = _("liste des pratiques")
        verbose_name_plural = _("listes des pratiques")


class ToolIndexPage(ListedFeedMixin, ListingIndexPage):
    """ "Outils et modèles": every live ToolPage; the coordination's own tools live below it."""

    subpage_types = ["practices.ToolPage"]
    listed_model = "practices.ToolPage"
    filterset_class = "practices.filters.ToolFilterSet"
    count_text = ngettext_lazy("%(count)s outil ou modèle", "%(count)s outils et modèles", "n")
    dataset_slug = "outils"

    class Meta:
        verbose_name = _("bibliothèque d'outils et modèles")
        verbose_name_plural = _("bibliothèques d'outils et modèles")


class ConcertationFrameIndexPage(ListingIndexPage):
    subpage_types = ["practices.ConcertationFramePage"]
    listed_model = "practices.ConcertationFramePage"
    filterset_class = "practices.filters.FrameFilterSet"
    count_text = ngettext_lazy(
        "%(count)s cadre de concertation", "%(count)s cadres de concertation", "n"
    )

    class Meta:
        verbose_name = _("liste des cadres de concertation")
        verbose_name_plural = _("listes des cadres de concertation")


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("mot-clé d'une pratique")
        verbose_name_plural = _("mots-clés des pratiques")


class PracticePage(
    PrintSheetMixin, SafetyGatedPageMixin, OrganizationOwnedMixin, ClassifiedPageMixin, Page
):
    """A practice an organisation carried out: what it did, never a person's case."""

    summary = models.TextField(
        _("résumé"),
        max_length=600,
        help_text=_("Deux ou trois phrases : ce que l'organisation a fait, où, pour qui."),
    )
    problem = RichTextField(_("problème traité"), blank=True, features=FULL)
    context = RichTextField(_("contexte"), blank=True, features=FULL)
    places = models.CharField(
        _("lieux (communes)"),
        max_length=500,
        blank=True,
        help_text=_("Communes et localités, séparées par des virgules."),
    )
    approach = RichTextField(
        _("démarche"),
        blank=True,
        features=FULL,
        help_text=_(
            "Ce qui a été fait, étape par étape. Jamais le nom ni l'histoire d'une personne."
        ),
    )
    results = RichTextField(
        _("résultats"),
        blank=True,
        features=FULL,
        help_text=_("Ce qui a changé, avec les sources des chiffres."),
    )
    result_figures = StreamField(
        [("figure", FigureBlock())],
        blank=True,
        verbose_name=_("résultats chiffrés"),
        help_text=_("Quelques chiffres clés, chacun avec ce qu'il compte."),
    )
    lessons_learned = RichTextField(_("leçons apprises"), blank=True, features=FULL)
    challenges = RichTextField(_("difficultés"), blank=True, features=FULL)
    replication_conditions = RichTextField(
        _("conditions de réplication"), blank=True, features=FULL
    )
    target_groups = models.CharField(_("groupes cibles"), max_length=255, blank=True)
    period_start = models.DateField(_("début"), null=True, blank=True)
    period_end = models.DateField(_("fin"), null=True, blank=True)
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image principale"),
    )
    related_tools = ParentalManyToManyField(
        "practices.ToolPage",
        blank=True,
        related_name="related_practices",
        verbose_name=_("outils liés"),
    )
    tags = ClusterTaggableManager(through=PracticePageTag, blank=True, verbose_name=_("mots-clés"))

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("problem"),
        index.SearchField("context"),
        index.SearchField("places"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
        index.SearchField("challenges"),
        index.SearchField("replication_conditions"),
        index.SearchField("target_groups"),
        index.FilterField("organization"),
        index.FilterField("period_start"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields(
            "organization", [index.SearchField("title"), index.SearchField("acronym")]
        ),
    ]
    search_spec = SearchSpec(
        type="practice",
        summary=("summary",),
        body=(
            "problem",
            "context",
            "places",
            "target_groups",
            "approach",
            "results",
            "result_figures",
            "lessons_learned",
            "challenges",
            "replication_conditions",
            "organization.title",
            "organization.acronym",
            "attachments.title",
            "attachments.document.title",
            "gallery_images.caption",
            "voice_notes.transcript",
        ),
        keywords=("tags.name",),
        documents=("attachments",),
        communities=("communities",),
        themes=("themes",),
        tags=("tags.slug",),
        organizations=("organization",),
        languages=("voice_notes.language.code",),
        date=("period_start",),
    )
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("main_image"),
        MultiFieldPanel(
            [
                FieldPanel("problem"),
                FieldPanel("context"),
                FieldPanel("places"),
                FieldPanel("target_groups"),
                FieldPanel("period_start"),
                FieldPanel("period_end"),
            ],
            heading=_("Contexte"),
        ),
        FieldPanel("approach"),
        MultiFieldPanel(
            [FieldPanel("results"), FieldPanel("result_figures")], heading=_("Résultats")
        ),
        FieldPanel("lessons_learned"),
        FieldPanel("challenges"),
        FieldPanel("replication_conditions"),
        FieldPanel("related_tools"),
        attachments_panel(),
        voice_notes_panel(),
        PortalInlinePanel(
            "gallery_images",
            heading=_("Images"),
            label=_("image"),
            add_label=_("Ajouter une image"),
        ),
        ClassifiedPageMixin.classification_panel(),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("organization")], heading=_("Classement")),
    ]
    api_fields = [
        APIField("summary"),
        APIField("places", serializer=LinesField(separator=",")),
        APIField("target_groups"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("problem", serializer=RichTextHTMLField()),
        APIField("context", serializer=RichTextHTMLField()),
        APIField("approach", serializer=RichTextHTMLField()),
        APIField("results", serializer=RichTextHTMLField()),
        APIField("result_figures"),
        APIField("lessons_learned", serializer=RichTextHTMLField()),
        APIField("challenges", serializer=RichTextHTMLField()),
        APIField("replication_conditions", serializer=RichTextHTMLField()),
        APIField("main_image"),
        APIField("organization", serializer=OrganizationReferenceField()),
        *classification_api_fields(),
        APIField("related_tools", serializer=PageListField()),
        APIField("attachments"),
        APIField("gallery_images"),
        APIField("voice_notes", serializer=VoiceNoteListField()),
    ]
    parent_page_types = ["home.OrganizationPage", "practices.PracticeIndexPage"]
    subpage_types = []
    # What the page shows, fetched with it when it is served (home.routing).
    route_select_related = ("main_image", "organization")
    sheet_kind = "practice"
    sheet_body_template = "practices/includes/practice_sheet_body.html"
    card_image_field = "main_image"  # the picture of its card (home.listing.attach_card_images)

    class Meta:
        verbose_name = _("pratique")
        verbose_name_plural = _("pratiques")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("La fin ne peut pas précéder le début.")})

    @property
    def place_list(self):
        return [place.strip() for place in self.places.split(",") if place.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(cached_for_page(self, request, "practice-detail", self.detail_context))
        return context

    def detail_context(self):
        """What the page shows beside its own fields (cached once per content change)."""
        return {
            "classification": self.classification(),
            "attachments": attachments_with_sizes(self.attachments.select_related("document")),
            "gallery": list(self.gallery_images.select_related("image")),
            "voice_notes": notes_for_display(self),
            "related_tools": list(
                public(self.related_tools.all().live()).select_related("organization")
            ),
            "frames": list(public(self.concertation_frames.live())),
        }


class PracticeAttachment(AttachmentBase):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachmentBase.Meta):
        verbose_name = _("document joint")
        verbose_name_plural = _("documents joints")


class PracticeVoiceNote(VoiceNoteBase):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="voice_notes")


class PracticeGalleryImage(GalleryImageBase):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="gallery_images")

    class Meta(GalleryImageBase.Meta):
        verbose_name = _("image de la galerie")
        verbose_name_plural = _("images de la galerie")


class MaterialLanguage(LockableMixin, RevisionMixin, models.Model):
    """A language a tool's material exists in (French, Bambara, Fulfulde…).

    Revisions and locking for editors; no draft state, for the same reason as ``Theme``: a
    language is used publicly (tool pages, the tool filter) as soon as a tool carries it.
    """

    code = models.SlugField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("nom"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("langue du support")
        verbose_name_plural = _("langues des supports")

    def __str__(self):
        return self.name


class ToolKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TRAINING = "training", _("Module de formation")
    TEMPLATE = "template", _("Modèle / canevas")
    FACT_SHEET = "fact_sheet", _("Fiche technique")
    ADVOCACY = "advocacy", _("Document de plaidoyer")
    AWARENESS = "awareness", _("Support de sensibilisation")
    CONVENTION = "convention", _("Convention type")
    REPORT = "report", _("Rapport")
    AUDIOVISUAL = "audiovisual", _("Support audiovisuel")
    OTHER = "other", _("Autre")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("Creative Commons Attribution (CC BY 4.0)")
    CC_BY_SA = (
        "cc-by-sa",
        _("Creative Commons Attribution – Partage dans les mêmes conditions (CC BY-SA 4.0)"),
    )
    CC_BY_NC = (
        "cc-by-nc",
        _("Creative Commons Attribution – Pas d'utilisation commerciale (CC BY-NC 4.0)"),
    )
    FREE_USE = "free-use", _("Libre réutilisation en citant la source")
    RESERVED = "reserved", _("Tous droits réservés")


class ToolPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.ToolPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("mot-clé d'un outil")
        verbose_name_plural = _("mots-clés des outils")


class ToolPage(
    PrintSheetMixin, SafetyGatedPageMixin, OrganizationOwnedMixin, ClassifiedPageMixin, Page
):
    """A tool or model: guide, training module, template, fact sheet…"""

    kind = models.CharField(
        _("type d'outil"), max_length=20, choices=ToolKind.choices, default=ToolKind.GUIDE
    )
    summary = models.TextField(
        _("résumé"),
        max_length=600,
        help_text=_("Deux ou trois phrases : à quoi sert l'outil et pour qui."),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=FULL,
        help_text=_("Comment l'utiliser, ce qu'il contient, d'où il vient."),
    )
    audience = models.CharField(_("public visé"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("année"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1960), MaxValueValidator(2100)],
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.FREE_USE
    )
    languages = ParentalManyToManyField(
        MaterialLanguage, blank=True, related_name="+", verbose_name=_("langues du support")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image de couverture"),
    )
    tags = ClusterTaggableManager(through=ToolPageTag, blank=True, verbose_name=_("mots-clés"))

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("audience"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("organization"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields(
            "organization", [index.SearchField("title"), index.SearchField("acronym")]
        ),
    ]
    search_spec = SearchSpec(
        type="tool",
        summary=("summary",),
        body=(
            "description",
            "audience",
            "organization.title",
            "organization.acronym",
            "documents.title",
            "documents.document.title",
            "voice_notes.transcript",
        ),
        keywords=("tags.name",),
        documents=("documents",),
        communities=("communities",),
        themes=("themes",),
        tags=("tags.slug",),
        organizations=("organization",),
        languages=("languages.code", "documents.language.code", "voice_notes.language.code"),
        date=("year",),
    )
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("year"),
                FieldPanel("audience"),
                FieldPanel("licence"),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Fiche"),
        ),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("description"),
        PortalInlinePanel(
            "documents",
            heading=_("Fichiers téléchargeables"),
            label=_("fichier téléchargeable"),
            add_label=_("Ajouter un fichier téléchargeable"),
            min_num=0,
        ),
        voice_notes_panel(),
        ClassifiedPageMixin.classification_panel(),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("organization")], heading=_("Classement")),
    ]
    api_fields = [
        APIField("kind", serializer=ChoiceField()),
        APIField("summary"),
        APIField("description", serializer=RichTextHTMLField()),
        APIField("audience"),
        APIField("year"),
        APIField("licence", serializer=ChoiceField()),
        APIField("languages", serializer=LanguageListField()),
        APIField("cover_image"),
        APIField("organization", serializer=OrganizationReferenceField()),
        *classification_api_fields(),
        APIField("documents"),
        APIField("voice_notes", serializer=VoiceNoteListField()),
    ]
    parent_page_types = ["home.OrganizationPage", "practices.ToolIndexPage"]
    subpage_types = []
    route_select_related = ("cover_image", "organization")
    sheet_kind = "tool"
    sheet_body_template = "practices/includes/tool_sheet_body.html"
    card_image_field = "cover_image"  # the picture of its card (home.listing.attach_card_images)
    # The downloadable files a feed item encloses (home.feeds).
    feed_enclosures = "documents"

    class Meta:
        verbose_name = _("outil ou modèle")
        verbose_name_plural = _("outils et modèles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(cached_for_page(self, request, "tool-detail", self.detail_context))
        return context

    def detail_context(self):
        """What the page shows beside its own fields (cached once per content change)."""
        return {
            "classification": self.classification(),
            "documents": attachments_with_sizes(
                self.documents.select_related("document", "language")
            ),
            "voice_notes": notes_for_display(self),
            "related_practices": list(
                public(self.related_practices.live()).select_related("organization")
            ),
            "frames": list(public(self.concertation_frames.live())),
        }


class ToolDocument(AttachmentBase):
    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="documents")
    language = models.ForeignKey(
        MaterialLanguage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("langue de ce fichier"),
    )

    panels = AttachmentBase.panels + [FieldPanel("language")]
    api_fields = AttachmentBase.api_fields + [APIField("language", serializer=LanguageField())]

    class Meta(AttachmentBase.Meta):
        verbose_name = _("fichier téléchargeable")
        verbose_name_plural = _("fichiers téléchargeables")


class ToolVoiceNote(VoiceNoteBase):
    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="voice_notes")


class ConcertationFramePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.ConcertationFramePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("mot-clé d'un cadre de concertation")
        verbose_name_plural = _("mots-clés des cadres de concertation")


class ConcertationFramePage(SafetyGatedPageMixin, ClassifiedPageMixin, Page):
    """A thematic concertation frame (child marriage, Loi 052, women's participation)."""

    theme = models.ForeignKey(
        "home.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("thème principal"),
    )
    summary = models.TextField(_("résumé"), max_length=600, blank=True)
    objectives = RichTextField(_("objectifs"), blank=True, features=FULL)
    strategies = RichTextField(_("stratégies échangées"), blank=True, features=FULL)
    participant_count = models.PositiveIntegerField(
        _("participants déclarés"),
        null=True,
        blank=True,
        help_text=_(
            "Chiffre rapporté par la CdP ; les réunions enregistrées donnent aussi leurs totaux."
        ),
    )
    organization_count = models.PositiveIntegerField(
        _("organisations représentées"), null=True, blank=True
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("contenu complémentaire"))
    related_practices = ParentalManyToManyField(
        PracticePage,
        blank=True,
        related_name="concertation_frames",
        verbose_name=_("pratiques liées"),
    )
    related_tools = ParentalManyToManyField(
        ToolPage, blank=True, related_name="concertation_frames", verbose_name=_("outils liés")
    )
    tags = ClusterTaggableManager(
        through=ConcertationFramePageTag, blank=True, verbose_name=_("mots-clés")
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("objectives"),
        index.SearchField("strategies"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]
    search_spec = SearchSpec(
        type="frame",
        summary=("summary",),
        body=("objectives", "strategies", "body"),
        keywords=("tags.name",),
        communities=("communities",),
        themes=("themes", "theme"),
        tags=("tags.slug",),
    )
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("strategies"),
        MultiFieldPanel(
            [FieldPanel("participant_count"), FieldPanel("organization_count")],
            heading=_("Participation"),
        ),
        FieldPanel("body"),
        FieldPanel("related_practices"),
        FieldPanel("related_tools"),
        ClassifiedPageMixin.classification_panel(),
    ]
    api_fields = [
        APIField("theme", serializer=ThemeField()),
        APIField("summary"),
        APIField("objectives", serializer=RichTextHTMLField()),
        APIField("strategies", serializer=RichTextHTMLField()),
        APIField("participant_count"),
        APIField("organization_count"),
        APIField("body"),
        *classification_api_fields(),
        APIField("related_practices", serializer=PageListField()),
        APIField("related_tools", serializer=PageListField()),
    ]
    parent_page_types = ["practices.ConcertationFrameIndexPage"]
    subpage_types = []
    route_select_related = ("theme",)

    class Meta:
        verbose_name = _("cadre de concertation")
        verbose_name_plural = _("cadres de concertation")

    def clean(self):
        super().clean()
        if (
            self.participant_count is not None
            and self.organization_count is not None
            and self.organization_count > self.participant_count
        ):
            raise ValidationError(
                {
                    "organization_count": _(
                        "Il ne peut pas y avoir plus d'organisations représentées "
                        "que de participants."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(cached_for_page(self, request, "frame-detail", self.detail_context))
        return context

    def detail_context(self):
        """What the page shows beside its own fields (cached once per content change)."""
        return {
            "classification": self.classification(),
            "related_practices": list(
                public(self.related_practices.all().live()).select_related("organization")
            ),
            "related_tools": list(
                public(self.related_tools.all().live()).select_related("organization")
            ),
        }
