"""The work that follows a change (search index, offline packs, voice notes' conversion) is
queued one way (``cdp_portal.follow_up``): a task that cannot be queued never breaks the
change, and a bulk load defers only the tasks it redoes at its end."""

import logging

from cdp_portal import follow_up
from practices import voice_notes
from practices.voice_notes import queue_conversion
from search import tasks as search_tasks
from search.models import SearchEntry

from .factories import make_practice, publish


def test_a_deferred_task_waits_for_the_end_of_the_block_and_no_other_does(site_tree):
    indexed = make_practice(site_tree.practices, "Pratique publiée avant le chargement")
    assert SearchEntry.objects.filter(page_id=indexed.pk).exists()
    with follow_up.deferred(search_tasks.index_pages_task):
        practice = make_practice(site_tree.practices, "Pratique publiée pendant un chargement")
        assert not SearchEntry.objects.filter(page_id=practice.pk).exists()
        indexed.unpublish()  # another task (unindex_pages_task) still runs
        assert not SearchEntry.objects.filter(page_id=indexed.pk).exists()
    publish(practice)
    assert SearchEntry.objects.filter(page_id=practice.pk).exists(), "indexed once resumed"


def test_a_task_that_cannot_be_queued_leaves_the_change_done_and_says_so(
    site_tree, monkeypatch, caplog
):
    class Unqueueable:
        """A task whose queue is down (the project's tasks only: Wagtail's own search
        backend is not what this checks)."""

        def __init__(self, task):
            self.name, self.module_path, self.backend = task.name, task.module_path, task.backend

        def enqueue(self, *args):
            raise ConnectionError("task queue unavailable")

    monkeypatch.setattr(
        search_tasks, "index_pages_task", Unqueueable(search_tasks.index_pages_task)
    )
    monkeypatch.setattr(
        voice_notes, "convert_voice_note_task", Unqueueable(voice_notes.convert_voice_note_task)
    )
    with caplog.at_level(logging.ERROR, logger="cdp_portal.follow_up"):
        practice = make_practice(site_tree.practices, "Pratique publiée sans file de tâches")
        conversion = queue_conversion("voice_notes/note-sans-file.ogg")
    assert practice.live and conversion.status == "pending"
    assert not SearchEntry.objects.filter(page_id=practice.pk).exists()
    logged = [record.getMessage() for record in caplog.records]
    assert "Could not enqueue index_pages_task" in logged
    assert "Could not enqueue convert_voice_note_task" in logged
