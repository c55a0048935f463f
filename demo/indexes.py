"""Indexes and the demo loader: the one place that knows which indexes (and offline packs)
are paused while loading and which commands rebuild them afterwards."""

import io
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command, get_commands
from django.test.utils import override_settings
from wagtail.signal_handlers import disable_reference_index_auto_update

from cdp_portal import follow_up
from offline import tasks as offline_tasks
from search import tasks as search_tasks

# Wagtail's search backends, Wagtail's reference index, the portal's own search index, then
# the offline packs, each skipped when the command is not installed.
INDEX_COMMANDS = [
    ("update_index",),
    ("rebuild_references_index",),
    ("search_index", "update"),
    ("build_offline_packs",),
]
# The follow-up tasks that the last two commands redo whole (``search_index update`` also
# drops the entries of pages that are gone); a document's text extraction is not redone by
# them, so it still runs while loading.
REBUILT_AT_THE_END = (
    search_tasks.index_pages_task,
    search_tasks.unindex_pages_task,
    search_tasks.reindex_everything_task,
    offline_tasks.build_pack_task,
    offline_tasks.build_every_pack_task,
)


@contextmanager
def paused_indexing():
    """Skip the per-save updates of the indexes and packs while loading (Wagtail's search
    backends and reference index, the portal's search index, the offline packs):
    ``rebuild_indexes`` rebuilds each once at the end, which is much faster."""
    backends = {
        name: {**params, "AUTO_UPDATE": False}
        for name, params in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items()
    }
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=backends),
        disable_reference_index_auto_update(),
        follow_up.deferred(*REBUILT_AT_THE_END),
    ):
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
