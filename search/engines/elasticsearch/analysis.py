"""French analysis: the index and search analyzers for a given glossary.

Two chains, standard tokenizer → elision → lowercase → ASCII folding → stemmer:
``cdp_french`` (light stemmer: precise matches, highlighting) on the page's fields and
``cdp_french_broad`` (Snowball) on ``all_text``, for recall. Elision drops the database
engine's stop words (``search.analysis.STOPWORDS``), so both engines see the same words;
no stop filter (it would leave holes that make Lucene reject multi-word synonym rules).
``cdp_autocomplete`` (folded, unstemmed) serves the completion suggester and the words
cut short (``prefix_text``). The glossary (``search.glossary``), fixed when an index is
created (``rebuild()`` applies edits): its Solr rules in the *search* analyzers after the
stemmer, and its case-sensitive acronyms (« AVEC » → VSLA) as index-time character
filters; ``query.expand_acronyms`` is the query side.
"""

import re

from elasticsearch.dsl import analyzer, char_filter, token_filter

from ...analysis import STOPWORDS

FRENCH = "cdp_french"
FRENCH_SEARCH = "cdp_french_search"
BROAD = "cdp_french_broad"
BROAD_SEARCH = "cdp_french_broad_search"
AUTOCOMPLETE = "cdp_autocomplete"
SPELLING = "cdp_spelling"

french_elision = token_filter(
    "cdp_french_elision", "elision", articles_case=True, articles=sorted(STOPWORDS)
)
light_stemmer = token_filter("cdp_french_stemmer", "stemmer", language="light_french")
broad_stemmer = token_filter("cdp_french_broad_stemmer", "stemmer", language="french")
suggest_shingles = token_filter(
    "cdp_shingles", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=True
)

FOLDING = [french_elision, "lowercase", "asciifolding"]
FRENCH_CHAIN = [*FOLDING, light_stemmer]
BROAD_CHAIN = [*FOLDING, broad_stemmer]


def _java_replacement(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$")


def acronym_char_filters(acronyms) -> list:
    """One ``pattern_replace`` per acronym: "AVEC" (whole word, in capitals) → "AVEC VSLA"."""
    return [
        char_filter(
            f"cdp_acronym_{number}",
            "pattern_replace",
            pattern=r"(?<![\p{L}\p{N}])" + re.escape(acronym) + r"(?![\p{L}\p{N}])",
            replacement="$0 " + _java_replacement(term),
        )
        for number, (acronym, term) in enumerate(sorted(dict(acronyms or {}).items()))
    ]


def index_analyzers(acronyms=None) -> list:
    acronym_filters = acronym_char_filters(acronyms)
    options = {"char_filter": acronym_filters} if acronym_filters else {}
    return [
        analyzer(FRENCH, tokenizer="standard", filter=FRENCH_CHAIN, **options),
        analyzer(BROAD, tokenizer="standard", filter=BROAD_CHAIN, **options),
        # Autocomplete and words cut short: folded, unstemmed ("seg" must reach "Ségou").
        analyzer(AUTOCOMPLETE, tokenizer="standard", filter=FOLDING),
        # "Vouliez-vous dire": the site's words as written (accents kept, articles
        # dropped), in 1- to 3-word shingles for the phrase suggester.
        analyzer(
            SPELLING, tokenizer="standard", filter=[french_elision, "lowercase", suggest_shingles]
        ),
    ]


def search_analyzers(synonyms=None) -> list:
    """The French chains plus, when there are rules, the glossary.

    ``lenient`` skips a rule Elasticsearch cannot parse instead of refusing the whole
    index: an editor's odd glossary entry must not stop the site's search.
    """
    rules = list(synonyms or ())
    glossary = (
        [token_filter("cdp_glossary", "synonym_graph", synonyms=rules, lenient=True)]
        if rules
        else []
    )
    return [
        analyzer(FRENCH_SEARCH, tokenizer="standard", filter=[*FRENCH_CHAIN, *glossary]),
        analyzer(BROAD_SEARCH, tokenizer="standard", filter=[*BROAD_CHAIN, *glossary]),
    ]
