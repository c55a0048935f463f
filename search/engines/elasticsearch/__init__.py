"""Elasticsearch engine (``ELASTICSEARCH_URL`` set; Elasticsearch 8 via ``elasticsearch.dsl``):
French analysis and the glossary (``analysis``), the index and its documents (``mapping``),
queries and answers (``query``, ``response``), the index lifecycle with alias swaps
(``indexing``), the engine (``engine``: every failure raises ``EngineUnavailable``, so that
the caller falls back to the database engine) and ``index``, the one module that reads
Django's settings and the glossary. Only ``index`` needs Django."""

from .engine import ElasticsearchEngine

__all__ = ["ElasticsearchEngine"]
