#!/usr/bin/env python3
"""Fill the French catalogue after ``makemessages -l fr`` (``make messages`` runs it).

The msgids of this project are French, so most entries need no msgstr. Two kinds do:

- plural entries (``ngettext``, ``{% blocktranslate count %}``): without them gettext applies
  the English rule and writes « 0 résultats »; with the catalogue's ``plural=(n > 1)`` it writes
  « 0 résultat », « 1 rencontre », « 2 rencontres ». Their msgstr[0] and msgstr[1] are the
  msgid and msgid_plural, always (a fuzzy guess from msgmerge is replaced).
- overrides of other packages' French (``OVERRIDES``): the project's catalogue comes first in
  ``LOCALE_PATHS``, so these replace Wagtail's wording where it reads badly.

Standard library only. ``--check`` changes nothing and exits 1 when the file is not filled.

Usage: python scripts/french_catalogue.py [--check] [locale/fr/LC_MESSAGES/django.po]
"""

import re
import sys
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"
PLURAL_FORMS = "nplurals=2; plural=(n > 1);"

# Wagtail's French that a reader would correct (msgid from Wagtail: msgstr here).
OVERRIDES = {
    # Moderation e-mails greet « Salut admin, »: too familiar for an institution.
    "Hello %(username)s,": "Bonjour %(username)s,",
}

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def parse(text):
    """Entries as dicts: ``comments`` (lines) and, per keyword, the list of quoted lines."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        entry = {"comments": [], "fields": {}}
        current = None
        for line in block.splitlines():
            match = KEYWORD.match(line)
            if line.startswith("#"):
                entry["comments"].append(line)
            elif match:
                current = match.group(1)
                entry["fields"][current] = [match.group(2)]
            elif line.startswith('"') and current:
                entry["fields"][current].append(line)
            else:
                raise ValueError(f"Unexpected line in the catalogue: {line!r}")
        entries.append(entry)
    return entries


def unquote(lines):
    return "".join(
        line[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape") for line in lines
    )


def quote(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return [f'"{escaped}"']


def serialise(entries):
    blocks = []
    for entry in entries:
        lines = list(entry["comments"])
        for keyword, values in entry["fields"].items():
            lines.append(f"{keyword} {values[0]}")
            lines.extend(values[1:])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def without_fuzzy(comments):
    """Comments without the ``fuzzy`` flag and msgmerge's ``#|`` previous msgid."""
    kept = []
    for line in comments:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [flag.strip() for flag in line[2:].split(",") if flag.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        kept.append(line)
    return kept


def fill_header(entry):
    header = unquote(entry["fields"]["msgstr"])
    lines = [line for line in header.split("\n") if line]
    settings = {"Language": "fr", "Plural-Forms": PLURAL_FORMS}
    for key, value in settings.items():
        lines = [line for line in lines if not line.startswith(f"{key}:")]
        lines.append(f"{key}: {value}")
    entry["fields"]["msgstr"] = ['""'] + [quote(line + "\n")[0] for line in lines]
    entry["comments"] = [c for c in without_fuzzy(entry["comments"]) if not c.startswith("#, ")]


def fill(entries):
    """The filled entries and the msgids that were changed."""
    changed = []
    seen = set()
    filled = []
    for entry in entries:
        fields = entry["fields"]
        obsolete = not fields and any(line.startswith("#~") for line in entry["comments"])
        if obsolete and any(
            f'msgid "{msgid}"' in line for line in entry["comments"] for msgid in OVERRIDES
        ):
            changed.append("(obsolete override)")
            continue
        if "msgid" not in fields:
            filled.append(entry)
            continue
        msgid = unquote(fields["msgid"])
        seen.add(msgid)
        before = serialise([entry])
        if msgid == "":
            fill_header(entry)
        elif "msgid_plural" in fields:
            fields["msgstr[0]"] = list(fields["msgid"])
            fields["msgstr[1]"] = list(fields["msgid_plural"])
            entry["comments"] = without_fuzzy(entry["comments"])
        elif msgid in OVERRIDES:
            fields["msgstr"] = quote(OVERRIDES[msgid])
            entry["comments"] = without_fuzzy(entry["comments"])
        elif without_fuzzy(entry["comments"]) != entry["comments"]:
            # A guess from a neighbouring msgid: the French msgid is right, the guess is not.
            fields["msgstr"] = ['""']
            entry["comments"] = without_fuzzy(entry["comments"])
        if serialise([entry]) != before:
            changed.append(msgid)
        filled.append(entry)
    for msgid, msgstr in OVERRIDES.items():
        if msgid not in seen:
            filled.append(
                {
                    "comments": ["# Override of Wagtail's French (scripts/french_catalogue.py)."],
                    "fields": {"msgid": quote(msgid), "msgstr": quote(msgstr)},
                }
            )
            changed.append(msgid)
    return filled, changed


def main(argv):
    check = "--check" in argv
    paths = [arg for arg in argv if not arg.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    text = path.read_text(encoding="utf-8")
    entries, changed = fill(parse(text))
    result = serialise(entries)
    if check:
        if result != text:
            print(f"{path}: {len(changed)} entries to fill, first: {changed[:3]}", file=sys.stderr)
            print("Run `make messages`.", file=sys.stderr)
            return 1
        return 0
    if result != text:
        path.write_text(result, encoding="utf-8")
    print(f"{path}: {len(changed)} entries filled.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
