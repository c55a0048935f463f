"""bench: search latency with facets and index build throughput, on SQLite and PostgreSQL.

For each database (a fresh SQLite file under .bench/, and the PostgreSQL database named by
BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/cdp_bench, recreated) and
each corpus size, a worker process generates the corpus (``generate_corpus``), rebuilds
the database search index (pages/s) and times a fixed mix of French queries with facets
through the engine (p50/p95) and through the page view. ``make bench`` runs it.
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import Theme
from search.engines import SearchRequest, get_database_engine
from search.models import SearchEntry
from search.records import searchable_pages

QUERIES = [
    "excision",
    "mariage",
    "mariages précoces",
    "VBG",
    "violences conjugales",
    "segou",
    "kayes",
    "leaders religieux",
    "l'autonomisation des femmes",
    "AVEC",
    "loi 052",
    "quota",
    "scolarisation des filles",
    "radio",
    "plaidoyer",
    "prise en charge",
    "théâtre forum",
    "convention locale",
    "sensibilisation",
    "élues",
    "mariaje",
    "exision",
    "femmes",
    "guide",
    "formation des relais",
    "santé de la reproduction",
    "héritage des veuves",
    "clubs scolaires",
    "points focaux",
    "kita",
    "MGF",
    "violences basées sur le genre",
    "representativite",
]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/cdp_bench"


def cpu_seconds():
    """CPU seconds used so far by this process and by its database server process (the
    PostgreSQL backend of this connection, read from /proc; 0 for SQLite, which runs in
    this process). On a shared machine wall times move with the load, CPU time much less."""
    server = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):  # another host: not measured
            server = float("nan")
    return time.process_time(), server


def cpu_since(start):
    python, server = cpu_seconds()
    return {"python": round(python - start[0], 2), "database": round(server - start[1], 2)}


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Benchmark search latency (p50/p95, with facets) and index throughput."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1000,20000")
        parser.add_argument("--databases", default="sqlite,postgres")
        parser.add_argument("--queries", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--worker", action="store_true", help=2 * "internal: ")
        parser.add_argument("--pages", type=int, default=0)
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="garder la base et son corpus s'ils existent (mesure de recherche seule)",
        )

    def handle(self, *args, **options):
        if options["worker"]:
            return self.worker(
                options["pages"], options["queries"], options["seed"], options["reuse"]
            )
        sizes = sorted(int(size) for size in options["sizes"].split(",") if size.strip())
        results = []
        for database in [d.strip() for d in options["databases"].split(",") if d.strip()]:
            url = self.prepare(database, options["reuse"])
            if url is None:
                continue
            for size in sizes:
                self.stdout.write(f"== {database}, {size} pages")
                result = self.run_worker(url, size, options)
                if result:
                    result["database"] = database
                    results.append(result)
        self.report(results)
        # The benchmark database is large (about 200 MB at 20 000 pages): not kept.
        for suffix in () if options["reuse"] else ("", "-wal", "-shm"):
            (Path(settings.BASE_DIR) / ".bench" / f"bench.sqlite3{suffix}").unlink(missing_ok=True)

    # --- orchestration ---------------------------------------------------------------

    def prepare(self, database, reuse=False):
        bench_dir = Path(settings.BASE_DIR) / ".bench"
        bench_dir.mkdir(exist_ok=True)
        if database == "sqlite":
            path = bench_dir / "bench.sqlite3"
            for suffix in () if reuse else ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{path}"
        elif database == "postgres":
            url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
            try:
                if not reuse:
                    self.recreate_postgres(url)
            except Exception as error:
                self.stdout.write(self.style.WARNING(f"PostgreSQL ignoré ({error})"))
                return None
        else:
            self.stdout.write(self.style.WARNING(f"Base inconnue : {database}"))
            return None
        self.stdout.write(f"-- {database} : migrations…")
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=settings.BASE_DIR,
            env=self.environment(url),
            check=True,
        )
        self.stdout.write(f"   migrations en {time.monotonic() - started:.0f} s")
        return url

    def recreate_postgres(self, url):
        parsed = urlparse(url)
        name = parsed.path.lstrip("/")
        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')

    def environment(self, url):
        env = dict(os.environ)
        env.update(
            DATABASE_URL=url,
            DEBUG="false",
            DJANGO_SETTINGS_MODULE="cdp_portal.settings.dev",
            TASKS_BACKEND="immediate",
            ELASTICSEARCH_URL="",
        )
        return env

    def run_worker(self, url, size, options):
        command = [
            sys.executable,
            "manage.py",
            "bench",
            "--worker",
            "--pages",
            str(size),
            "--queries",
            str(options["queries"]),
            "--seed",
            str(options["seed"]),
            *(["--reuse"] if options["reuse"] else []),
        ]
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.environment(url),
            stdout=subprocess.PIPE,
            text=True,
        )
        result = None
        for line in process.stdout:
            if line.startswith("RESULT "):
                result = json.loads(line[len("RESULT ") :])
            else:
                self.stdout.write("   " + line.rstrip())
        process.wait()
        return result

    def report(self, results):
        if not results:
            return
        self.stdout.write("")
        header = (
            "base",
            "pages",
            "index (pages/s)",
            "moteur p50",
            "moteur p95",
            "page p50",
            "page p95",
            "SQL par recherche",
            "SQL par page",
        )
        self.stdout.write(" | ".join(header))
        self.stdout.write(" | ".join("---" for _ in header))
        for r in results:
            self.stdout.write(
                f"{r['database']} | {r['entries']} | {r['index_rate'] or 0:.0f} | "
                f"{r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['page_p50']:.1f} ms | "
                f"{r['page_p95']:.1f} ms | {r['sql_mean']:.1f} (max {r['sql_max']}) | "
                f"{r['page_sql_mean']:.1f} (max {r['page_sql_max']})"
            )
        out = Path(settings.BASE_DIR) / ".bench" / "results.json"
        out.write_text(json.dumps(results, indent=2))
        self.stdout.write(f"(détail : {out})")

    # --- worker ----------------------------------------------------------------------

    def worker(self, pages, queries, seed, reuse=False):
        index_seconds = index_cpu = None
        if not (reuse and SearchEntry.objects.exists()):
            call_command("generate_corpus", pages=pages, seed=seed, stdout=self.stdout)
            started, cpu = time.monotonic(), cpu_seconds()
            call_command("search_index", "update", stdout=self.stdout)
            index_seconds = time.monotonic() - started
            index_cpu = cpu_since(cpu)
        entries = SearchEntry.objects.count()
        if connection.vendor == "postgresql" and index_seconds is not None:
            # The steady state autovacuum keeps: rebuilds leave dead index rows behind.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

        engine = get_database_engine()
        rng = random.Random(seed)
        communities = list(
            searchable_pages()
            .filter(content_type__model="communitypage")
            .values_list("pk", flat=True)
        )
        themes = list(Theme.objects.values_list("pk", flat=True))
        mixes = []
        for number in range(queries):
            query = QUERIES[number % len(QUERIES)]
            filters, choice = {}, rng.random()
            if choice < 0.25 and communities:
                filters["community"] = (str(rng.choice(communities)),)
            elif choice < 0.45:
                filters["type"] = (rng.choice(["practice", "tool", "meeting"]),)
            elif choice < 0.6 and communities and themes:
                filters["type"] = ("tool",)
                filters["community"] = (str(rng.choice(communities)),)
                filters["theme"] = (str(rng.choice(themes)),)
            sort = "date" if rng.random() < 0.15 else "relevance"
            page = 2 if rng.random() < 0.1 else 1
            mixes.append((query, filters, sort, page))

        for query, filters, sort, page in mixes[:15]:  # warm caches
            engine.search(SearchRequest(query=query, filters=filters, sort=sort, page=page))
        timings, cpu = [], cpu_seconds()
        for query, filters, sort, page in mixes:
            started = time.perf_counter()
            engine.search(SearchRequest(query=query, filters=filters, sort=sort, page=page))
            timings.append((time.perf_counter() - started) * 1000)
        search_cpu = cpu_since(cpu)

        # SQL statements per search (facet bitmaps warm, as above).
        query_counts = []
        for query, filters, sort, page in mixes[: len(QUERIES)]:
            with CaptureQueriesContext(connection) as captured:
                engine.search(SearchRequest(query=query, filters=filters, sort=sort, page=page))
            query_counts.append(len(captured.captured_queries))

        client = Client()
        page_timings, page_query_counts, cpu = [], [], cpu_seconds()
        for query, filters, sort, page in mixes[: max(30, queries // 3)]:
            params = {
                "q": query,
                "sort": sort,
                "page": page,
                **{k: v[0] for k, v in filters.items()},
            }
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/recherche/", params)
            page_timings.append((time.perf_counter() - started) * 1000)
            page_query_counts.append(len(captured.captured_queries))
            if response.status_code != 200:
                raise SystemExit(f"/recherche/ answered {response.status_code} for {params}")
        page_cpu = cpu_since(cpu)

        result = {
            "pages": pages,
            "entries": entries,
            "index_seconds": index_seconds and round(index_seconds, 1),
            "index_rate": index_seconds and entries / max(index_seconds, 1e-6),
            "queries": len(timings),
            "p50": statistics.median(timings),
            "p95": percentile(timings, 0.95),
            "max": max(timings),
            "mean": statistics.mean(timings),
            "page_p50": statistics.median(page_timings),
            "page_p95": percentile(page_timings, 0.95),
            "sql_mean": statistics.mean(query_counts),
            "sql_max": max(query_counts),
            "page_sql_mean": statistics.mean(page_query_counts),
            "page_sql_max": max(page_query_counts),
            # CPU seconds (this process, the database server's backend) for the index
            # build, and per search in milliseconds for the engine and the page.
            "index_cpu": index_cpu,
            "engine_cpu_ms": {k: v * 1000 / len(timings) for k, v in search_cpu.items()},
            "page_cpu_ms": {k: v * 1000 / len(page_timings) for k, v in page_cpu.items()},
            "load_average": os.getloadavg(),
        }
        self.stdout.write(
            f"{entries} entrées : index {result['index_rate'] or 0:.0f} pages/s ; moteur p50 "
            f"{result['p50']:.1f} ms, p95 {result['p95']:.1f} ms ; page p50 "
            f"{result['page_p50']:.1f} ms, p95 {result['page_p95']:.1f} ms ; requêtes SQL "
            f"par recherche : {result['sql_mean']:.1f} en moyenne, {result['sql_max']} au plus ; "
            f"par page : {result['page_sql_mean']:.1f} en moyenne, {result['page_sql_max']} au plus"
        )
        engine_cpu, page_cpu = result["engine_cpu_ms"], result["page_cpu_ms"]
        self.stdout.write(
            f"CPU : index {index_cpu} s ; par recherche (moteur) {engine_cpu['python']:.1f} ms "
            f"Python + {engine_cpu['database']:.1f} ms base ; par page "
            f"{page_cpu['python']:.1f} ms Python + {page_cpu['database']:.1f} ms base ; "
            f"charge {' '.join(f'{x:.1f}' for x in result['load_average'])}"
        )
        self.stdout.write("RESULT " + json.dumps(result))
        shutil.rmtree(Path(settings.BASE_DIR) / ".bench" / "media", ignore_errors=True)
