"""French typography: the non-breaking spaces a French reader expects, in one rule.

Used by the template filter ``french_spaces`` (home/templatetags/portal_tags.py) for the text
editors write, by the demo's rich text (demo/text.py) and by scripts/french_catalogue.py, which
gives every French msgid holding such a space its spaced msgstr. Standard library only: the
script imports it without Django.

A space becomes a non-breaking space (U+00A0, as in the French date and number formats of
cdp_portal/formats/fr) where a line break would leave a sign or a number alone:

- after « and before »: « mariage » never ends a line on « » »;
- before : ; ! ? when the sign ends a word group (followed by a space, the end, or a closing
  sign such as ``)`` or ``.``): « Thème : … », « Voulez-vous … ? ». A sign glued to what
  follows is not punctuation and keeps its space: « par exemple ?communaute=… » (an address);
  « 10:30 » and « http:// » have no space to change;
- after a number, before a digit, a word or a unit: « 1 000 », « 90 participantes »,
  « 25 % », « 2 Mo ». (A number given to a msgid, « %(count)s résultats », is not seen: the
  catalogue's msgstr keeps that space; see scripts/french_catalogue.py.)

Only ordinary spaces change; non-breaking and thin spaces already there are kept. With
``markup=True`` the text is HTML and tags (their attributes) are left as they are.
"""

import re

NBSP = "\xa0"

_BEFORE_SIGN = re.compile(r" (»|[:;!?](?=$|\s|[)\]»\"'<.,;:!?…]))")
_AFTER_GUILLEMET = re.compile(r"« ")
_AFTER_DIGIT = re.compile(r"(?<=\d) (?=[\w%€$])")
_TAG = re.compile(r"(<[^<>]*>)")


def _space_text(text):
    text = _AFTER_DIGIT.sub(NBSP, text)
    text = _BEFORE_SIGN.sub(NBSP + r"\1", text)
    return _AFTER_GUILLEMET.sub("«" + NBSP, text)


def french_spaces(text, *, markup=False):
    """``text`` with non-breaking spaces where French typography wants them (see above)."""
    text = str(text)
    if not markup:
        return _space_text(text)
    return "".join(
        part if index % 2 else _space_text(part) for index, part in enumerate(_TAG.split(text))
    )
