from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import (
    ChoiceField,
    LinesField,
    OrganizationListField,
    PageReferenceField,
    RichTextHTMLField,
    classification_api_fields,
)
from home.blocks import BodyStreamBlock
from home.content_version import cached_for_page, public
from home.models import ClassifiedPageMixin, SafetyGatedPageMixin
from home.page_forms import PortalPageForm
from home.panels import PortalInlinePanel, attachments_panel
from home.rich_text import FULL
from home.search_spec import SearchSpec
from practices.models import AttachmentBase, GalleryImageBase, VoiceNoteBase
from practices.models.common import attachments_with_sizes
from practices.voice_notes import VoiceNoteListField, notes_for_display, voice_notes_panel

from .. import dates
from ..api_fields import ParticipantsField, RecommendationListField
from ..ical import calendar_links

COUNT_FIELDS = (
    "participants_total",
    "participants_women",
    "participants_men",
    "participants_youth",
    "organizations_reached",
    "people_reached",
)


class MeetingKind(models.TextChoices):
    SEMESTRIAL = "semestrial", _("Rencontre semestrielle")
    CORE_GROUP = "core_group", _("Réunion du noyau")
    EXPERIENCE_SHARING = "experience_sharing", _("Partage d'expériences")
    EXPERT_TALK = "expert_talk", _("Exposé d'expert")
    CONCERTATION = "concertation", _("Session de cadre de concertation")
    EXCHANGE_VISIT = "exchange_visit", _("Visite d'échange")
    WEBINAR = "webinar", _("Webinaire")
    WORKSHOP = "workshop", _("Atelier")
    COMMITTEE = "committee", _("Réunion de comité")
    CAMPAIGN = "campaign", _("Campagne de sensibilisation")
    EVENT = "event", _("Événement (lancement, cérémonie…)")


class MeetingPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.MeetingPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("mot-clé d'une rencontre")
        verbose_name_plural = _("mots-clés des rencontres")


class MeetingPage(SafetyGatedPageMixin, ClassifiedPageMixin, Page):
    """Any gathering of the CdP: its record, its figures and what it decided."""

    kind = models.CharField(
        _("type de rencontre"),
        max_length=30,
        choices=MeetingKind.choices,
        default=MeetingKind.SEMESTRIAL,
        db_index=True,
    )
    summary = models.TextField(_("résumé"), max_length=600, blank=True)
    start_date = models.DateField(
        _("date (premier jour)"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Laisser vide uniquement pour une archive dont la date n'est pas connue."),
    )
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_date = models.DateField(
        _("dernier jour"),
        null=True,
        blank=True,
        help_text=_("Pour une rencontre de plusieurs jours."),
    )
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    venue = models.CharField(
        _("lieu"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple « Chambre des Métiers de Ségou »."),
    )
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    online_url = models.URLField(_("lien de connexion en ligne"), blank=True)
    concertation_frame = models.ForeignKey(
        "practices.ConcertationFramePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("cadre de concertation"),
    )
    organizers = ParentalManyToManyField(
        "home.OrganizationPage",
        blank=True,
        related_name="organized_meetings",
        verbose_name=_("organisateurs"),
    )
    participating_organizations = ParentalManyToManyField(
        "home.OrganizationPage",
        blank=True,
        related_name="attended_meetings",
        verbose_name=_("organisations participantes"),
    )
    other_organizations = models.TextField(
        _("autres structures présentes"),
        blank=True,
        help_text=_("Structures absentes de l'annuaire, une par ligne."),
    )
    chair_function = models.CharField(
        _("présidence (fonction)"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple « Conseiller du Gouverneur de la Région de Ségou »."),
    )
    chair_name = models.CharField(
        _("nom de la personne qui préside"),
        max_length=160,
        blank=True,
        help_text=_("Uniquement pour une personnalité publique dans l'exercice de ses fonctions."),
    )
    attendance = models.TextField(
        _("participants (fonctions)"),
        blank=True,
        help_text=_("Fonctions et structures représentées, une par ligne. Jamais de survivante."),
    )
    participants_total = models.PositiveIntegerField(
        _("participants (total)"), null=True, blank=True
    )
    participants_women = models.PositiveIntegerField(_("dont femmes"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("dont hommes"), null=True, blank=True)
    participants_youth = models.PositiveIntegerField(_("dont jeunes"), null=True, blank=True)
    organizations_reached = models.PositiveIntegerField(
        _("organisations touchées"),
        null=True,
        blank=True,
        help_text=_("Pour une campagne : organisations sensibilisées ou mobilisées."),
    )
    people_reached = models.PositiveIntegerField(
        _("personnes touchées"),
        null=True,
        blank=True,
        help_text=_("Pour une campagne : public sensibilisé (hors participants)."),
    )
    reach_details = models.CharField(
        _("détail du public touché"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple « environ 2 000 festivaliers et 1 000 scolaires »."),
    )
    agenda = RichTextField(_("ordre du jour"), blank=True, features=FULL)
    minutes = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("compte rendu"))
    decisions = RichTextField(_("décisions"), blank=True, features=FULL)
    outcomes = RichTextField(_("résultats obtenus"), blank=True, features=FULL)
    tags = ClusterTaggableManager(through=MeetingPageTag, blank=True, verbose_name=_("mots-clés"))

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("venue"),
        index.SearchField("commune"),
        index.SearchField("chair_function"),
        index.SearchField("attendance"),
        index.SearchField("other_organizations"),
        index.SearchField("agenda"),
        index.SearchField("minutes"),
        index.SearchField("decisions"),
        index.SearchField("outcomes"),
        index.FilterField("kind"),
        index.FilterField("start_date"),
        index.FilterField("concertation_frame"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]
    # Not searched: the chair's name, the connection link, follow-up notes. Organisations
    # are a facet, not text.
    search_spec = SearchSpec(
        type="meeting",
        summary=("summary",),
        body=(
            "venue",
            "commune",
            "chair_function",
            "attendance",
            "other_organizations",
            "reach_details",
            "agenda",
            "minutes",
            "decisions",
            "outcomes",
            "sessions.title",
            "sessions.venue",
            "sessions.commune",
            "sessions.communes",
            "recommendations.text",
            "recommendations.responsible_other",
            "concertation_frame.title",
            "attachments.title",
            "attachments.document.title",
            "photos.caption",
            "voice_notes.transcript",
        ),
        keywords=("tags.name",),
        documents=("attachments",),
        communities=("communities",),
        themes=("themes",),
        tags=("tags.slug",),
        organizations=("organizers",),
        languages=("voice_notes.language.code",),
        date=("start_date",),
    )
    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("commune"), FieldPanel("online_url")],
            heading=_("Lieu ou lien en ligne"),
        ),
        PortalInlinePanel(
            "sessions",
            heading=_("Sessions (rencontre en plusieurs sessions)"),
            label=_("session"),
            add_label=_("Ajouter une session"),
        ),
        FieldPanel("concertation_frame"),
        MultiFieldPanel(
            [
                FieldPanel("organizers", widget=forms.CheckboxSelectMultiple),
                FieldPanel("participating_organizations", widget=forms.CheckboxSelectMultiple),
                FieldPanel("other_organizations"),
            ],
            heading=_("Organisations"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("chair_function"),
                FieldPanel("chair_name"),
                FieldPanel("attendance"),
                FieldRowPanel(
                    [
                        FieldPanel("participants_total"),
                        FieldPanel("participants_women"),
                        FieldPanel("participants_men"),
                        FieldPanel("participants_youth"),
                    ]
                ),
            ],
            heading=_("Présidence et participants"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organizations_reached"), FieldPanel("people_reached")]),
                FieldPanel("reach_details"),
            ],
            heading=_("Public touché (campagnes)"),
        ),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        FieldPanel("decisions"),
        FieldPanel("outcomes"),
        attachments_panel(),
        voice_notes_panel(),
        PortalInlinePanel(
            "photos",
            heading=_("Photos"),
            label=_("photo"),
            add_label=_("Ajouter une photo"),
        ),
        ClassifiedPageMixin.classification_panel(),
    ]
    # Not in the API: the chair's name, the connection link, the attendance list and the
    # follow-up notes; the figures and the organisations present are.
    api_fields = [
        APIField("kind", serializer=ChoiceField()),
        APIField("summary"),
        APIField("start_date"),
        APIField("start_time"),
        APIField("end_date"),
        APIField("end_time"),
        APIField("venue"),
        APIField("commune"),
        APIField("sessions"),
        APIField("concertation_frame", serializer=PageReferenceField()),
        APIField("organizers", serializer=OrganizationListField()),
        APIField("participating_organizations", serializer=OrganizationListField()),
        APIField("other_organizations", serializer=LinesField()),
        APIField("chair_function"),
        APIField("participants", serializer=ParticipantsField()),
        APIField("organizations_reached"),
        APIField("people_reached"),
        APIField("reach_details"),
        APIField("agenda", serializer=RichTextHTMLField()),
        APIField("minutes"),
        APIField("decisions", serializer=RichTextHTMLField()),
        APIField("outcomes", serializer=RichTextHTMLField()),
        APIField("recommendations", serializer=RecommendationListField()),
        *classification_api_fields(),
        APIField("attachments"),
        APIField("photos"),
        APIField("voice_notes", serializer=VoiceNoteListField()),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    # Community, frame and organisation pages list meetings through events' own include.
    show_in_related_sections = False

    class Meta:
        verbose_name = _("réunion ou rencontre")
        verbose_name_plural = _("réunions et rencontres")

    def clean(self):
        super().clean()
        errors = {}
        for name in COUNT_FIELDS:
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("Un nombre ne peut pas être négatif.")
        if self.end_date and not self.start_date:
            errors["start_date"] = _("Indiquez le premier jour avant le dernier.")
        elif self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fin ne peut pas précéder le début.")
        elif (
            self.start_time
            and self.end_time
            and self.end_time < self.start_time
            and (not self.end_date or self.end_date == self.start_date)
        ):
            errors["end_time"] = _("L'heure de fin ne peut pas précéder l'heure de début.")
        total = self.participants_total
        women, men, youth = self.participants_women, self.participants_men, self.participants_youth
        if "participants_women" not in errors and "participants_men" not in errors:
            if total is not None and (women or 0) + (men or 0) > total:
                errors["participants_total"] = _(
                    "Femmes + hommes (%(sum)s) dépassent le total des participants (%(total)s)."
                ) % {"sum": (women or 0) + (men or 0), "total": total}
            elif total is None and (women or men or youth):
                errors["participants_total"] = _("Indiquez le total des participants.")
        if "participants_youth" not in errors and total is not None and (youth or 0) > total:
            errors["participants_youth"] = _(
                "Les jeunes ne peuvent pas dépasser le total des participants."
            )
        if self.pk and self.start_date and "start_date" not in errors:
            early = self.recommendations.filter(due_date__lt=self.start_date).count()
            if early:
                errors["start_date"] = ngettext(
                    "%(count)s recommandation de cette rencontre a une échéance antérieure "
                    "à cette date : corrigez d'abord son échéance.",
                    "%(count)s recommandations de cette rencontre ont une échéance antérieure "
                    "à cette date : corrigez d'abord leur échéance.",
                    early,
                ) % {"count": early}
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def detail_context():
            # Recommendations, notes and plans bump the content version too (home.signals).
            return {
                "classification": self.classification(),
                "recommendations": list(
                    self.recommendations.select_related(
                        "responsible_organization"
                    ).prefetch_related("notes")
                ),
                "plans": list(self.sustainability_plans.select_related("community")),
                "sessions": list(self.sessions.all()),
                "organizers": list(self.organizers.all()),
                "participants": list(self.participating_organizations.all()),
                "attachments": attachments_with_sizes(self.attachments.select_related("document")),
                "photos": list(self.photos.select_related("image")),
                "voice_notes": notes_for_display(self),
            }

        context.update(cached_for_page(self, request, "meeting-detail", detail_context))
        if self.is_upcoming:
            context["calendar_links"] = calendar_links(self, request)
        return context

    # Display helpers used by templates, feeds and exports.

    def card_meta(self):
        parts = [self.get_kind_display(), self.date_display]
        if self.commune or self.venue:
            parts.append(self.commune or self.venue)
        return parts

    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def is_upcoming(self):
        return bool(self.last_date and self.last_date >= dates.today())

    @property
    def date_display(self):
        return dates.date_range(self.start_date, self.end_date)

    @property
    def time_display(self):
        if not self.start_time:
            return ""
        if self.end_time:
            return f"{dates.time(self.start_time)} – {dates.time(self.end_time)}"
        return dates.time(self.start_time)

    @property
    def place_display(self):
        parts = [p for p in (self.venue, self.commune) if p]
        return ", ".join(parts)

    @property
    def other_organizations_list(self):
        return [line.strip() for line in self.other_organizations.splitlines() if line.strip()]

    @property
    def attendance_list(self):
        return [line.strip() for line in self.attendance.splitlines() if line.strip()]


def visible_meetings():
    """The meetings every visitor may see: live, and with no view restriction (login,
    password, groups) on the meeting or any of its ancestors. Every public listing, total,
    export and feed of meetings or of their recommendations starts from here."""
    return public(MeetingPage.objects.live())


class MeetingSession(Orderable):
    """One session of a meeting held in several sessions (each with its own communes)."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        _("intitulé"), max_length=255, help_text=_("Par exemple « Session 1 ».")
    )
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"), null=True, blank=True)
    venue = models.CharField(_("lieu"), max_length=255, blank=True)
    commune = models.CharField(_("commune du lieu"), max_length=120, blank=True)
    communes = models.TextField(
        _("communes participantes"),
        blank=True,
        help_text=_("Séparées par des virgules."),
    )
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("commune")]),
        FieldPanel("communes"),
        FieldPanel("participants_total"),
    ]
    api_fields = [
        APIField("title"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("venue"),
        APIField("commune"),
        APIField("communes", serializer=LinesField(separator=",")),
        APIField("participants_total"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin ne peut pas précéder le début.")})

    @property
    def communes_list(self):
        return [c.strip() for c in self.communes.replace(";", ",").split(",") if c.strip()]

    @property
    def date_display(self):
        return dates.date_range(self.start_date, self.end_date)

    @property
    def place_display(self):
        return ", ".join(p for p in (self.venue, self.commune) if p)


class MeetingAttachment(AttachmentBase):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachmentBase.Meta):
        verbose_name = _("document joint")
        verbose_name_plural = _("documents joints")


class MeetingPhoto(GalleryImageBase):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="photos")

    class Meta(GalleryImageBase.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class MeetingVoiceNote(VoiceNoteBase):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="voice_notes")
