"""bench_pages: per page type, SQL queries, median CPU, and gunicorn under load.

``make bench`` runs it after the search benchmark. Steps, all on loopback:

1. a fresh SQLite database under .bench/pages/ with the demo content (``load_demo``),
   static files collected there (whitenoise, as in production);
2. in a process with the production settings: one URL per page type; for each, the SQL
   queries of the second request (warm site root, settings and content-version cache) and
   the median CPU time (``time.process_time``) of ``--cpu-requests`` requests through the
   test client;
3. gunicorn with the production settings (``--workers``, default 2), and a small load
   generator (``--concurrency`` keep-alive connections for ``--seconds`` per URL, in this
   process): requests per second, p50 and p99 latency per page type, beside a static file
   served by the same gunicorn (whitenoise).

4. the same load again with the anonymous page cache on (``CACHED_VARIANT``: the
   environment that turns it on, with Redis when ``--redis-url`` is given, else each worker's
   local memory, which is enough while nothing is published): requests per second of a kept
   page, and its ratio to the static file's;
5. the resident memory (RSS) of each gunicorn worker after both loads (warmed).
"""

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.signals import request_started
from django.db import connection, reset_queries
from django.test import Client
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Page

from home.models import Theme

from .bench import percentile

# The environment that turns the anonymous page cache on for the second, "cached" run
# (cdp_portal.page_cache); None: no cached run, the column shows "—".
CACHED_VARIANT = {"PAGE_CACHE_ENABLED": "true"}

STATIC_PATH = "/static/css/portal.css"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- measured in a process with the production settings -------------------------------


def pick_urls():
    """One live, public URL per page type (the first in tree order), plus the search page."""

    urls = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        name = type(page).__name__
        if name not in urls:
            url = page.get_url()
            if url:
                urls[name] = url
    # The taxonomy's pages (views, not pages): the themes, a theme's and a tag's listing.
    urls["(thèmes)"] = reverse("theme_list")
    theme = Theme.objects.order_by("name").first()
    if theme:
        urls["(un thème)"] = reverse("theme_detail", args=[theme.slug])
    tag = Tag.objects.order_by("name").first()
    if tag:
        urls["(un mot-clé)"] = reverse("tag_detail", args=[tag.slug])
    return urls


def measure_in_process(cpu_requests):
    """{page type: {url, queries, cpu_ms}} through the test client, anonymous."""

    request_started.disconnect(reset_queries)
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
    client = Client(HTTP_HOST=host, headers={"X-Forwarded-Proto": "https"})
    results = {}
    for name, url in sorted(pick_urls().items()):
        client.get(url)  # warm: site root paths, content types, content-version cache
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            status = client.get(url).status_code
        timings = []
        for _ in range(cpu_requests):
            started = time.process_time()
            client.get(url)
            timings.append((time.process_time() - started) * 1000)
        results[name] = {
            "url": url,
            "status": status,
            "queries": len(queries),
            "cpu_ms": statistics.median(timings),
        }
    return results


# --- load generator ------------------------------------------------------------------


def load(port, path, seconds, concurrency, host):
    """Keep-alive GETs from ``concurrency`` threads for ``seconds``: rps, p50, p99 (ms)."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    headers = {"Host": host, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}

    def run():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=run) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "errors": errors[0],
        "requests": len(latencies),
    }


def worker_rss(master_pid):
    """Resident memory (MB) of each gunicorn worker (the master's children)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


class Command(BaseCommand):
    help = "Per page type: SQL queries, median CPU, and requests/s with p50/p99 under gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--concurrency", type=int, default=4)
        parser.add_argument("--seconds", type=float, default=5.0)
        parser.add_argument("--cpu-requests", type=int, default=30)
        parser.add_argument(
            "--redis-url",
            default=os.environ.get("BENCH_REDIS_URL", ""),
            help="Redis for the cached run (as in production); default: local memory.",
        )
        parser.add_argument(
            "--reuse", action="store_true", help="Keep the database of a previous run."
        )
        parser.add_argument("--worker", action="store_true", help=2 * "internal: ")

    def handle(self, *args, **options):
        if options["worker"]:
            result = measure_in_process(options["cpu_requests"])
            self.stdout.write("RESULT " + json.dumps(result))
            return
        base = Path(settings.BASE_DIR) / ".bench" / "pages"
        env = self.environment(base)
        if not (options["reuse"] and (base / "pages.sqlite3").exists()):
            self.prepare(base, env)
        measured = self.run_worker(env, options)
        if not measured:
            return
        loads, rss_uncached = self.run_gunicorn(env, measured, options)
        cached, rss = {}, {"sans cache": rss_uncached}
        if CACHED_VARIANT is not None:
            self.stdout.write("-- pages gardées en cache (anonymes)")
            variant = {**env, **CACHED_VARIANT}
            if options["redis_url"]:
                variant["REDIS_URL"] = options["redis_url"]
            cached, rss["avec cache"] = self.run_gunicorn(variant, measured, options)
        self.report(measured, loads, cached, rss, options)

    # --- orchestration ---------------------------------------------------------------

    def environment(self, base):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="cdp_portal.settings.production",
            DATABASE_URL=f"sqlite:///{base / 'pages.sqlite3'}",
            SECRET_KEY="bench-only-not-secret",
            ALLOWED_HOSTS="localhost,127.0.0.1",
            PUBLIC_URL="http://localhost",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            STATIC_ROOT=str(base / "static"),
            MEDIA_ROOT=str(base / "media"),
            TASKS_BACKEND="immediate",
            ELASTICSEARCH_URL="",
            REDIS_URL="",
            LOG_LEVEL="ERROR",
        )
        return env

    def manage(self, env, *arguments, settings_module=None):
        if settings_module:
            env = {**env, "DJANGO_SETTINGS_MODULE": settings_module}
        subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=settings.BASE_DIR, env=env, check=True
        )

    def prepare(self, base, env):
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        started = time.monotonic()
        self.stdout.write("-- pages : base SQLite, contenu de démonstration…")
        self.manage(env, "migrate", "--noinput", "-v", "0")
        self.manage(env, "load_demo", "--if-empty", "-v", "0")
        self.manage(env, "collectstatic", "--noinput", "-v", "0")
        self.stdout.write(f"   prêt en {time.monotonic() - started:.0f} s")

    def run_worker(self, env, options):
        # The bench app is installed in development only: the worker imports this module
        # by path under the production settings.
        code = (
            "import django, json, sys; django.setup(); "
            "from bench.management.commands.bench_pages import measure_in_process; "
            f"print('RESULT ' + json.dumps(measure_in_process({options['cpu_requests']})))"
        )
        process = subprocess.run(
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        for line in process.stdout.splitlines():
            if line.startswith("RESULT "):
                return json.loads(line[len("RESULT ") :])
        self.stderr.write(process.stderr[-3000:])
        return None

    def run_gunicorn(self, env, measured, options):
        port = free_port()
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "cdp_portal.wsgi",
            "--workers",
            str(options["workers"]),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
            "--keep-alive",
            "30",
        ]
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
        try:
            self.wait_for(port)
            targets = {name: row["url"] for name, row in measured.items()}
            targets["(fichier statique)"] = STATIC_PATH
            results = {}
            for name, path in targets.items():
                load(port, path, 1.0, options["concurrency"], "localhost")  # warm each worker
                results[name] = load(
                    port, path, options["seconds"], options["concurrency"], "localhost"
                )
                self.stdout.write(f"   {name:28} {results[name]['rps']:7.1f} req/s")
            return results, worker_rss(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)

    def wait_for(self, port, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def report(self, measured, loads, cached, rss, options):
        self.stdout.write("")
        self.stdout.write(
            f"gunicorn {options['workers']} workers, {options['concurrency']} connexions, "
            f"{options['seconds']:.0f} s par page ; CPU : médiane de {options['cpu_requests']} "
            "requêtes (client de test, réglages de production, sans le cache de pages)"
        )
        header = (
            "type de page",
            "requêtes SQL",
            "CPU médian",
            "req/s",
            "p50",
            "p99",
            "req/s en cache",
            "p50 en cache",
            "en cache / statique",
        )
        self.stdout.write(" | ".join(header))
        self.stdout.write(" | ".join("---" for _ in header))
        static = loads.pop("(fichier statique)", None)
        static_cached = cached.pop("(fichier statique)", None)
        static_rps = (static_cached or static or {}).get("rps") or 0
        for name, row in sorted(measured.items()):
            run, kept = loads.get(name, {}), cached.get(name)
            if kept:
                ratio = f"{kept['rps'] / static_rps:.0%}" if static_rps else "—"
                kept_text = f"{kept['rps']:.1f} | {kept['p50']:.1f} ms | {ratio}"
            else:
                kept_text = "— | — | —"
            self.stdout.write(
                f"{name} | {row['queries']} | {row['cpu_ms']:.1f} ms | {run.get('rps', 0):.1f} | "
                f"{run.get('p50', 0):.1f} ms | {run.get('p99', 0):.1f} ms | {kept_text}"
            )
        if static:
            kept = static_cached or {}
            self.stdout.write(
                f"fichier statique ({STATIC_PATH}) | 0 | — | {static['rps']:.1f} | "
                f"{static['p50']:.1f} ms | {static['p99']:.1f} ms | "
                f"{kept.get('rps', 0):.1f} | {kept.get('p50', 0):.1f} ms | 100%"
            )
        for run, sizes in rss.items():
            text = ", ".join(f"{size:.0f} Mo" for size in sizes) or "?"
            self.stdout.write(f"mémoire résidente des workers après la charge ({run}) : {text}")
        errors = {name: run["errors"] for name, run in loads.items() if run.get("errors")}
        errors.update(
            {f"{name} (cache)": run["errors"] for name, run in cached.items() if run.get("errors")}
        )
        if errors:
            self.stdout.write(self.style.WARNING(f"réponses en erreur : {errors}"))
        out = Path(settings.BASE_DIR) / ".bench" / "pages-results.json"
        detail = {
            "measured": measured,
            "load": loads,
            "static": static,
            "cached": cached,
            "static_cached": static_cached,
            "worker_rss_mb": rss,
        }
        out.write_text(json.dumps(detail, indent=2))
        self.stdout.write(f"(détail : {out})")
