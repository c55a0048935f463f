from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import LockableMixin, RevisionMixin
from wagtail.search import index

from .taxonomy import SlugFromNameMixin


class MaliRegion(models.TextChoices):
    """Mali's regions as Natural Earth draws them (home/geodata/mali.json, ISO 3166-2)."""

    KAYES = "ML-1", "Kayes"
    KOULIKORO = "ML-2", "Koulikoro"
    SIKASSO = "ML-3", "Sikasso"
    SEGOU = "ML-4", "Ségou"
    MOPTI = "ML-5", "Mopti"
    TOMBOUCTOU = "ML-6", "Tombouctou"
    GAO = "ML-7", "Gao"
    KIDAL = "ML-8", "Kidal"
    MENAKA = "ML-9", "Ménaka"
    TAOUDENIT = "ML-10", "Taoudénit"
    BAMAKO = "ML-BKO", "District de Bamako"


class Place(SlugFromNameMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A commune the actor map can place: an organisation's « commune » and a practice's
    « lieux » are matched to it by name (accents and case aside, home.places).

    Revisions and locking like a theme (no draft state: a commune serves as soon as a page
    names it)."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(
        _("identifiant d'adresse"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Laisser vide pour le déduire du nom."),
    )
    other_names = models.CharField(
        _("autres graphies"),
        max_length=255,
        blank=True,
        help_text=_("Séparées par des virgules, par exemple « Sevaré » pour « Sévaré »."),
    )
    region = models.CharField(_("région"), max_length=8, choices=MaliRegion.choices)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("En degrés décimaux, par exemple 13,4317 pour Ségou."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=4,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("En degrés décimaux, négative à l'ouest de Greenwich (-6,2157 pour Ségou)."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("other_names"),
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return self.name

    @property
    def names(self):
        return [self.name, *(n.strip() for n in self.other_names.split(",") if n.strip())]
