"""Small HTML readers for the front-end tests (stdlib only)."""

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.scripts = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._in_script = attributes
            self.scripts.append([attributes, ""])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts[-1][1] += data


def parse(html):
    collector = _Collector()
    collector.feed(html)
    return collector


def elements(html, tag=None):
    """[(tag, attrs)] in document order, optionally only ``tag``."""
    return [(t, a) for t, a in parse(html).elements if tag is None or t == tag]


def focusable_links(html):
    """Links and form controls in tab order (the site uses no positive tabindex)."""
    found = []
    body = False
    for tag, attrs in parse(html).elements:
        body = body or tag == "body"
        if not body:
            continue
        if (tag == "a" and "href" in attrs) or tag in ("input", "button", "select", "textarea"):
            if attrs.get("type") != "hidden" and attrs.get("tabindex") != "-1":
                found.append((tag, attrs))
    return found


def resource_urls(html):
    """URLs the browser fetches by itself: stylesheets, icons, scripts, images, media."""
    urls = []
    for tag, attrs in parse(html).elements:
        if tag == "link" and attrs.get("rel") not in ("canonical", "alternate"):
            urls.append(attrs.get("href", ""))
        elif tag in ("script", "img", "iframe", "video", "audio", "source", "embed", "track"):
            urls.append(attrs.get("src", "") or "")
        if tag in ("img", "source") and attrs.get("srcset"):
            urls.extend(part.strip().split(" ")[0] for part in attrs["srcset"].split(","))
        if tag == "object":
            urls.append(attrs.get("data", ""))
    return [url for url in urls if url]
