"""``{% content_fragment %}``: a piece of a page rendered once per content version.

    {% load fragment_tags %}
    {% content_fragment "page-card" item.pk level %}<li>…</li>{% endcontent_fragment %}

The HTML between the tags is kept in the configured cache under the fragment's name, the
values given after it (what the piece depends on besides the content: the item shown, the
heading level…), the content version (``home.content_version``: drawn again by every
publication, unpublication, move, view restriction, snippet or setting change), the
interface language and the host. Add ``per_day`` after the values when the piece depends on
the date, and ``kept_if=<value>`` last to keep it only when that value is true (a listing's
results are kept only for a listing that has a key: ``Listing.results_key``).

Only for pieces that are the same for every visitor who is shown them: public content
(what the lists already filter with ``public()``), nothing read from ``request.user``, no
CSRF token, no query string. An editor's preview always renders afresh (a draft is never
kept, nor shown from the cache). A cache outage renders the piece as without the tag.
"""

import hashlib
import logging

from django import template
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from home.content_version import TIMEOUT, content_version

logger = logging.getLogger(__name__)

register = template.Library()


class ContentFragmentNode(template.Node):
    def __init__(self, name, values, per_day, nodelist, kept_if=None):
        self.name = name
        self.values = values
        self.per_day = per_day
        self.nodelist = nodelist
        self.kept_if = kept_if

    def key(self, context, request):
        version = content_version()
        if version is None:
            return None
        values = [value.resolve(context) for value in self.values]
        parts = [repr(values), str(version), get_language() or "", request.get_host()]
        if self.per_day:
            parts.append(timezone.localdate().isoformat())
        digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
        return f"cdp:fragment:{self.name}:{digest}"

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        if self.kept_if is not None and not self.kept_if.resolve(context):
            return self.nodelist.render(context)
        key = self.key(context, request)
        if key is None:
            return self.nodelist.render(context)
        try:
            html = cache.get(key)
        except Exception:  # noqa: BLE001 - any cache failure: render without it
            html = None
        if html is None:
            html = self.nodelist.render(context)
            try:
                cache.set(key, str(html), timeout=TIMEOUT)
            except Exception:  # noqa: BLE001
                logger.warning("fragment %s not cached", self.name, exc_info=True)
        return mark_safe(html)


@register.tag
def content_fragment(parser, token):
    """``{% content_fragment "name" value… [per_day] [kept_if=value] %}…``, then
    ``{% endcontent_fragment %}``."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            f"{bits[0]} needs a quoted name, then the values the fragment depends on."
        )
    name, rest = bits[1][1:-1], bits[2:]
    kept_if = None
    if rest and rest[-1].startswith("kept_if="):
        kept_if = parser.compile_filter(rest[-1].removeprefix("kept_if="))
        rest = rest[:-1]
    per_day = bool(rest) and rest[-1] == "per_day"
    if per_day:
        rest = rest[:-1]
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    return ContentFragmentNode(
        name, [parser.compile_filter(value) for value in rest], per_day, nodelist, kept_if
    )
