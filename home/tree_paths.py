"""Paths of the pages above a page in Wagtail's tree (treebeard's materialised path), for one
query with ``path__in`` instead of walking ``get_ancestors()`` page by page."""

from wagtail.models import Page


def ancestor_paths(path, include_self=False):
    """The paths of the pages above ``path``, root first; ``path`` itself too if asked."""
    end = len(path) + 1 if include_self else len(path)
    return [path[:length] for length in range(Page.steplen, end, Page.steplen)]
