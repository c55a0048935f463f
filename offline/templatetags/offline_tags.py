from django import template
from wagtail.models import CollectionViewRestriction

from home.content_version import cached_by_content
from home.templatetags.portal_tags import human_size
from offline.packs import current_pack, file_size

register = template.Library()


@register.filter
def size_text(size):
    """« 1,2 Mo »: the size of a download, said before it (data is costly)."""
    return human_size(size or 0)


@register.inclusion_tag("offline/includes/keep.html", takes_context=True)
def keep_offline(context, page, files=()):
    """« Garder hors ligne »: the page and its documents, their total size said first (the
    documents' sizes are known here). Only for what any visitor may see: not for signed-in
    members (their pages are never kept) nor for a restricted page; documents of a restricted
    collection are left out."""
    request = context.get("request")
    if request is None or request.user.is_authenticated or page.get_view_restrictions():
        return {"show": False}
    restricted = cached_by_content(
        "restricted-collections",
        lambda: set(CollectionViewRestriction.objects.values_list("collection_id", flat=True)),
        per_language=False,
    )
    rows = [row for row in files if row.document.collection_id not in restricted]
    sizes = [file_size(row.document) for row in rows]
    return {
        "show": True,
        "page": page,
        "urls": [row.document.url for row in rows],
        "count": len(rows),
        "total": sum(sizes),
    }


@register.inclusion_tag("offline/includes/pack.html")
def offline_pack(kind, slug):
    """The pack of a community or theme: its size and link, when the current one is built."""
    pack = current_pack(kind, slug)
    return {"pack": pack, "size": pack.size if pack else None}
