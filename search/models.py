import uuid

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin


class GlossaryTerm(DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A term of the sector with the variants that must find it (acronyms, synonyms).

    Editors get revisions, locking and draft state: a change of synonyms changes what every
    search finds, so it can be prepared as a draft and published when ready. Only live terms
    count (``search.glossary.get_glossary``); a draft edit of a live term leaves the published
    values in the row until it is published.
    """

    term = models.CharField(_("terme"), max_length=120, unique=True)
    variants = models.TextField(
        _("variantes"),
        help_text=_(
            "Une variante par ligne (sigle, synonyme, forme développée). Une recherche sur "
            "le terme ou l'une de ses variantes trouve les pages qui emploient les autres. "
            "Un sigle écrit en capitales qui est aussi un mot courant (« AVEC ») ne compte "
            "qu'écrit en capitales."
        ),
    )
    definition = models.TextField(_("définition"), blank=True)

    panels = [FieldPanel("term"), FieldPanel("variants"), FieldPanel("definition")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("terme du glossaire")
        verbose_name_plural = _("glossaire de recherche")

    def __str__(self):
        return self.term


class DocumentText(models.Model):
    """Text extracted from an uploaded document (PDF, DOCX, ODT), found through the pages
    that hold the document, with the outcome of the extraction for editors to see."""

    class Status(models.TextChoices):
        # The values of cdp_portal.extraction's statuses, plus NO_TEXT.
        INDEXED = "indexed", _("Texte indexé")
        PARTIAL = "partial", _("Texte indexé en partie")
        NO_TEXT = "no_text", _("Pas de texte à indexer pour ce format")
        TOO_LARGE = "too_large", _("Texte non indexé : document trop volumineux")
        CORRUPT = "corrupt", _("Texte non indexé : fichier illisible ou endommagé")
        TIMEOUT = "timeout", _("Texte non indexé : lecture trop longue")
        MEMORY = "memory", _("Texte non indexé : lecture trop gourmande en mémoire")

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="search_text",
        primary_key=True,
    )
    text = models.TextField(blank=True)
    file_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("état du texte"), max_length=12, choices=Status.choices, default=Status.INDEXED
    )
    error = models.CharField(_("précision"), max_length=255, blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("texte de document")
        verbose_name_plural = _("textes de documents")

    def __str__(self):
        return f"{self.document_id}: {len(self.text)}"

    @property
    def is_indexed(self):
        return self.status in (self.Status.INDEXED, self.Status.PARTIAL)

    @property
    def explanation(self):
        """What an editor reads: the status and, when there is one, its precision."""
        label = self.get_status_display()
        return f"{label} ({self.error})" if self.error else str(label)


class SearchEntry(models.Model):
    """One live, public page as the database engine sees it: a ``SearchRecord`` stored flat,
    so that one ranked query covers every page type. Full-text columns the project owns:
    on PostgreSQL ``search_vector`` (weighted A heading, summary, keywords; B text;
    C documents; kept by a trigger, GIN index: migration 0007) and ``rank_vector``, its
    weight-A part (0009); on SQLite the FTS5 table ``search_entry_fts`` over the
    ``*_terms`` columns (``search.analysis`` output), kept in sync by triggers.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    content_type = models.CharField(max_length=20, db_index=True)
    heading = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    keywords = models.TextField(blank=True)  # tag names
    documents = models.TextField(blank=True)  # attachments' extracted text
    # Acronyms that are also French words, written in capitals (« AVEC »), as the glossary
    # marks them ("sigleavec"): PostgreSQL's analysis lowercases them into stop words.
    acronyms = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only
    # The weight-A part of search_vector alone (heading, summary, keywords): small and
    # stored inline, so every match can be ranked on it cheaply (migration 0009).
    rank_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only
    title_terms = models.TextField(blank=True)  # SQLite only, from here down
    body_terms = models.TextField(blank=True)
    document_terms = models.TextField(blank=True)
    autocomplete_terms = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entrée de l'index de recherche")
        verbose_name_plural = _("entrées de l'index de recherche")

    def __str__(self):
        return self.heading


class SearchFacet(models.Model):
    """One facet value of one entry (type, community, theme, tag, organisation, year,
    language): one table for every facet, so all counts come from one grouped query."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=12)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "entry"], name="search_facet_value_idx")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_unique")
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class VocabularyWord(models.Model):
    """A word that occurs on the site, for « Vouliez-vous dire … » suggestions."""

    word = models.CharField(max_length=40, primary_key=True)  # folded, lowercase
    display = models.CharField(max_length=40)  # as written (accents kept)
    stem = models.CharField(max_length=40, db_index=True)
    length = models.PositiveSmallIntegerField(db_index=True)
    frequency = models.PositiveIntegerField(default=1)

    def __str__(self):
        return self.display


class SearchQueryStat(models.Model):
    """How often a query was searched on a day, and how often it found nothing. Written in
    batches off the request path (see ``search.query_log``)."""

    query = models.CharField(_("recherche"), max_length=100)
    date = models.DateField(_("jour"))
    hits = models.PositiveIntegerField(_("recherches"), default=0)
    zero_hits = models.PositiveIntegerField(_("sans résultat"), default=0)
    last_total = models.PositiveIntegerField(_("derniers résultats"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_query_stat_unique")
        ]
        indexes = [models.Index(fields=["date"], name="search_query_stat_date_idx")]
        verbose_name = _("statistique de recherche")
        verbose_name_plural = _("statistiques de recherche")

    def __str__(self):
        return f"{self.query} ({self.date})"


class IndexState(models.Model):
    """One row that changes whenever the database index does: processes compare it (a
    primary-key lookup) to know that their cached facet bitmaps are stale. The token makes
    a version number reused after a rolled-back transaction still differ."""

    version = models.PositiveBigIntegerField(default=0)
    token = models.CharField(max_length=32, blank=True)

    def __str__(self):
        return f"{self.version}:{self.token}"

    @classmethod
    def bump(cls):
        token = uuid.uuid4().hex
        updated = cls.objects.filter(pk=1).update(version=models.F("version") + 1, token=token)
        if not updated:
            cls.objects.update_or_create(pk=1, defaults={"version": 1, "token": token})

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("version", "token").first() or (0, "")
