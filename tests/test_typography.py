"""The one rule of French spacing (cdp_portal.typography): where a space becomes non-breaking,
and where nothing changes (no sign, addresses, times, spaces already non-breaking)."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from cdp_portal.typography import NBSP, french_spaces
from demo.text import p

from .catalogue import CATALOGUE, french_catalogue

NARROW = "\u202f"


@pytest.mark.parametrize(
    "typed, expected",
    [
        # No sign: nothing changes.
        ("", ""),
        ("Rencontres et ateliers", "Rencontres et ateliers"),
        # Colon: none, one, two.
        ("Thème:", "Thème:"),
        ("Thème : mariage d'enfants", f"Thème{NBSP}: mariage d'enfants"),
        ("Lieu : Ségou ; date : mars", f"Lieu{NBSP}: Ségou{NBSP}; date{NBSP}: mars"),
        ("Télécharger les données :", f"Télécharger les données{NBSP}:"),
        # Semicolon, question and exclamation marks.
        ("Les thèmes ; les lieux", f"Les thèmes{NBSP}; les lieux"),
        ("Besoin d'aide ?", f"Besoin d'aide{NBSP}?"),
        ("(un classeur Excel ?).", f"(un classeur Excel{NBSP}?)."),
        ("Merci ! À bientôt !", f"Merci{NBSP}! À bientôt{NBSP}!"),
        # Guillemets: one pair, two pairs; already glued ones stay.
        ("« mariage »", f"«{NBSP}mariage{NBSP}»"),
        (
            "« Statut », « Échéance » ou « Note »",
            f"«{NBSP}Statut{NBSP}», «{NBSP}Échéance{NBSP}» ou «{NBSP}Note{NBSP}»",
        ),
        ("«mariage»", "«mariage»"),
        # Numbers and what they count or measure.
        ("1 000", f"1{NBSP}000"),
        ("2 000 festivaliers", f"2{NBSP}000{NBSP}festivaliers"),
        ("25 % de hausse", f"25{NBSP}% de hausse"),
        ("2 Mo au maximum", f"2{NBSP}Mo au maximum"),
        ("5 000 FCFA", f"5{NBSP}000{NBSP}FCFA"),
        ("Partie 1 - 2", "Partie 1 - 2"),
        # Addresses and times: no space to change, or a sign glued to what follows.
        ("à 10:30 précises", f"à 10:30{NBSP}précises"),
        ("Voir http://exemple.org/a:b", "Voir http://exemple.org/a:b"),
        ("par exemple ?communaute=segou", "par exemple ?communaute=segou"),
        ("Voir https://exemple.org/?q=1 !", f"Voir https://exemple.org/?q=1{NBSP}!"),
        # Spaces already right are kept (a narrow one too); two spaces: only the last.
        (f"Thème{NBSP}: x", f"Thème{NBSP}: x"),
        (f"Vraiment{NARROW}?", f"Vraiment{NARROW}?"),
        ("Thème  : x", f"Thème {NBSP}: x"),
        # Line breaks are left to the text.
        ("Thème\n: x", "Thème\n: x"),
    ],
)
def test_french_spaces(typed, expected):
    assert french_spaces(typed) == expected
    assert french_spaces(expected) == expected  # twice is once


def test_markup_keeps_tags_as_they_are():
    html = '<span class="w-sr-only" data-x="a : b"> : rencontres</span> (12 ?)'
    assert french_spaces(html, markup=True) == (
        f'<span class="w-sr-only" data-x="a : b">{NBSP}: rencontres</span> (12{NBSP}?)'
    )
    # Without markup=True the text is plain text: an attribute-like text is text.
    assert french_spaces('data-x="a : b"') == f'data-x="a{NBSP}: b"'


def test_a_number_given_to_a_msgid_is_not_seen():
    """« %(count)s résultats »: the placeholder is no digit (see scripts/french_catalogue.py)."""
    text = "%(count)s résultats pour « %(query)s » : 2 Mo"
    assert french_spaces(text) == (
        f"%(count)s résultats pour «{NBSP}%(query)s{NBSP}»{NBSP}: 2{NBSP}Mo"
    )


def test_the_template_filter_and_the_demo_follow_the_same_rule():
    typed = "Plus de 1 000 femmes ; « la suite » ?"
    rendered = Template("{% load portal_tags %}{{ text|french_spaces }}").render(
        Context({"text": typed})
    )
    assert rendered == f"Plus de 1{NBSP}000{NBSP}femmes{NBSP}; «{NBSP}la suite{NBSP}»{NBSP}?"
    assert rendered == french_spaces(typed)
    assert str(p(typed)) == f"<p>{french_spaces(typed)}</p>"


def test_the_template_filter_spaces_safe_markup_between_its_tags_and_escapes_the_rest():
    template = Template(
        "{% load portal_tags %}{{ excerpt|safe|french_spaces }}|{{ text|french_spaces }}"
    )
    rendered = template.render(
        Context(
            {"excerpt": 'Le <mark class="a : b">mariage</mark> : 12 filles', "text": "<b> : </b>"}
        )
    )
    assert rendered == (
        f'Le <mark class="a : b">mariage</mark>{NBSP}: 12{NBSP}filles|&lt;b&gt;{NBSP}: &lt;/b&gt;'
    )


@pytest.mark.parametrize(
    "msgid, french, english",
    [
        ("Thème : %(name)s", f"Thème{NBSP}: %(name)s", "Theme: %(name)s"),
        ("Que cherchez-vous ?", f"Que cherchez-vous{NBSP}?", "What are you looking for?"),
        ("Télécharger les données :", f"Télécharger les données{NBSP}:", "Download the data:"),
    ],
)
def test_the_french_catalogue_spaces_and_the_english_one_does_not(msgid, french, english):
    """The msgid is typed with ordinary spaces; French readers get the non-breaking ones from
    the French catalogue (scripts/french_catalogue.py), English readers their own text."""
    with translation.override("fr"):
        assert gettext(msgid) == french
    with translation.override("en"):
        assert gettext(msgid) == english


def test_every_french_msgid_with_such_a_space_has_its_spaced_msgstr():
    """A msgid added without its msgstr would show « Thème : » (a lone « : » on a phone):
    the committed catalogue holds the spaced text of every one."""
    entries = french_catalogue.parse(CATALOGUE.read_text(encoding="utf-8"))
    checked = 0
    for entry in entries:
        fields = entry["fields"]
        if "msgid" not in fields or "msgid_plural" in fields:
            continue
        msgid = french_catalogue.unquote(fields["msgid"])
        if msgid and any(line.startswith("#:") for line in entry["comments"]):
            spaced = french_spaces(msgid, markup=True)
            if spaced != msgid:
                checked += 1
                assert french_catalogue.unquote(fields["msgstr"]) == spaced, msgid
    assert checked > 200
