"""The sector's acronyms and synonyms, managed by editors (``GlossaryTerm`` snippets).

Every engine uses the same groups: the database engine expands a query's glossary phrases
into alternatives (``Glossary.match``); Elasticsearch gets them as Solr-style synonym rules
(``glossary_synonym_rules``) and case-sensitive acronyms. Terms sharing a phrase form one
group. The shipped terms come from the data migrations (``search/data/*.csv``).
"""

import re
from dataclasses import dataclass

from django.core.cache import cache

from .analysis import STOPWORDS, tokens
from .models import GlossaryTerm

VERSION_KEY = "search:glossary:version"
_SPLIT_RE = re.compile(r"[|\n\r]+")


def split_variants(text):
    return [part.strip() for part in _SPLIT_RE.split(text or "") if part.strip()]


@dataclass
class Group:
    term: str
    phrases: list
    alternatives: list  # per phrase: list of form tuples


def _merged(entries, case_sensitive):
    """Terms that share a phrase (as analysed) become one group, under the first term:
    an editor listing « excision » under both MGF and PTN links the two, and a phrase
    never depends on which of its terms happens to be looked up first."""
    parent = list(range(len(entries)))

    def root(index):
        while parent[index] != index:
            index = parent[index]
        return index

    owner = {}
    for index, (_term, phrases) in enumerate(entries):
        for phrase in phrases:
            key = tuple(t.forms for t in tokens(phrase, case_sensitive) if t.forms)
            if not key:
                continue
            if key in owner:
                first, second = sorted((root(owner[key]), root(index)))
                parent[second] = first
            else:
                owner[key] = index
    merged = {}
    for index, (_term, phrases) in enumerate(entries):
        first = root(index)
        merged.setdefault(first, (entries[first][0], []))[1].extend(phrases)
    return [(term, list(dict.fromkeys(phrases))) for term, phrases in merged.values()]


class Glossary:
    def __init__(self, entries):
        """``entries``: iterable of (term, [variants])."""
        entries = [(term, [term, *variants]) for term, variants in entries]
        self.case_sensitive = frozenset(
            phrase
            for _term, phrases in entries
            for phrase in phrases
            if " " not in phrase
            and phrase.isupper()
            and len(phrase) > 1
            and phrase.lower() in STOPWORDS
        )
        self.groups = []
        self._by_first_form = {}
        for term, phrases in _merged(entries, self.case_sensitive):
            alternatives, seen = [], set()
            for phrase in phrases:
                alternative = [t.forms for t in tokens(phrase, self.case_sensitive) if t.forms]
                key = tuple(alternative)
                if alternative and key not in seen:
                    seen.add(key)
                    alternatives.append(alternative)
            if not alternatives:
                continue
            group = Group(term, phrases, alternatives)
            self.groups.append(group)
            for alternative in alternatives:
                for form in alternative[0]:
                    self._by_first_form.setdefault(form, []).append((group, alternative))

    def match(self, words, position):
        """The glossary group whose longest phrase starts at ``words[position]``, and how
        many words it covers; (None, 0) when none does."""
        best, best_length = None, 0
        candidates = {
            id(alternative): (group, alternative)
            for form in words[position].forms
            for group, alternative in self._by_first_form.get(form, ())
        }
        for group, alternative in candidates.values():
            length = len(alternative)
            if length <= best_length or position + length > len(words):
                continue
            if all(
                set(forms) & set(words[position + offset].forms)
                for offset, forms in enumerate(alternative)
            ):
                best, best_length = group, length
        return best, best_length


_cached = {"version": None, "glossary": None}


def bump_version():
    cache.set(VERSION_KEY, (cache.get(VERSION_KEY) or 0) + 1, None)


def get_glossary():
    version = cache.get(VERSION_KEY)
    if _cached["glossary"] is None or _cached["version"] != version:
        entries = [
            (term.term, split_variants(term.variants))
            for term in GlossaryTerm.objects.filter(live=True).order_by("term")
        ]
        _cached.update(version=version, glossary=Glossary(entries))
    return _cached["glossary"]


def glossary_synonym_rules(include_case_sensitive=False):
    """Solr synonym rules ("a, b, c"), one per glossary term, for Elasticsearch's
    ``synonym_graph`` filter. Acronyms that are also French words ("AVEC") are left out
    unless asked for: after lowercasing they would match every "avec"; see
    ``glossary_case_sensitive_acronyms``."""
    glossary = get_glossary()
    rules = []
    for group in glossary.groups:
        phrases = [
            phrase.replace(",", " ")
            for phrase in group.phrases
            if include_case_sensitive or phrase not in glossary.case_sensitive
        ]
        phrases = list(dict.fromkeys(" ".join(p.split()) for p in phrases if p.strip()))
        if len(phrases) > 1:
            rules.append(", ".join(phrases))
    return rules


def glossary_case_sensitive_acronyms():
    """Acronyms that only count when written in capitals ("AVEC" for VSLA), mapped to
    their glossary term."""
    glossary = get_glossary()
    return {
        phrase: group.term
        for group in glossary.groups
        for phrase in group.phrases
        if phrase in glossary.case_sensitive
    }
