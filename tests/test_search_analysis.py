"""French analysis shared by indexing and querying (no database needed)."""

from hypothesis import given
from hypothesis import strategies as st

from search.analysis import (
    clean_query,
    fold,
    highlight,
    index_terms,
    parse_query,
    prefix_terms,
)
from search.engines.sqlite_fts import match_expression, phrase_expression
from search.glossary import Glossary

GLOSSARY = Glossary(
    [
        ("VBG", ["violences basées sur le genre"]),
        ("VSLA", ["AVEC", "groupes d'épargne"]),
        ("loi 052", ["quota"]),
    ]
)


def forms_of(text):
    return set(index_terms(text, GLOSSARY.case_sensitive).split())


def test_accents_case_plural_and_elision_meet():
    assert forms_of("Ségou") == forms_of("segou") == forms_of("SEGOU")
    assert forms_of("mariages") & forms_of("mariage")
    assert forms_of("l'autonomisation") == forms_of("autonomisation")
    assert forms_of("l’autonomisation") == forms_of("autonomisation")
    assert forms_of("représentativité") & forms_of("representativite")
    assert forms_of("basées") & forms_of("basee")


def test_stop_words_and_capitalised_acronym():
    assert forms_of("de la et les") == set()
    assert forms_of("avec") == set()
    assert forms_of("AVEC") == {"sigleavec"}


def test_glossary_groups_become_alternatives():
    parsed = parse_query("VBG à Kayes", GLOSSARY)
    assert [clause.text for clause in parsed.clauses] == ["VBG", "Kayes"]
    assert len(parsed.clauses[0].alternatives) == 2
    assert parse_query("AVEC", GLOSSARY).clauses[0].text == "AVEC"
    assert parse_query("avec", GLOSSARY).is_empty


def test_fts5_expression_quotes_every_term_and_adds_prefixes():
    parsed = parse_query('quota "mariage" OR NOT', GLOSSARY)
    expression = match_expression(parsed)
    assert expression.startswith("{title_terms body_terms document_terms} : (")
    assert '"mariag"' in expression and '"mariage"*' in expression
    assert '"loi" AND "052"' in expression
    assert '"mariage"*' not in match_expression(parsed, prefixes=False)
    assert phrase_expression(parsed) is None  # a glossary phrase is not a phrase of words


def test_short_words_and_acronyms_are_not_prefixes():
    assert parse_query("violen", GLOSSARY).prefixes == {"violen"}
    assert parse_query("Ségou", GLOSSARY).prefixes == {"segou"}
    assert parse_query("rap VBG AVEC 2015", GLOSSARY).prefixes == set()
    assert parse_query("jeunes filles", GLOSSARY).phrase == "jeunes filles"


def test_highlight_marks_the_words_a_prefix_begins():
    excerpt = highlight("Les violences conjugales.", set(), prefixes={"violen"})
    assert excerpt == "Les <mark>violences</mark> conjugales."


def test_highlight_escapes_and_marks_only_matches():
    text = "Les <b>leaders</b> & les femmes de Ségou s'engagent."
    excerpt = highlight(text, forms_of("segou"))
    assert "<mark>Ségou</mark>" in excerpt
    assert "&lt;b&gt;leaders&lt;/b&gt; &amp;" in excerpt
    assert excerpt.count("<mark>") == 1
    assert highlight("<i>texte</i>", set()) == "&lt;i&gt;texte&lt;/i&gt;"


def test_autocomplete_terms_are_folded_not_stemmed():
    assert prefix_terms("Représentativité des élues") == "representativite des elues"
    assert fold("Ségou") == "Segou"


@given(st.text())
def test_any_text_analyses_without_error(text):
    cleaned = clean_query(text)
    assert len(cleaned) <= 200
    parsed = parse_query(text, GLOSSARY)
    if not parsed.is_empty:
        assert match_expression(parsed)
        phrase_expression(parsed)
    highlight(text, parsed.forms, prefixes=parsed.prefixes)
