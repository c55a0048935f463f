"""search_index rebuild|update|check: the search indexes from the pages.

- update: write every searchable page into the database index (and Elasticsearch when
  configured), drop entries of pages that are gone, refresh the suggestion vocabulary.
- rebuild: the same for the database index; on Elasticsearch a new index is filled and the
  alias swapped, so searches never see an empty index.
- check: compare the number of searchable pages with the number of entries in each index.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.engines import EngineUnavailable, get_elasticsearch_engine
from search.models import SearchEntry
from search.records import iter_records, searchable_pages


class Command(BaseCommand):
    help = "Rebuild, update or check the search indexes (database and Elasticsearch)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "check"])
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, action, batch_size, **options):
        if action == "check":
            return self.check_counts()
        started = time.monotonic()
        progress = indexing.Progress(self.stdout.write, "base de données")
        written, removed = indexing.rebuild_database_index(progress=progress, batch_size=batch_size)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Index de la base : {written} pages indexées, {removed} retirées "
                f"en {elapsed:.1f} s "
                f"({written / max(elapsed, 1e-6):.0f} pages/s)."
            )
        )
        engine = get_elasticsearch_engine()
        if engine is None:
            return
        started = time.monotonic()
        progress = indexing.Progress(self.stdout.write, "Elasticsearch")
        if action == "rebuild":
            result = indexing.rebuild_elasticsearch_index(progress=progress)
        else:
            result = engine.index_records(iter_records(progress=progress))
        self.stdout.write(
            self.style.SUCCESS(
                f"Elasticsearch ({action}) : {result} en {time.monotonic() - started:.1f} s."
            )
        )

    def check_counts(self):
        expected = searchable_pages().count()
        in_database = SearchEntry.objects.count()
        lines = [f"pages cherchables : {expected}", f"index de la base : {in_database}"]
        ok = expected == in_database
        engine = get_elasticsearch_engine()
        if engine is not None:
            try:
                in_elasticsearch = engine.count()
            except EngineUnavailable as error:
                raise CommandError(f"Elasticsearch injoignable : {error}") from error
            lines.append(f"index Elasticsearch : {in_elasticsearch}")
            ok = ok and in_elasticsearch == expected
        self.stdout.write(" ; ".join(lines))
        if not ok:
            raise CommandError(
                "Les index ne correspondent pas aux pages : lancez « search_index update »."
            )
        self.stdout.write(self.style.SUCCESS("Index à jour."))
