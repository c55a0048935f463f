"""Work that follows a change (the search index, the offline packs, voice notes' conversion),
queued one way for every app.

- With the immediate backend (development, tests) the task runs at once, inside the current
  transaction, which sees the new data; with a queue (``TASKS_BACKEND=database``) it is
  queued once the transaction has committed, as the worker cannot see the data before.
  ``after_commit``: after the commit in every case.
- A task that cannot be queued is logged and the change goes on: the index, a pack or a
  conversion can be redone by its command, an editor's save must not fail for it.
- A bulk load (``load_demo``) defers the tasks it redoes once at its end with their commands
  (``deferred``): one rebuild instead of one per page saved.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

# Module paths of the tasks skipped for now (``deferred``).
_deferred = ContextVar("cdp_deferred_follow_up", default=frozenset())


def enqueue(task, *args, after_commit=False):
    """Queue ``task(*args)`` (see the module)."""
    if task.module_path in _deferred.get():
        return

    def run():
        try:
            task.enqueue(*args)
        except Exception:  # noqa: BLE001 - see the module
            logger.exception("Could not enqueue %s", task.name)

    if not after_commit and isinstance(task_backends[task.backend], ImmediateBackend):
        run()
    else:
        transaction.on_commit(run)


@contextmanager
def deferred(*tasks):
    """Within the block, ``tasks`` are not queued: the caller redoes their work once after
    it (for instance ``search_index update``, ``build_offline_packs``)."""
    token = _deferred.set(_deferred.get() | {task.module_path for task in tasks})
    try:
        yield
    finally:
        _deferred.reset(token)
