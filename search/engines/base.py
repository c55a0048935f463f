import datetime
from dataclasses import dataclass, field
from typing import TypedDict

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"

# Facet keys, in the order the page shows them, and the SearchRecord key (also the
# Elasticsearch field) holding their values. Values are strings: a content type label
# ("practice", "tool", "frame", "meeting", "organization", "community", "page"), a
# community/theme/organisation page or object id, a tag slug, a year, a language code.
FACET_FIELDS = {
    "type": "content_type",
    "community": "communities",
    "theme": "themes",
    "tag": "tags",
    "organization": "organizations",
    "year": "year",
    "language": "languages",
}
FACETS = tuple(FACET_FIELDS)


class SearchRecord(TypedDict):
    """What every engine indexes for one live page (built by ``search.records``).

    Text keys and their weight in ranking (see ``home.search_spec``): ``title``,
    ``summary`` and ``keywords`` (tag names, acronyms) A; ``body`` (the page's text and the
    related texts shown on it) B; ``documents`` (text extracted from attached documents,
    not repeated in ``body``) C. Facet fields hold the raw values listed in FACETS.
    """

    page_id: int
    content_type: str
    title: str
    summary: str
    body: str
    documents: str
    keywords: str
    url: str
    date: datetime.date | None
    year: int | None
    communities: list[int]
    themes: list[int]
    tags: list[str]
    organizations: list[int]
    languages: list[str]


class EngineUnavailable(Exception):
    """The engine cannot answer now (down, too slow): the caller falls back to another."""


MAX_PAGE = 10_000
MAX_PER_PAGE = 100


def _bounded(value, default, highest):
    try:
        return max(1, min(int(value), highest))
    except (TypeError, ValueError, OverflowError):
        return default


@dataclass(frozen=True)
class SearchRequest:
    """What an engine is asked; built from any input, it holds only known facets (values
    as strings: OR within a facet, AND across facets) and a page within bounds. Which
    values are well formed is the view's business (``facets.clean_filters``)."""

    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = 20

    def __post_init__(self):
        filters = {}
        for key in FACETS:
            raw = (self.filters or {}).get(key) or ()
            values = (raw,) if isinstance(raw, str) else raw
            values = tuple(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
            if values:
                filters[key] = values[:20]
        object.__setattr__(self, "filters", filters)
        object.__setattr__(self, "page", _bounded(self.page, 1, MAX_PAGE))
        object.__setattr__(self, "per_page", _bounded(self.per_page, 20, MAX_PER_PAGE))


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    content_type: str  # one of the "type" facet values
    excerpt_html: str  # escaped text, with only <mark> added around matches
    date: datetime.date | None = None
    score: float | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResponse:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]  # facet key -> values with counts given the *other* filters
    suggestion: str | None = None  # "Vouliez-vous dire …"
    engine: str = ""
    notice: str | None = None  # e.g. the fallback notice shown discreetly


class SearchEngine:
    name = ""

    def search(self, request: SearchRequest) -> SearchResponse:  # pragma: no cover - interface
        raise NotImplementedError

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:  # pragma: no cover
        raise NotImplementedError
