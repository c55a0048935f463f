"""Pure functions turning Elasticsearch response dicts into the engines' contract types."""

import datetime
import html
import logging
import re

from ..base import FACETS, FacetValue, Hit, SearchResponse
from .query import EXCERPT_CHARS, autocomplete_size, clean_filters
from .text import clean_text, fold

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
