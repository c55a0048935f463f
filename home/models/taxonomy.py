from django import forms
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import LockableMixin, RevisionMixin
from wagtail.search import index


class SlugFromNameMixin:
    """For a model with a ``name`` and a ``slug`` (themes, communes): the slug left empty is
    derived from the name, on save and before the form's uniqueness check (so that a clash is
    a form error, not a crash)."""

    def fill_slug(self):
        if not self.slug and self.name:
            self.slug = slugify(self.name)[: self._meta.get_field("slug").max_length]

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_slug()


class Theme(SlugFromNameMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A controlled theme (child marriage, VBG prevention, women's participation…).

    Editors get revisions (history, compare, revert) and locking. No draft state: a theme is
    used publicly everywhere pages carry it (cards, filters, theme pages, search facets), and a
    theme is only useful once pages carry it, which needs it to exist, live.
    """

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(
        _("identifiant d'adresse"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Laisser vide pour le déduire du nom (« mariage-d-enfants »)."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme_detail", kwargs={"slug": self.slug})


class ClassifiedPageMixin(models.Model):
    """Communities and themes a page belongs to; tags come from each model's own
    ``tags`` ClusterTaggableManager (one taggit vocabulary for the whole site)."""

    communities = ParentalManyToManyField(
        "home.CommunityPage",
        blank=True,
        related_name="+",
        verbose_name=_("communautés"),
        help_text=_("Une ou plusieurs communautés de pratique concernées."),
    )
    themes = ParentalManyToManyField(
        "home.Theme",
        blank=True,
        related_name="+",
        verbose_name=_("thèmes"),
        help_text=_("Les thèmes traités ; cochez-en un ou plusieurs."),
    )

    classification_panels = [
        FieldPanel("communities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]

    class Meta:
        abstract = True

    def classification(self):
        """Communities, themes and tags as the page shows them (classification.html)."""
        return {
            "communities": list(self.communities.all()),
            "themes": list(self.themes.all()),
            "tags": list(self.tags.all()),
        }

    @classmethod
    def classification_panel(cls):
        """The classification fields as one group of the content tab: members fill them in
        with the content, not among the search-engine settings of « Promotion »."""
        return MultiFieldPanel(
            cls.classification_panels,
            heading=_("Classement"),
            help_text=_(
                "Les communautés, thèmes et mots-clés font trouver la page dans les listes "
                "et la recherche."
            ),
        )
