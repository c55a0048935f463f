"""Elasticsearch engine (``ELASTICSEARCH_URL`` set; Elasticsearch 8 via ``elasticsearch.dsl``):
French analysis, the glossary and user text (``analysis``), the page document and the index
lifecycle with alias swaps (``indexing``), request bodies and answers (``query``), the engine
(``engine``: every failure raises ``EngineUnavailable``, so that the caller falls back to the
database engine) and ``index``, the one module that reads Django's settings and the glossary."""

from .engine import ElasticsearchEngine

__all__ = ["ElasticsearchEngine"]
