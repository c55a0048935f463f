"""Admin templates: the title of a page as ``request.user`` may see it."""

from django import template

from ..admin_visibility import admin_title as _admin_title

register = template.Library()


@register.simple_tag
def admin_title(page, user):
    """{% admin_title page request.user %}: the draft title of the user's own pages, the
    published title of others' pages (another organisation's draft never shows)."""
    if not getattr(user, "is_authenticated", False):
        return page.title
    return _admin_title(user, page)
