"""Small builders for the demo's rich text and stream values, so the data modules read as
French prose rather than HTML. Text is escaped; ``link`` marks an internal link by slug,
resolved to a page id at load time (``resolve_links``)."""

import re
from html.parser import HTMLParser

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from cdp_portal.typography import french_spaces

_SLUG_LINK = re.compile(r'<a linktype="page" slug="([a-z0-9-]+)">')


def _join(parts):
    return "".join(
        str(conditional_escape(part if hasattr(part, "__html__") else french_spaces(str(part))))
        for part in parts
    )


def link(slug, text):
    """An internal link to the demo page ``slug`` (Wagtail's rich text link format)."""
    return mark_safe(f'<a linktype="page" slug="{slug}">{conditional_escape(text)}</a>')


def mailto(address):
    address = conditional_escape(address)
    return mark_safe(f'<a href="mailto:{address}">{address}</a>')


def bold(text):
    return mark_safe(f"<b>{conditional_escape(text)}</b>")


def p(*parts):
    return mark_safe(f"<p>{_join(parts)}</p>")


def h3(text):
    return mark_safe(f"<h3>{conditional_escape(text)}</h3>")


def ul(items):
    return mark_safe("<ul>" + "".join(f"<li>{_join([item])}</li>" for item in items) + "</ul>")


def ol(items):
    return mark_safe("<ol>" + "".join(f"<li>{_join([item])}</li>" for item in items) + "</ol>")


def rich(*parts):
    """Rich text: the parts (paragraphs, lists, plain text — escaped) as one HTML string."""
    return mark_safe(_join(parts))


# Stream values (home.blocks.BodyStreamBlock), as raw data.


def heading(text):
    return {"type": "heading", "value": text}


def paragraph(*parts):
    return {"type": "paragraph", "value": rich(*parts)}


def figure(value, label):
    return {"type": "figure", "value": {"value": value, "label": label}}


def quote(text, speaker="", role=""):
    return {"type": "quote", "value": {"text": text, "speaker": speaker, "role": role}}


def resolve_links(value, pages):
    """Replace ``link()`` markers by page ids, in strings, lists and dicts (stream data)."""
    if isinstance(value, str):

        def page_id(match):
            slug = match.group(1)
            if slug not in pages:
                raise KeyError(f"lien vers la page « {slug} », qui n'a pas été créée avant")
            return f'<a linktype="page" id="{pages[slug].pk}">'

        return _SLUG_LINK.sub(page_id, value)
    if isinstance(value, list):
        return [resolve_links(item, pages) for item in value]
    if isinstance(value, dict):
        return {key: resolve_links(item, pages) for key, item in value.items()}
    return value


# Document outlines: the same content written into a page (HTML) and into a DOCX/ODT file.
# An outline is a list of ("h", text), ("p", text), ("ul", [items]), ("ol", [items]) and,
# for files only, ("table", [header_row, row, ...]).


def outline_to_html(outline):
    parts = []
    for kind, content in outline:
        if kind == "h":
            parts.append(h3(content))
        elif kind == "p":
            parts.append(p(content))
        elif kind == "ul":
            parts.append(ul(content))
        elif kind == "ol":
            parts.append(ol(content))
        elif kind == "table":
            header, *rows = content
            parts.append(
                ul(
                    [
                        " ; ".join(f"{h} : {c}" for h, c in zip(header, row, strict=True))
                        for row in rows
                    ]
                )
            )
        else:
            raise ValueError(f"type de bloc inconnu dans un plan de document : {kind!r}")
    return rich(*parts)


class _OutlineParser(HTMLParser):
    """Turns the demo's own rich text (p, h3, ul/ol > li) back into an outline for files."""

    def __init__(self):
        super().__init__()
        self.outline, self.buffer, self.lists = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append((tag, []))
        elif tag in ("p", "li", "h3"):
            self.buffer = []

    def handle_endtag(self, tag):
        text = " ".join("".join(self.buffer).split())
        if tag == "li" and self.lists:
            self.lists[-1][1].append(text)
        elif tag == "p" and not self.lists:
            self.outline.append(("p", text))
        elif tag == "h3":
            self.outline.append(("h", text))
        elif tag in ("ul", "ol") and self.lists:
            kind, items = self.lists.pop()
            self.outline.append((kind, items))

    def handle_data(self, data):
        self.buffer.append(data)


def html_to_outline(value):
    parser = _OutlineParser()
    parser.feed(str(value or ""))
    parser.close()
    return parser.outline
