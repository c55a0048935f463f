"""Indexes and the demo loader: the one place that knows which indexes are paused while
loading and which commands rebuild them afterwards (the search app may add its own)."""

import io
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command, get_commands
from django.test.utils import override_settings
from wagtail.signal_handlers import disable_reference_index_auto_update

# Wagtail's search backends, Wagtail's reference index, then the portal's own search index
# (search app), each skipped when the command is not installed.
INDEX_COMMANDS = [
    ("update_index",),
    ("rebuild_references_index",),
    ("search_index", "update"),
]


@contextmanager
def paused_indexing():
    """Skip the per-save updates of Wagtail's search backends and reference index while
    loading: ``rebuild_indexes`` rebuilds both once at the end, which is much faster."""
    backends = {
        name: {**params, "AUTO_UPDATE": False}
        for name, params in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), disable_reference_index_auto_update():
        yield


def rebuild_indexes(stdout=None, verbosity=1):
    """Run each index command; returns the seconds spent."""
    started = time.perf_counter()
    available = get_commands()
    for name, *args in INDEX_COMMANDS:
        if name not in available:
            continue
        output = stdout if verbosity >= 2 and stdout is not None else io.StringIO()
        call_command(name, *args, stdout=output, stderr=output, verbosity=max(verbosity - 1, 0))
    return time.perf_counter() - started
