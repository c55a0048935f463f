"""French text analysis in Python: the SQLite engine's analysis, and the parsing of a
visitor's query (glossary phrases, words) that both database engines share.

SQLite FTS5 does not stem, so on SQLite the text is analysed here before FTS5 sees it:
lowercase, elision and stop words removed, Snowball French stems, accents folded; the
indexed terms and the query go through the same functions. PostgreSQL does its own
analysis (the ``cdp_french`` configuration): there, only ``parse_query`` runs, to find the
glossary phrases and the words typed, never to match.

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
PREFIX_MIN_LENGTH = 4  # shorter words are not matched as the beginning of longer ones

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


def _match_forms(word, case_sensitive):
    """The forms of one word (none for a stop word or an overlong word)."""
    if len(word) > MAX_TOKEN_CHARS:
        return ()
    if word in case_sensitive:
        return (ACRONYM_PREFIX + fold(word.lower()),)
    lower = word.lower()
    return () if lower in STOPWORDS else word_forms(lower)


def tokens(text, case_sensitive=frozenset()):
    """Every word of ``text`` with its forms. ``case_sensitive`` holds acronyms that are
    also French stop words ("AVEC"): written in capitals they become a token of their own."""
    for match in _WORD_RE.finditer(text or ""):
        if len(match.group()) <= MAX_TOKEN_CHARS:
            forms = _match_forms(match.group(), case_sensitive)
            yield Token(match.group(), match.start(), match.end(), forms)


@lru_cache(maxsize=200_000)
def _folded_word(word):
    """A word lowercased and folded (cached: highlighting checks every word of a text)."""
    return fold(word.lower())


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
    alternative must match, all its tokens (AND). ``phrases`` are the same alternatives as
    written (the word itself, or the glossary group's phrases), for engines that analyse
    text themselves; ``prefix`` is the folded word when it may be a word cut short."""

    text: str
    alternatives: list
    phrases: list = field(default_factory=list)
    prefix: str = ""

    @property
    def is_word(self):
        """A word typed, not a glossary group."""
        return self.phrases == [self.text]


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

    @property
    def prefixes(self):
        return {clause.prefix for clause in self.clauses if clause.prefix}

    @property
    def phrase(self):
        """The words typed, when there are several and no glossary phrase among them: an
        exact phrase ranks above the same words scattered."""
        if len(self.clauses) < 2 or not all(clause.is_word for clause in self.clauses):
            return ""
        return " ".join(clause.text for clause in self.clauses)


def parse_query(raw, glossary):
    """Analyse a visitor's query; ``glossary`` groups found in it (``search.glossary``,
    which builds on this module) become alternatives. Words of ``PREFIX_MIN_LENGTH`` letters
    or more may also be the beginning of a word."""
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
            clauses.append(Clause(matched, group.alternatives, list(group.phrases)))
            position += length
        else:
            token = words[position]
            prefix = ""
            if (
                len(token.surface) >= PREFIX_MIN_LENGTH
                and token.surface.isalpha()
                and token.surface not in glossary.case_sensitive
            ):
                prefix = fold(token.surface.lower())
            clauses.append(Clause(token.surface, [[token.forms]], [token.surface], prefix))
            position += 1
    return ParsedQuery(text=text, clauses=clauses, words=[token.surface for token in words])


def acronym_marks(text, case_sensitive):
    """The forms of the acronyms in ``text`` that only count in capitals (« AVEC »)."""
    if not case_sensitive:
        return ""
    marks = dict.fromkeys(
        ACRONYM_PREFIX + fold(word.lower()) for word in words(text) if word in case_sensitive
    )
    return " ".join(marks)


# --- Highlighting ------------------------------------------------------------------------


def highlight(text, forms, case_sensitive=frozenset(), length=260, scan_limit=60_000, prefixes=()):
    """An excerpt of ``text`` around the best cluster of matches (words with one of
    ``forms``, or beginning with one of the folded ``prefixes``): the text escaped, only
    ``<mark>`` added. Without a match, the beginning of the text."""
    text = text or ""
    matches = []
    prefixes = tuple(prefixes)

    seen = {}  # words repeat: each one is analysed once per excerpt

    def is_match(word):
        found = seen.get(word)
        if found is None:
            found = seen[word] = not forms.isdisjoint(_match_forms(word, case_sensitive)) or (
                bool(prefixes) and _folded_word(word).startswith(prefixes)
            )
        return found

    if forms or prefixes:
        # Scan a first window, then the rest only if nothing matched there.
        for begin_at, stop_at in ((0, 6_000), (6_000, scan_limit)):
            if begin_at >= len(text):
                break
            matches = [
                (match.start(), match.end())
                for match in _WORD_RE.finditer(text, begin_at, stop_at)
                if is_match(match.group())
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
