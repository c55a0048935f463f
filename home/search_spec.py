"""What the public search indexes for a page type, declared next to its model.

A searchable page model carries ``search_spec = SearchSpec(...)``; ``search.records``
reads it (``home`` never imports ``search``). Plain data, no logic: each entry is a field
path on the page, with dots through relations (``"organization.acronym"``,
``"sessions.communes"``, ``"documents.language.code"``). A relation holding many objects
gives one value per object. Nothing that is not named here is indexed.

Where a text goes decides its weight in the ranking:

- ``title`` and ``summary`` (the excerpt shown when nothing else matches), weight A;
- ``keywords`` (tags, acronyms), weight A;
- ``body``, weight B: the page's own text and the related texts shown on it;
- ``documents``, weight C: the relations whose objects attach a document (``document``
  foreign key); their extracted text (``search.models.DocumentText``) is indexed, their
  displayed titles go to ``body``.

Facets hold ids (``communities``, ``themes``, ``organizations``), codes (``languages``) or
slugs (``tags``); ``date`` is the first non-empty of its paths (a date, or a year), else
the page's first publication. ``is_facet`` names the facet the page itself is a value of
(a community page is in its own community).
"""

from dataclasses import dataclass

WEIGHTS = {"title": "A", "summary": "A", "keywords": "A", "body": "B", "documents": "C"}


@dataclass(frozen=True)
class SearchSpec:
    type: str  # the "type" facet value: practice, tool, frame, meeting, organization…
    summary: tuple[str, ...] = ()  # the first non-empty one
    body: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # relations to objects with a ``document`` foreign key
    communities: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    is_facet: str = ""  # "communities" or "organizations"
