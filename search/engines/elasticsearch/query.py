"""Pure functions turning a SearchRequest into an Elasticsearch request body (plain dicts),
and its answer into a SearchResponse.

User text only ever reaches ``multi_match``/``match``/suggesters, which have no query
syntax; ``query_string`` is never used. Filters go to ``post_filter`` so the facet
aggregations can each apply all the *other* filters (OR within a facet, AND across).
"""

import datetime
import html
import logging
import re

from ..base import FACETS, SORT_DATE, FacetValue, Hit, SearchRequest, SearchResponse
from .analysis import MAX_PREFIX_CHARS, clean_acronyms, clean_text, fold
from .indexing import FACET_FIELDS

MAX_RESULT_WINDOW = 10_000  # the index's max_result_window
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 20
MAX_FILTER_VALUE_CHARS = 100
MAX_AUTOCOMPLETE = 20
MINIMUM_SHOULD_MATCH = "2<75%"  # up to 2 words: all; more: three quarters
# The weights of home.search_spec: title, summary, keywords A; body B; documents C.
TEXT_FIELDS = ["title^4", "keywords^3", "summary^2", "body", "documents^0.5", "all_text"]
PHRASE_FIELDS = ["title^3", "keywords^2", "summary"]
FACET_SIZES = {
    "type": 10,
    "community": 20,
    "theme": 50,
    "tag": 30,
    "organization": 50,
    "year": 30,
    "language": 10,
}
SOURCE_FIELDS = [
    "page_id",
    "title",
    "url",
    "content_type",
    "summary",
    "date",
    "year",
    "communities",
    "themes",
    "tags",
    "organizations",
    "languages",
    "keywords",
]  # not the body nor the documents: they can be whole PDFs
HIGHLIGHT_TAGS = ("<mark>", "</mark>")
EXCERPT_CHARS = 180


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return default


def clamp_page(page, per_page) -> tuple[int, int]:
    """(page, per_page) within 1…MAX_PER_PAGE and the index's result window."""
    per_page = min(max(_int(per_page, 20), 1), MAX_PER_PAGE)
    last_page = MAX_RESULT_WINDOW // per_page
    return min(max(_int(page, 1), 1), last_page), per_page


def clean_filters(filters) -> dict[str, tuple[str, ...]]:
    """Known facets only, string values, bounded, without blanks or duplicates."""
    out = {}
    for key in FACETS:
        raw = (filters or {}).get(key) or ()
        if isinstance(raw, str):
            raw = (raw,)
        values = []
        for value in raw:
            text = clean_text(value, max_chars=MAX_FILTER_VALUE_CHARS, max_words=20)
            if text and text not in values:
                values.append(text)
        if values:
            out[key] = tuple(values[:MAX_FILTER_VALUES])
    return out


def expand_acronyms(query: str, acronyms=None) -> str:
    """Replace each case-sensitive acronym written in capitals ("AVEC") by its glossary
    term ("VSLA"); the lowercase word ("avec") stays an ordinary word."""
    for acronym, term in clean_acronyms(acronyms).items():
        query = re.sub(rf"(?<!\w){re.escape(acronym)}(?!\w)", lambda _m, t=term: t, query)
    return query


def text_query(query: str) -> dict:
    """Relevance query for cleaned user text; match_all when empty."""
    if not query:
        return {"match_all": {}}
    return {
        "bool": {
            "must": [
                {
                    "multi_match": {
                        "query": query,
                        "type": "best_fields",
                        "fields": TEXT_FIELDS,
                        "tie_breaker": 0.3,
                        "minimum_should_match": MINIMUM_SHOULD_MATCH,
                        "auto_generate_synonyms_phrase_query": True,
                    }
                }
            ],
            "should": [
                {
                    "multi_match": {
                        "query": query,
                        "type": "phrase",
                        "fields": PHRASE_FIELDS,
                        "slop": 2,
                    }
                }
            ],
        }
    }


def filter_clauses(filters: dict, exclude: str | None = None) -> list[dict]:
    """One ``terms`` clause per active facet (values OR-ed), facets AND-ed by the caller."""
    return [
        {"terms": {FACET_FIELDS[key]: list(values)}}
        for key, values in filters.items()
        if key != exclude
    ]


def post_filter(filters: dict) -> dict | None:
    clauses = filter_clauses(filters)
    return {"bool": {"filter": clauses}} if clauses else None


def facet_aggregation(key: str, filters: dict) -> dict:
    """Counts for one facet under every filter except its own."""
    field = FACET_FIELDS[key]
    order = {"_key": "desc"} if key == "year" else [{"_count": "desc"}, {"_key": "asc"}]
    aggs = {"values": {"terms": {"field": field, "size": FACET_SIZES[key], "order": order}}}
    selected = filters.get(key)
    if selected:  # selected values must stay visible (to be unticked) even off the top list
        aggs["selected"] = {
            "terms": {
                "field": field,
                "include": list(selected),
                "size": len(selected),
                "min_doc_count": 0,
            }
        }
    others = filter_clauses(filters, exclude=key)
    scope = {"bool": {"filter": others}} if others else {"match_all": {}}
    return {"filter": scope, "aggs": aggs}


def facet_aggregations(filters: dict) -> dict:
    return {key: facet_aggregation(key, filters) for key in FACETS}


def sort_clause(sort: str, has_query: bool) -> list:
    """Date (newest first) on request, or when there is no text to rank by."""
    tie_break = {"page_id": {"order": "asc"}}
    by_date = {"date": {"order": "desc", "missing": "_last", "unmapped_type": "date"}}
    if sort == SORT_DATE or not has_query:
        return [by_date, "_score", tie_break]
    return ["_score", by_date, tie_break]


def highlight_settings() -> dict:
    pre, post = HIGHLIGHT_TAGS
    return {
        "encoder": "html",  # the page's text escaped; only the tags below are markup
        "pre_tags": [pre],
        "post_tags": [post],
        "require_field_match": False,  # also mark words matched through all_text
        "max_analyzed_offset": 900_000,
        "fields": {
            "title": {"number_of_fragments": 0},
            "summary": {"number_of_fragments": 0},
            "body": {
                "fragment_size": EXCERPT_CHARS,
                "number_of_fragments": 2,
                "no_match_size": EXCERPT_CHARS,
            },
            "documents": {"fragment_size": EXCERPT_CHARS, "number_of_fragments": 1},
        },
    }


def suggest_settings(query: str) -> dict:
    """Phrase suggester over the site's own words, kept only if the fix finds pages."""
    return {
        "text": query,
        "did_you_mean": {
            "phrase": {
                "field": "spelling",
                "size": 1,
                "gram_size": 3,
                "max_errors": 2,
                "confidence": 1.0,
                "direct_generator": [
                    {"field": "spelling", "suggest_mode": "always", "min_word_length": 3}
                ],
                "collate": {
                    "query": {
                        "source": {
                            "match": {
                                "all_text": {
                                    "query": "{{suggestion}}",
                                    "minimum_should_match": MINIMUM_SHOULD_MATCH,
                                }
                            }
                        }
                    },
                    "prune": False,
                },
            }
        },
    }


def build_search_body(request: SearchRequest, acronyms=None) -> dict:
    """The whole ``_search`` body for a request (JSON-serialisable, no query syntax).

    ``acronyms``: the glossary's case-sensitive acronyms (``{"AVEC": "VSLA"}``).
    """
    query = clean_text(request.query)
    filters = clean_filters(request.filters)
    page, per_page = clamp_page(request.page, request.per_page)
    body = {
        "query": text_query(clean_text(expand_acronyms(query, acronyms))),
        "aggs": facet_aggregations(filters),
        "sort": sort_clause(request.sort, bool(query)),
        "from": (page - 1) * per_page,
        "size": per_page,
        "track_total_hits": True,
        "track_scores": True,
        "_source": SOURCE_FIELDS,
    }
    selection = post_filter(filters)
    if selection:
        body["post_filter"] = selection
    if query:
        body["highlight"] = highlight_settings()
        body["suggest"] = suggest_settings(query)
    return body


def autocomplete_size(limit) -> int:
    return min(max(_int(limit, 8), 1), MAX_AUTOCOMPLETE)


def build_autocomplete_body(prefix: str, limit: int = 8) -> dict | None:
    """Completion-suggester body, or None when there is nothing to complete."""
    text = clean_text(prefix, max_chars=MAX_PREFIX_CHARS, max_words=8)
    if not text:
        return None
    size = autocomplete_size(limit)
    return {
        "size": 0,
        "_source": ["title"],
        "suggest": {
            "autocomplete": {
                "prefix": text,
                # Twice the limit: several inputs of one page may match the same prefix.
                "completion": {"field": "suggest", "size": size * 2, "skip_duplicates": True},
            }
        },
    }


# --- Answers: Elasticsearch response dicts as the engines' contract types ---------------

logger = logging.getLogger(__name__)

_MARK = re.compile(r"(</?mark>)")
ELLIPSIS = " … "


def clean_highlight(fragment: str) -> str:
    """Escaped text with only balanced <mark>…</mark> kept as markup.

    Elasticsearch already escapes (``encoder: html``); unescaping then escaping each text
    part is idempotent and guards against a highlighter that did not.
    """
    out, open_mark = [], False
    for part in _MARK.split(fragment or ""):
        if part == "<mark>":
            if not open_mark:
                out.append(part)
                open_mark = True
        elif part == "</mark>":
            if open_mark:
                out.append(part)
                open_mark = False
        else:
            out.append(html.escape(html.unescape(part), quote=False))
    if open_mark:
        out.append("</mark>")
    return "".join(out)


def _truncate(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def excerpt_html(source: dict, highlight: dict) -> str:
    """Body passages with matches, else the highlighted or plain summary, else a passage of
    the attached documents with matches, else the body's start."""
    body = [f for f in highlight.get("body") or () if "<mark>" in f]
    if body:
        return ELLIPSIS.join(clean_highlight(f) for f in body)
    documents = [f for f in highlight.get("documents") or () if "<mark>" in f]
    if documents and not (highlight.get("summary") or ()):
        return clean_highlight(documents[0])
    summary = highlight.get("summary") or ()
    if summary:
        return clean_highlight(summary[0])
    if source.get("summary"):
        return html.escape(_truncate(source["summary"]), quote=False)
    start = highlight.get("body") or ()
    return clean_highlight(start[0]) + "…" if start else ""


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def parse_hit(raw: dict) -> Hit:
    source = raw.get("_source") or {}
    highlight = raw.get("highlight") or {}
    title_html = highlight.get("title")
    extra = {
        key: source.get(key) or []
        for key in ("communities", "themes", "tags", "organizations", "languages")
    }
    extra["summary"] = source.get("summary") or ""
    extra["year"] = source.get("year")
    if title_html:
        extra["title_html"] = clean_highlight(title_html[0])
    return Hit(
        page_id=int(source.get("page_id") or raw["_id"]),
        title=source.get("title") or "",
        url=source.get("url") or "",
        content_type=source.get("content_type") or "page",
        excerpt_html=excerpt_html(source, highlight),
        date=_date(source.get("date")),
        score=raw.get("_score"),
        extra=extra,
    )


def _relabel(values: list[FacetValue], facet: str, labels) -> None:
    if not labels or not values:
        return
    try:
        names = labels(facet, [v.value for v in values]) or {}
    except Exception:  # noqa: BLE001 - raw values are better than no results
        logger.warning("Facet labels unavailable for %s", facet, exc_info=True)
        return
    for value in values:
        value.label = str(names.get(value.value, value.value))


def parse_facets(aggregations: dict, filters: dict, labels=None) -> dict[str, list[FacetValue]]:
    """Every facet key, top values first, then selected values absent from the top list.

    ``labels(facet, values) -> {value: label}`` names the values; without it, label = value.
    """
    facets = {}
    for key in FACETS:
        agg = aggregations.get(key) or {}
        selected = filters.get(key, ())
        values, seen = [], set()
        buckets = (agg.get("values") or {}).get("buckets", []) + (
            (agg.get("selected") or {}).get("buckets", [])
        )
        for bucket in buckets:
            value = str(bucket.get("key_as_string", bucket["key"]))
            if value in seen:
                continue
            seen.add(value)
            values.append(FacetValue(value, value, int(bucket["doc_count"]), value in selected))
        values += [FacetValue(v, v, 0, True) for v in selected if v not in seen]
        _relabel(values, key, labels)
        facets[key] = values
    return facets


def parse_total(hits: dict) -> int:
    total = hits.get("total", 0)
    return int(total.get("value", 0) if isinstance(total, dict) else total)


def parse_suggestion(suggest: dict, query: str) -> str | None:
    """The corrected query, unless it only differs from the query by case or accents."""
    for entry in (suggest or {}).get("did_you_mean") or ():
        for option in entry.get("options") or ():
            if option.get("collate_match") is False:
                continue
            text = clean_text(option.get("text") or "")
            if text and fold(text) != fold(clean_text(query)):
                return text
    return None


def parse_search_response(raw: dict, request, labels=None) -> SearchResponse:
    """An Elasticsearch ``_search`` answer (dict) as a SearchResponse for ``request``."""
    hits = raw.get("hits") or {}
    filters = clean_filters(request.filters)
    return SearchResponse(
        hits=[parse_hit(h) for h in hits.get("hits") or ()],
        total=parse_total(hits),
        facets=parse_facets(raw.get("aggregations") or {}, filters, labels),
        suggestion=parse_suggestion(raw.get("suggest"), request.query),
        engine="elasticsearch",
    )


def parse_autocomplete_response(raw: dict, limit: int) -> list[str]:
    """Distinct page titles from a completion-suggester answer."""
    titles = []
    for entry in (raw.get("suggest") or {}).get("autocomplete") or ():
        for option in entry.get("options") or ():
            title = (option.get("_source") or {}).get("title") or option.get("text") or ""
            if title and title not in titles:
                titles.append(title)
    return titles[: autocomplete_size(limit)]
