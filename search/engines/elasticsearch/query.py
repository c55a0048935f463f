"""Pure functions turning a SearchRequest into an Elasticsearch request body (built with
``elasticsearch.dsl``, sent as a dict), and its answer into a SearchResponse.

User text only ever reaches ``multi_match``/``match``/``prefix``/suggesters, which have no
query syntax; ``query_string`` is never used. Filters go to ``post_filter`` so the facet
aggregations can each apply all the *other* filters (OR within a facet, AND across).
"""

import datetime
import html
import re

from elasticsearch.dsl import A, Q, Search

from ...analysis import PREFIX_MIN_LENGTH, STOPWORDS, clean_query, fold, words
from ...facets import facet_values
from ..base import FACET_FIELDS, FACETS, SORT_DATE, Hit, SearchRequest, SearchResponse

MAX_RESULT_WINDOW = 10_000  # the index's max_result_window
MAX_QUERY_WORDS = 32  # bounds the clauses (and synonym expansions) of any pasted text
MAX_AUTOCOMPLETE = 20
MINIMUM_SHOULD_MATCH = "2<75%"  # up to 2 words: all; more: three quarters
# The weights of home.search_spec: title, summary, keywords A; body B; documents C.
TEXT_FIELDS = ["title^4", "keywords^3", "summary^2", "body", "documents^0.5", "all_text"]
PHRASE_FIELDS = ["title^3", "keywords^2", "summary"]
# Words cut short: a constant score far below any whole-word match's.
PREFIX_BOOST = 0.01
FACET_SIZES = {
    "type": 10,
    "community": 20,
    "theme": 50,
    "tag": 30,
    "organization": 50,
    "year": 30,
    "language": 10,
}
HIGHLIGHT_TAGS = ("<mark>", "</mark>")
EXCERPT_CHARS = 180


def clean_text(value, max_chars=200) -> str:
    """User text as plain, bounded words (no control characters, no lone surrogates)."""
    return " ".join(clean_query(value, limit=max_chars).split()[:MAX_QUERY_WORDS])


def expand_acronyms(query: str, acronyms=None) -> str:
    """Replace each case-sensitive acronym written in capitals ("AVEC") by its glossary
    term ("VSLA"); the lowercase word ("avec") stays an ordinary word."""
    for acronym, term in dict(acronyms or {}).items():
        query = re.sub(rf"(?<!\w){re.escape(acronym)}(?!\w)", lambda _m, t=term: t, query)
    return query


def prefixes(query: str) -> list[str]:
    """The words that may be cut short (as the database engines: ``PREFIX_MIN_LENGTH``
    letters or more, not stop words), folded as ``prefix_text`` is."""
    folded = (fold(word.lower()) for word in words(query) if word.isalpha())
    return list(
        dict.fromkeys(w for w in folded if len(w) >= PREFIX_MIN_LENGTH and w not in STOPWORDS)
    )


def text_query(query: str) -> Q:
    """Relevance query for cleaned user text; match_all when empty. A page matches the
    whole words (stemmed, with the glossary) or, ranked below, begins every word of
    ``PREFIX_MIN_LENGTH`` letters or more (« violen » finds « violences »)."""
    if not query:
        return Q("match_all")
    whole = Q(
        "multi_match",
        query=query,
        type="best_fields",
        fields=TEXT_FIELDS,
        tie_breaker=0.3,
        minimum_should_match=MINIMUM_SHOULD_MATCH,
        auto_generate_synonyms_phrase_query=True,
    )
    beginnings = prefixes(query)
    if beginnings:
        prefixed = Q(
            "constant_score",
            filter=Q("bool", must=[Q("prefix", prefix_text=w) for w in beginnings]),
            boost=PREFIX_BOOST,
        )
        whole = Q("bool", should=[whole, prefixed], minimum_should_match=1)
    phrase = Q("multi_match", query=query, type="phrase", fields=PHRASE_FIELDS, slop=2)
    return Q("bool", must=[whole], should=[phrase])


def filter_clauses(filters: dict, exclude: str | None = None) -> list[Q]:
    """One ``terms`` clause per active facet (values OR-ed), facets AND-ed by the caller."""
    return [
        Q("terms", **{FACET_FIELDS[key]: list(values)})
        for key, values in filters.items()
        if key != exclude
    ]


def facet_aggregation(key: str, filters: dict) -> A:
    """Counts for one facet under every filter except its own."""
    field = FACET_FIELDS[key]
    others = filter_clauses(filters, exclude=key)
    facet = A("filter", Q("bool", filter=others) if others else Q("match_all"))
    order = {"_key": "desc"} if key == "year" else [{"_count": "desc"}, {"_key": "asc"}]
    facet.bucket("values", "terms", field=field, size=FACET_SIZES[key], order=order)
    selected = filters.get(key)
    if selected:  # selected values must stay visible (to be unticked) even off the top list
        facet.bucket(
            "selected",
            "terms",
            field=field,
            include=list(selected),
            size=len(selected),
            min_doc_count=0,
        )
    return facet


def sort_clause(sort: str, has_query: bool) -> list:
    """Date (newest first) on request, or when there is no text to rank by."""
    tie_break = {"page_id": {"order": "asc"}}
    by_date = {"date": {"order": "desc", "missing": "_last", "unmapped_type": "date"}}
    if sort == SORT_DATE or not has_query:
        return [by_date, "_score", tie_break]
    return ["_score", by_date, tie_break]


def with_highlight(search: Search) -> Search:
    pre, post = HIGHLIGHT_TAGS
    passages = {"fragment_size": EXCERPT_CHARS}
    return (
        search.highlight_options(
            encoder="html",  # the page's text escaped; only the tags below are markup
            pre_tags=[pre],
            post_tags=[post],
            require_field_match=False,  # also mark words matched through all_text
            max_analyzed_offset=900_000,
        )
        .highlight("title", "summary", number_of_fragments=0)
        .highlight("body", **passages, number_of_fragments=2, no_match_size=EXCERPT_CHARS)
        .highlight("documents", **passages, number_of_fragments=1)
    )


def with_suggestion(search: Search, query: str) -> Search:
    """Phrase suggester over the site's own words, kept only if the fix finds pages."""
    collate = {
        "all_text": {"query": "{{suggestion}}", "minimum_should_match": MINIMUM_SHOULD_MATCH}
    }
    return search.suggest(
        "did_you_mean",
        query,
        phrase={
            "field": "spelling",
            "size": 1,
            "gram_size": 3,
            "max_errors": 2,
            "confidence": 1.0,
            "direct_generator": [
                {"field": "spelling", "suggest_mode": "always", "min_word_length": 3}
            ],
            "collate": {"query": {"source": {"match": collate}}, "prune": False},
        },
    )


def build_search_body(request: SearchRequest, acronyms=None) -> dict:
    """The whole ``_search`` body for a request (JSON-serialisable, no query syntax).

    ``acronyms``: the glossary's case-sensitive acronyms (``{"AVEC": "VSLA"}``).
    """
    query = clean_text(request.query)
    filters, per_page = request.filters, request.per_page
    start = (min(request.page, MAX_RESULT_WINDOW // per_page) - 1) * per_page
    search = (
        Search()
        .query(text_query(clean_text(expand_acronyms(query, acronyms))))
        .sort(*sort_clause(request.sort, bool(query)))
        .extra(track_total_hits=True, track_scores=True)
        # Not the body nor the documents: they can be whole PDFs.
        .source(["page_id", "title", "url", "content_type", "summary", "date"])
    )[start : start + per_page]
    for key in FACETS:
        search.aggs.bucket(key, facet_aggregation(key, filters))
    if filters:
        search = search.post_filter(Q("bool", filter=filter_clauses(filters)))
    if query:
        search = with_suggestion(with_highlight(search), query)
    return search.to_dict()


def build_autocomplete_body(prefix: str, limit: int = 8) -> dict | None:
    """Completion-suggester body, or None when there is nothing to complete."""
    text = clean_text(prefix, max_chars=50)
    if not text:
        return None
    size = max(1, min(int(limit), MAX_AUTOCOMPLETE))
    # Twice the limit: several inputs of one page may match the same prefix.
    completion = {"field": "suggest", "size": size * 2, "skip_duplicates": True}
    search = Search().extra(size=0).source(["title"])
    return search.suggest("autocomplete", text, completion=completion).to_dict()


# --- Answers: Elasticsearch response dicts as the engines' contract types ---------------

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
    return Hit(
        page_id=int(source.get("page_id") or raw["_id"]),
        title=source.get("title") or "",
        url=source.get("url") or "",
        content_type=source.get("content_type") or "page",
        excerpt_html=excerpt_html(source, raw.get("highlight") or {}),
        date=_date(source.get("date")),
        score=raw.get("_score"),
    )


def facet_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} from the facet aggregations (top values and selected ones)."""
    counts = {}
    for key in FACETS:
        agg = aggregations.get(key) or {}
        for part in ("values", "selected"):
            for bucket in (agg.get(part) or {}).get("buckets", ()):
                value = str(bucket.get("key_as_string", bucket["key"]))
                if bucket["doc_count"]:
                    counts.setdefault(key, {})[value] = int(bucket["doc_count"])
    return counts


def parse_suggestion(suggest: dict, query: str) -> str | None:
    """The corrected query, unless it only differs from the query by case or accents."""
    for entry in (suggest or {}).get("did_you_mean") or ():
        for option in entry.get("options") or ():
            if option.get("collate_match") is False:
                continue
            text = clean_text(option.get("text") or "")
            if text and fold(text.lower()) != fold(clean_text(query).lower()):
                return text
    return None


def parse_search_response(raw: dict, request: SearchRequest) -> SearchResponse:
    """An Elasticsearch ``_search`` answer (dict) as a SearchResponse for ``request``, its
    facets as every engine shows them (``facets.facet_values``)."""
    hits = raw.get("hits") or {}
    return SearchResponse(
        hits=[parse_hit(h) for h in hits.get("hits") or ()],
        total=int((hits.get("total") or {}).get("value", 0)),
        facets=facet_values(facet_counts(raw.get("aggregations") or {}), request.filters),
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
    return titles[: max(1, min(int(limit), MAX_AUTOCOMPLETE))]
