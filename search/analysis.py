"""French text analysis shared by indexing and querying on the database engine.

The database backends differ (SQLite FTS5 does not stem, PostgreSQL's ``french`` is accent
sensitive), so the text is analysed here, in Python, before either sees it: lowercase,
elision and stop words removed, Snowball French stems, accents folded. Both the indexed
"terms" and the query go through the same functions, so the same queries succeed on both.

A word yields one or two *forms*: the stem of the accented word, folded, and the stem of
the folded word (they differ for "représentativité" / "representativite" or "basées" /
"basee"). Indexing both and querying either makes accents optional in both directions.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

MAX_QUERY_CHARS = 200
MAX_TOKEN_CHARS = 40
ACRONYM_PREFIX = "sigle"

# Snowball's French stop list, plus the elided forms and English boolean words people type.
STOPWORDS = frozenset(
    """
    au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
    même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante
    étants étantes suis es est sommes êtes sont serai seras sera serons serez seront serais
    serait serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent
    sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante
    ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront
    aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes
    eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent jusqu
    lorsqu puisqu quoiqu presqu aujourd cet cette a b e f g h i k o p q r u v w x z
    and or not
    """.split()
)
BOOLEAN_WORDS = frozenset({"AND", "OR", "NOT", "ET", "OU", "SAUF", "NON"})

_WORD_RE = re.compile(r"[^\W_]+")
# C0/C1 control characters become spaces; lone surrogates are dropped.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_stemmer = snowballstemmer.stemmer("french")


def fold(text):
    """Lowercase-insensitive accent folding: "Ségou" -> "Segou"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_query(raw, limit=MAX_QUERY_CHARS):
    """What is left of a visitor's query once control characters and lone surrogates are
    gone, whitespace collapsed and the length capped."""
    if not raw:
        return ""
    text = _CONTROL_RE.sub(" ", _SURROGATE_RE.sub("", str(raw)))
    text = " ".join(text.split())
    return text[:limit].strip()


@lru_cache(maxsize=200_000)
def word_forms(word):
    """The indexed forms of a lowercased word (one or two strings)."""
    if word.isdigit() or len(word) < 3:
        return (fold(word),)
    accented = fold(_stemmer.stemWord(word))
    folded = _stemmer.stemWord(fold(word))
    return (accented,) if accented == folded else (accented, folded)


@dataclass(frozen=True)
class Token:
    surface: str  # the word as written
    start: int
    end: int
    forms: tuple  # empty for stop words


def tokens(text, case_sensitive=frozenset()):
    """Every word of ``text`` with its forms. ``case_sensitive`` holds acronyms that are
    also French stop words ("AVEC"): written in capitals they become a token of their own."""
    for match in _WORD_RE.finditer(text or ""):
        word = match.group()
        if len(word) > MAX_TOKEN_CHARS:
            continue
        if word in case_sensitive:
            forms = (ACRONYM_PREFIX + fold(word.lower()),)
        else:
            lower = word.lower()
            forms = () if lower in STOPWORDS else word_forms(lower)
        yield Token(word, match.start(), match.end(), forms)


def _match_forms(word, case_sensitive):
    """The forms of one word as ``tokens`` computes them (fast path for highlighting)."""
    if len(word) > MAX_TOKEN_CHARS:
        return ()
    if word in case_sensitive:
        return (ACRONYM_PREFIX + fold(word.lower()),)
    lower = word.lower()
    return () if lower in STOPWORDS else word_forms(lower)


def index_terms(text, case_sensitive=frozenset()):
    """The analysed text stored for the full-text index (same forms as ``tokens``)."""
    return " ".join(
        form for word in _WORD_RE.findall(text or "") for form in _match_forms(word, case_sensitive)
    )


def words(text):
    """The words of ``text`` as written (elision and punctuation split off)."""
    return _WORD_RE.findall(text or "")


def prefix_terms(text):
    """Folded, unstemmed words for autocomplete ("seg" must find "Ségou")."""
    seen = dict.fromkeys(fold(word.lower()) for word in _WORD_RE.findall(text or ""))
    return " ".join(word for word in seen if len(word) <= MAX_TOKEN_CHARS)


def query_prefix(text):
    """Autocomplete input folded the same way as ``prefix_terms``."""
    return " ".join(fold(word.lower()) for word in _WORD_RE.findall(clean_query(text))[:6])


# --- Queries -----------------------------------------------------------------------------


@dataclass
class Clause:
    """One thing the visitor asked for: a word, or a glossary group matched in the query.
    ``alternatives`` is a list of token sequences (each a list of form tuples): any one
    alternative must match, all its tokens (AND)."""

    text: str
    alternatives: list


@dataclass
class ParsedQuery:
    text: str = ""
    clauses: list = field(default_factory=list)
    words: list = field(default_factory=list)  # the meaningful words typed, for suggestions

    @property
    def is_empty(self):
        return not self.clauses

    @property
    def forms(self):
        """Every form that counts as a match, for highlighting."""
        return {
            form
            for clause in self.clauses
            for alternative in clause.alternatives
            for token_forms in alternative
            for form in token_forms
        }

    def to_search_query(self):
        """The query as modelsearch query objects (AND of clauses, OR of alternatives)."""
        from wagtail.search.query import And, Or, PlainText

        def token(forms):
            parts = [PlainText(form) for form in forms]
            return parts[0] if len(parts) == 1 else Or(parts)

        def sequence(alternative):
            parts = [token(forms) for forms in alternative]
            return parts[0] if len(parts) == 1 else And(parts)

        def clause_query(clause):
            parts = [sequence(alternative) for alternative in clause.alternatives]
            return parts[0] if len(parts) == 1 else Or(parts)

        parts = [clause_query(clause) for clause in self.clauses]
        return parts[0] if len(parts) == 1 else And(parts)


def fts5_match(parsed, columns=("title", "body")):
    """The query as an SQLite FTS5 MATCH expression (every term quoted)."""

    def term(form):
        return '"' + form.replace('"', '""') + '"'

    def group(parts, operator):
        return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"

    clauses = [
        group(
            [
                group([group([term(f) for f in forms], "OR") for forms in alternative], "AND")
                for alternative in clause.alternatives
            ],
            "OR",
        )
        for clause in parsed.clauses
    ]
    return "{" + " ".join(columns) + "} : (" + " AND ".join(clauses) + ")"


def tsquery(parsed):
    """The query as PostgreSQL ``to_tsquery`` text (every lexeme quoted)."""

    def term(form):
        return "'" + form.replace("\\", "").replace("'", "''") + "'"

    def group(parts, operator):
        return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"

    return " & ".join(
        group(
            [
                group([group([term(f) for f in forms], "|") for forms in alternative], "&")
                for alternative in clause.alternatives
            ],
            "|",
        )
        for clause in parsed.clauses
    )


def parse_query(raw, glossary=None):
    """Analyse a visitor's query; glossary groups found in it become alternatives."""
    from .glossary import get_glossary

    glossary = glossary if glossary is not None else get_glossary()
    text = clean_query(raw)
    words = [
        token
        for token in tokens(text, glossary.case_sensitive)
        if token.forms and token.surface not in BOOLEAN_WORDS
    ]
    clauses = []
    position = 0
    while position < len(words):
        group, length = glossary.match(words, position)
        if group is not None:
            matched = " ".join(token.surface for token in words[position : position + length])
            clauses.append(Clause(matched, group.alternatives))
            position += length
        else:
            token = words[position]
            clauses.append(Clause(token.surface, [[token.forms]]))
            position += 1
    return ParsedQuery(text=text, clauses=clauses, words=[token.surface for token in words])


# --- Highlighting ------------------------------------------------------------------------


def highlight(text, forms, case_sensitive=frozenset(), length=260, scan_limit=60_000):
    """An excerpt of ``text`` around the best cluster of matches: the text escaped, only
    ``<mark>`` added. Without a match, the beginning of the text."""
    text = text or ""
    matches = []
    if forms:
        # Scan a first window, then the rest only if nothing matched there.
        for begin_at, stop_at in ((0, 6_000), (6_000, scan_limit)):
            if begin_at >= len(text):
                break
            matches = [
                (match.start(), match.end())
                for match in _WORD_RE.finditer(text, begin_at, stop_at)
                if not forms.isdisjoint(_match_forms(match.group(), case_sensitive))
            ]
            if matches:
                break
    if not matches:
        excerpt = text[:length]
        cut = excerpt.rfind(" ") if len(text) > length else -1
        excerpt = excerpt[:cut] if cut > length // 2 else excerpt
        return html.escape(excerpt) + (" …" if len(text) > len(excerpt) else "")
    matches = matches[:300]  # enough to place the excerpt; keeps this loop cheap
    best_start, best_count = matches[0][0], 0
    for index, (start, _end) in enumerate(matches):
        count = sum(1 for other, _ in matches[index:] if other < start + length * 0.7)
        if count > best_count:
            best_start, best_count = start, count
    begin = max(0, best_start - length // 4)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space != -1 else 0
    end = min(len(text), begin + length)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin + length // 2 else end
    pieces = ["… " if begin else ""]
    cursor = begin
    for start, stop in matches:
        if start < begin or stop > end:
            continue
        pieces.append(html.escape(text[cursor:start]))
        pieces.append("<mark>" + html.escape(text[start:stop]) + "</mark>")
        cursor = stop
    pieces.append(html.escape(text[cursor:end]))
    if end < len(text):
        pieces.append(" …")
    return "".join(pieces)
