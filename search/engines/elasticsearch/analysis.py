"""French analysis (index and search analyzers for a given glossary) and the cleaning of
user text before it reaches Elasticsearch.

Two chains, standard tokenizer → elision → lowercase → ASCII folding → stemmer:
``cdp_french`` (light stemmer: precise matches, highlighting) on the page's fields and
``cdp_french_broad`` (Snowball) on ``all_text``, for recall. Elision drops the database
engine's stop words (``search.analysis.STOPWORDS``), so both engines see the same words;
no stop filter (it would leave holes that make Lucene reject multi-word synonym rules).
The glossary, fixed when an index is created (``rebuild()`` applies edits): its Solr
rules in the *search* analyzers after the stemmer, and its case-sensitive acronyms
(« AVEC » → VSLA) as index-time character filters; ``query.expand_acronyms`` is the
query side.
"""

import re
import unicodedata

from elasticsearch.dsl import analyzer, char_filter, token_filter

from ...analysis import STOPWORDS
from ...analysis import fold as accent_fold

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 32
MAX_PREFIX_CHARS = 50

_SPACES = re.compile(r"\s+")


def _drop_unsafe(text: str) -> str:
    """Replace control/format characters and lone surrogates by spaces (JSON/UTF-8 safe)."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        out.append(" " if category in ("Cc", "Cf", "Cs", "Co", "Cn") else char)
    return "".join(out)


def clean_text(value, max_chars: int = MAX_QUERY_CHARS, max_words: int = MAX_QUERY_WORDS) -> str:
    """User input as plain, bounded text: no control characters, no surrogates, NFC.

    The text only ever goes into ``multi_match``/``match`` and suggesters, which have no
    query syntax, so quotes and operators stay ordinary characters; the bounds keep the
    number of clauses (and synonym expansions) small whatever is pasted into the box.
    """
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    text = unicodedata.normalize("NFC", _drop_unsafe(value[: max_chars * 4]))
    words = _SPACES.sub(" ", text).strip().split(" ")[:max_words]
    text = " ".join(words)
    if len(text) > max_chars:
        cut = text[:max_chars]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return text.strip()


def fold(text: str) -> str:
    """Lowercase, accent-free form, to tell whether a suggestion differs from the query."""
    return " ".join(accent_fold(text.casefold()).split())


FRENCH = "cdp_french"
FRENCH_SEARCH = "cdp_french_search"
BROAD = "cdp_french_broad"
BROAD_SEARCH = "cdp_french_broad_search"
AUTOCOMPLETE = "cdp_autocomplete"
SPELLING = "cdp_spelling"

# Words elided before an apostrophe: the stop words, as the database engine drops them.
FRENCH_ARTICLES = sorted(STOPWORDS)
MAX_SYNONYM_RULE_CHARS = 1000
MAX_ACRONYMS = 50

french_elision = token_filter(
    "cdp_french_elision", "elision", articles_case=True, articles=FRENCH_ARTICLES
)
light_stemmer = token_filter("cdp_french_stemmer", "stemmer", language="light_french")
broad_stemmer = token_filter("cdp_french_broad_stemmer", "stemmer", language="french")
suggest_shingles = token_filter(
    "cdp_shingles", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=True
)

FOLDING = [french_elision, "lowercase", "asciifolding"]
FRENCH_CHAIN = [*FOLDING, light_stemmer]
BROAD_CHAIN = [*FOLDING, broad_stemmer]


def clean_synonym_rules(rules) -> list[str]:
    """Solr-format rules without blanks, comments, control characters or duplicates."""
    seen, out = set(), []
    for rule in rules or ():
        text = clean_text(rule, max_chars=MAX_SYNONYM_RULE_CHARS, max_words=200)
        if not text or text.startswith("#") or text in seen:
            continue
        if "," not in text and "=>" not in text:
            continue  # a rule with a single phrase maps nothing
        seen.add(text)
        out.append(text)
    return out


def clean_acronyms(acronyms) -> dict[str, str]:
    """Acronym (one word in capitals) -> glossary term; anything else is dropped."""
    out = {}
    for acronym, term in dict(acronyms or {}).items():
        acronym = clean_text(acronym, max_chars=20, max_words=20)
        term = clean_text(term, max_chars=100, max_words=10)
        if acronym.isalnum() and acronym.isupper() and len(acronym) > 1 and term:
            out[acronym] = term
    return dict(list(out.items())[:MAX_ACRONYMS])


def _java_replacement(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$")


def acronym_char_filters(acronyms) -> list:
    """One ``pattern_replace`` per acronym: "AVEC" (whole word, in capitals) → "AVEC VSLA"."""
    filters = []
    for number, (acronym, term) in enumerate(sorted(clean_acronyms(acronyms).items())):
        filters.append(
            char_filter(
                f"cdp_acronym_{number}",
                "pattern_replace",
                pattern=r"(?<![\p{L}\p{N}])" + re.escape(acronym) + r"(?![\p{L}\p{N}])",
                replacement="$0 " + _java_replacement(term),
            )
        )
    return filters


def index_analyzers(acronyms=None) -> list:
    acronym_filters = acronym_char_filters(acronyms)
    options = {"char_filter": acronym_filters} if acronym_filters else {}
    return [
        analyzer(FRENCH, tokenizer="standard", filter=FRENCH_CHAIN, **options),
        analyzer(BROAD, tokenizer="standard", filter=BROAD_CHAIN, **options),
        # Autocomplete: folded, unstemmed ("seg" must reach "Ségou").
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
    rules = clean_synonym_rules(synonyms)
    glossary = (
        [token_filter("cdp_glossary", "synonym_graph", synonyms=rules, lenient=True)]
        if rules
        else []
    )
    return [
        analyzer(FRENCH_SEARCH, tokenizer="standard", filter=[*FRENCH_CHAIN, *glossary]),
        analyzer(BROAD_SEARCH, tokenizer="standard", filter=[*BROAD_CHAIN, *glossary]),
    ]
