"""The page document: mapping, index definition and SearchRecord → document conversion."""

import datetime

from elasticsearch.dsl import Completion, Date, Document, Index, Keyword, MetaField, Text

from . import analysis
from .text import clean_text

# Facet key (search.engines.base.FACETS) -> keyword field holding its values.
FACET_FIELDS = {
    "type": "content_type",
    "community": "communities",
    "theme": "themes",
    "tag": "tags",
    "organization": "organizations",
    "year": "year",
    "language": "languages",
}

SUGGEST_MAX_INPUT = 50
SUGGEST_MAX_SUFFIXES = 6


def _french_text(copy_to=("all_text", "spelling"), **options) -> Text:
    return Text(
        analyzer=analysis.FRENCH,
        search_analyzer=analysis.FRENCH_SEARCH,
        copy_to=list(copy_to),
        **options,
    )


class PageDocument(Document):
    """One live page. Text fields are French-analysed; facet fields are exact keywords."""

    page_id = Keyword()
    url = Keyword(index=False)
    title = _french_text()
    summary = _french_text()
    body = _french_text(index_options="offsets")  # long text: cheap highlighting
    keywords = _french_text()  # tag names, acronyms
    # Attachments' extracted text, weight C: kept out of all_text so that a page's own
    # words rank above its documents'.
    documents = _french_text(copy_to=("spelling",), index_options="offsets")
    # Everything searchable in one field, broadly stemmed: lets "all words must match"
    # span title and body, and catches verb forms the light stemmer keeps apart.
    all_text = Text(analyzer=analysis.BROAD, search_analyzer=analysis.BROAD_SEARCH)
    spelling = Text(analyzer=analysis.SPELLING)
    suggest = Completion(analyzer=analysis.AUTOCOMPLETE, max_input_length=SUGGEST_MAX_INPUT)
    content_type = Keyword()
    communities = Keyword()
    themes = Keyword()
    tags = Keyword()
    organizations = Keyword()
    languages = Keyword()
    year = Keyword()
    date = Date(format="strict_date")

    class Meta:
        dynamic = MetaField("strict")


def build_index(name: str, synonyms=(), acronyms=None, replicas: int | None = None) -> Index:
    """The index definition for ``name`` with the glossary: ``synonyms`` (Solr rules) and
    ``acronyms`` (case-sensitive acronym -> term)."""
    index = Index(name)
    settings = {"number_of_shards": 1, "max_result_window": 10_000}
    if replicas is not None:
        settings["number_of_replicas"] = replicas
    index.settings(**settings)
    index.mapping(PageDocument._doc_type.mapping)
    for definition in analysis.index_analyzers(acronyms) + analysis.search_analyzers(synonyms):
        index.analyzer(definition)
    return index


def index_body(name: str, synonyms=(), acronyms=None, replicas: int | None = None) -> dict:
    """``{"settings": ..., "mappings": ...}`` as sent to ``indices.create``."""
    return build_index(name, synonyms, acronyms, replicas).to_dict()


def suggest_inputs(title: str) -> list[str]:
    """The title and its word-boundary suffixes, so "ség" completes "Cadre … de Ségou"."""
    words = clean_text(title, max_chars=300, max_words=60).split(" ")
    inputs = []
    for start in range(min(len(words), SUGGEST_MAX_SUFFIXES)):
        text = " ".join(words[start:])[:SUGGEST_MAX_INPUT].strip()
        if len(text) > 1 and text not in inputs:
            inputs.append(text)
    return inputs


def _strings(values) -> list[str]:
    return [str(v) for v in values or () if v is not None and str(v) != ""]


def _date(value) -> str | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, datetime.date) else None


def record_to_document(record) -> dict:
    """A SearchRecord as the JSON source stored in the index (ids and years as strings)."""
    body = clean_text(record.get("body") or "", max_chars=1_000_000, max_words=200_000)
    documents = clean_text(record.get("documents") or "", max_chars=1_000_000, max_words=200_000)
    document = {
        "page_id": str(record["page_id"]),
        "url": record.get("url") or "",
        "title": clean_text(record.get("title") or "", max_chars=1000, max_words=1000),
        "summary": clean_text(record.get("summary") or "", max_chars=5000, max_words=5000),
        "body": body,
        "keywords": clean_text(record.get("keywords") or "", max_chars=5000, max_words=1000),
        "documents": documents,
        "content_type": record.get("content_type") or "page",
        "communities": _strings(record.get("communities")),
        "themes": _strings(record.get("themes")),
        "tags": _strings(record.get("tags")),
        "organizations": _strings(record.get("organizations")),
        "languages": _strings(record.get("languages")),
        "year": str(record["year"]) if record.get("year") else None,
        "date": _date(record.get("date")),
    }
    inputs = suggest_inputs(document["title"])
    if inputs:
        document["suggest"] = {"input": inputs}
    return document
