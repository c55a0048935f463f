#!/usr/bin/env python3
"""Fault drill: the site under load while its dependencies fail (``make drill``).

Starts, on 127.0.0.1 and spare ports, its OWN PostgreSQL (initdb in a temporary folder, as the
postgres user when run as root) and its OWN redis-server — never the shared servers — migrates
and loads the demo there, runs gunicorn with the production settings, then sends page views
and searches from 20 concurrent clients through these phases:

    baseline · PostgreSQL restart · Redis stopped (25 s) · Redis restarted ·
    Elasticsearch at a dead port · Elasticsearch at a silent server (accepts, never answers)

and prints, per phase: requests, req/s, p50/p99 latency, 5xx and connection errors. Everything
it started is stopped and its folder removed at the end, on error and on Ctrl-C.

Environment: DRILL_SECONDS (load time, default 60: 25 s for Redis stopped, the rest shared by
the other five phases), DRILL_CLIENTS (20), DRILL_WORKERS (gunicorn workers, 3),
DRILL_MAX_REQUESTS (cap on the whole run, 100 000), DRILL_PG_BIN (folder of initdb/pg_ctl).
Needs: PostgreSQL server binaries with contrib (unaccent), redis-server.
"""

import glob
import http.client
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REDIS_DOWN_SECONDS = 25
SEARCHES = [
    "violences",
    "VBG",
    "mariage précoce",
    "leadership féminin",
    "AVEC",
    "plaidoyer",
    "femmes rurales",
    "médiation",
    "loi 052",
    "representativite",
    "excision",
    "Kayes",
]
FALLBACK_PATHS = [
    "/",
    "/pratiques/",
    "/outils-et-modeles/",
    "/organisations/",
    "/agenda/",
    "/communautes/",
    "/cadres-de-concertation/",
    "/resultats/",
]


# Pure parts (unit-tested in tests/test_drill.py) ----------------------------------------------


def percentile(values, q):
    """Nearest-rank percentile of values (q in 0..100); None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class PhaseStats:
    name: str
    seconds: float = 0.0
    latencies: list = field(default_factory=list)  # seconds, answered requests only
    server_errors: int = 0  # HTTP 5xx
    failures: int = 0  # no answer: refused, reset, timed out
    note: str = ""

    @property
    def requests(self):
        return len(self.latencies) + self.failures

    def record(self, status, latency):
        if status is None:
            self.failures += 1
            return
        self.latencies.append(latency)
        if status >= 500:
            self.server_errors += 1

    def row(self):
        rate = self.requests / self.seconds if self.seconds else 0.0

        def ms(value):
            return "–" if value is None else f"{value * 1000:.0f}"

        return [
            self.name,
            f"{self.seconds:.1f}",
            str(self.requests),
            f"{rate:.1f}",
            ms(percentile(self.latencies, 50)),
            ms(percentile(self.latencies, 99)),
            str(self.server_errors),
            str(self.failures),
            self.note,
        ]


HEADERS = ["phase", "s", "requests", "req/s", "p50 ms", "p99 ms", "5xx", "no answer", "note"]
NUMERIC = {1, 2, 3, 4, 5, 6, 7}


def format_table(phases):
    """A Markdown table (readable as is in a terminal), numbers right-aligned."""
    rows = [HEADERS, *[phase.row() for phase in phases]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]

    def line(cells):
        padded = [
            cell.rjust(w) if i in NUMERIC else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in NUMERIC else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(rows[0]), rule, *[line(row) for row in rows[1:]]])


def phase_seconds(total):
    """Seconds of each of the five phases other than « Redis stopped » (fixed at 25 s)."""
    return max(5.0, (total - REDIS_DOWN_SECONDS) / 5)


def sitemap_paths(xml):
    paths = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", xml):
        path = urllib.parse.urlsplit(loc.strip()).path or "/"
        if path not in paths:
            paths.append(path)
    return paths


# Processes ------------------------------------------------------------------------------------


def log(message):
    print(f"[drill {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def pg_bin(name):
    folder = os.environ.get("DRILL_PG_BIN")
    if not folder:
        candidates = sorted(
            glob.glob("/usr/lib/postgresql/*/bin/initdb"),
            key=lambda p: int(re.search(r"/(\d+)/", p).group(1)),
        )
        if candidates:
            folder = str(Path(candidates[-1]).parent)
        elif shutil.which("initdb"):
            folder = str(Path(shutil.which("initdb")).parent)
        else:
            sys.exit(
                "initdb introuvable : installez postgresql (Debian : apt install "
                "postgresql) ou indiquez DRILL_PG_BIN."
            )
    return str(Path(folder) / name)


class Postgres:
    def __init__(self, folder, port):
        self.data, self.socket_dir, self.port = folder / "pgdata", folder / "pgsock", port
        self.log_file = folder / "postgres.log"
        self.as_postgres = os.geteuid() == 0
        self.started = False

    def _run(self, *command, timeout=120):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run(
            [*prefix, *command],
            check=True,
            timeout=timeout,
            cwd="/",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def init(self):
        for folder in (self.data, self.socket_dir):
            folder.mkdir()
            if self.as_postgres:
                shutil.chown(folder, "postgres", "postgres")
        self.log_file.touch()
        if self.as_postgres:
            shutil.chown(self.log_file, "postgres", "postgres")
        self._run(
            pg_bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self._run(
            pg_bin("createdb"), "-h", HOST, "-p", str(self.port), "-U", "postgres", "cdp_drill"
        )

    def _options(self):
        # A throwaway instance: durability off for speed (a restart is still a real one).
        return (
            f"-p {self.port} -k {self.socket_dir} -c listen_addresses={HOST} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )

    def start(self):
        self._run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.log_file),
            "-w",
            "start",
        )
        self.started = True

    def restart(self):
        self._run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.log_file),
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def stop(self):
        if self.started:
            self._run(
                pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60
            )
            self.started = False

    @property
    def url(self):
        return f"postgres://postgres@{HOST}:{self.port}/cdp_drill"


class Redis:
    def __init__(self, port):
        self.port, self.process = port, None

    def start(self):
        binary = shutil.which("redis-server")
        if not binary:
            sys.exit("redis-server introuvable : apt install redis-server")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for_port(self.port, 10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    @property
    def url(self):
        return f"redis://{HOST}:{self.port}/1"


class SilentServer:
    """Accepts connections and never answers (a hung Elasticsearch)."""

    def __init__(self, port):
        self.server = socket.create_server((HOST, port), backlog=512)
        self.held = []
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        self.closed = True
        self.server.close()
        for connection in self.held:
            connection.close()


def wait_for_port(port, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {timeout} s")


def get(port, path, timeout=15):
    """(status, seconds, body) of one GET; status None when there was no answer."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Language": "fr"})
        response = connection.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, body
    except (OSError, http.client.HTTPException):
        return None, time.perf_counter() - started, b""
    finally:
        connection.close()


class Gunicorn:
    def __init__(self, port, environment, folder, workers):
        self.port, self.environment, self.workers = port, environment, workers
        self.log_file = folder / "gunicorn.log"
        self.process = None

    def start(self, extra_environment=None):
        environment = {**self.environment, **(extra_environment or {})}
        with open(self.log_file, "a") as log_handle:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "cdp_portal.wsgi",
                    "--bind",
                    f"{HOST}:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=environment,
                stdout=log_handle,
                stderr=log_handle,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited, see {self.log_file}")
            status, _seconds, _body = get(self.port, "/", timeout=5)
            if status == 200:
                return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn not answering 200 on / after 60 s, see {self.log_file}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.process = None

    def restart(self, extra_environment=None):
        self.stop()
        self.start(extra_environment)


# Load -----------------------------------------------------------------------------------------


class Load:
    """Clients that request pages (70 %) and searches (30 %) until stopped, recording each
    answer in the current phase; between phases (phase None) they wait."""

    def __init__(self, port, paths, clients, max_requests):
        self.port, self.paths = port, paths
        self.max_requests = max_requests
        self.phase = None
        self.sent = 0
        self.in_flight = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.threads = [
            threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(clients)
        ]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopped.set()
        for thread in self.threads:
            thread.join(20)

    def drain(self, timeout=30):
        """Waits (bounded) until no request is in flight, so that none straddles two phases."""
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)

    def _next_path(self, rng):
        if rng.random() < 0.3:
            return "/recherche/?" + urllib.parse.urlencode({"q": rng.choice(SEARCHES)})
        return rng.choice(self.paths)

    def _client(self, number):
        rng = random.Random(number)
        while not self.stopped.is_set():
            phase = self.phase
            if phase is None:
                time.sleep(0.05)
                continue
            with self.lock:
                if self.sent >= self.max_requests:
                    self.stopped.set()
                    return
                self.sent += 1
                self.in_flight += 1
            status, seconds, _body = get(self.port, self._next_path(rng))
            with self.lock:  # counted in the phase it was sent in (phases are drained)
                phase.record(status, seconds)
                self.in_flight -= 1


def run_phase(load, stats, seconds, action=None):
    log(f"phase « {stats.name} » ({seconds:.0f} s)")
    started = time.monotonic()
    load.phase = stats
    if action:
        action(stats)
    remaining = seconds - (time.monotonic() - started)
    if remaining > 0:
        load.stopped.wait(remaining)
    load.phase = None
    load.drain()
    stats.seconds = time.monotonic() - started
    return stats


def manage(environment, *arguments, timeout=600):
    log("manage.py " + " ".join(arguments))
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
    )


def drill():
    total = float(os.environ.get("DRILL_SECONDS", "60"))
    clients = int(os.environ.get("DRILL_CLIENTS", "20"))
    workers = int(os.environ.get("DRILL_WORKERS", "3"))
    max_requests = int(os.environ.get("DRILL_MAX_REQUESTS", "100000"))
    seconds = phase_seconds(total)
    folder = Path(tempfile.mkdtemp(prefix="cdp-drill-"))
    folder.chmod(0o755)  # the postgres user creates its data folder inside
    postgres = Postgres(folder, free_port())
    redis = Redis(free_port())
    silent = None
    gunicorn = None
    load = None
    phases = []
    interrupted = False
    try:
        log(f"folder {folder}; PostgreSQL :{postgres.port}, Redis :{redis.port}")
        postgres.init()
        redis.start()
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("ELASTICSEARCH_", "DATABASE_", "REDIS_"))
        }
        environment.update(
            DJANGO_SETTINGS_MODULE="cdp_portal.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=HOST,
            DATABASE_URL=postgres.url,
            REDIS_URL=redis.url,
            MEDIA_ROOT=str(folder / "media"),
            STATIC_ROOT=str(folder / "static"),
            SECURE_SSL_REDIRECT="False",  # plain HTTP on loopback, no proxy in front
            LOG_LEVEL="ERROR",
        )
        manage(environment, "migrate", "--noinput")
        manage(environment, "load_demo")
        manage(environment, "collectstatic", "--noinput")
        gunicorn = Gunicorn(free_port(), environment, folder, workers)
        gunicorn.start()
        paths = []
        index = get(gunicorn.port, "/sitemap.xml")[2].decode("utf-8", "replace")
        for loc in re.findall(r"<loc>([^<]+)</loc>", index):  # the sections of the sitemap
            section = urllib.parse.urlsplit(loc.strip())
            address = section.path + (f"?{section.query}" if section.query else "")
            body = get(gunicorn.port, address)[2].decode("utf-8", "replace")
            paths += [path for path in sitemap_paths(body) if path not in paths]
        paths = paths or FALLBACK_PATHS
        log(
            f"gunicorn :{gunicorn.port} ({workers} workers), {len(paths)} pages, "
            f"{clients} clients, {seconds:.0f} s per phase"
        )
        load = Load(gunicorn.port, paths, clients, max_requests)
        load.start()

        def restart_postgres(stats):
            started = time.monotonic()
            postgres.restart()
            stats.note = f"pg_ctl restart {time.monotonic() - started:.1f} s"

        def stop_redis(stats):
            redis.stop()
            stats.note = "redis-server stopped"

        def start_redis(stats):
            redis.start()
            stats.note = "redis-server started"

        phases.append(run_phase(load, PhaseStats("baseline"), seconds))
        phases.append(run_phase(load, PhaseStats("PostgreSQL restart"), seconds, restart_postgres))
        phases.append(run_phase(load, PhaseStats("Redis stopped"), REDIS_DOWN_SECONDS, stop_redis))
        phases.append(run_phase(load, PhaseStats("Redis restarted"), seconds, start_redis))

        dead_port = free_port()  # bound then released: connections are refused
        log("gunicorn restarted with ELASTICSEARCH_URL at a dead port")
        gunicorn.restart({"ELASTICSEARCH_URL": f"http://{HOST}:{dead_port}"})
        phases.append(run_phase(load, PhaseStats("Elasticsearch dead"), seconds))

        silent = SilentServer(free_port())
        log("gunicorn restarted with ELASTICSEARCH_URL at a silent server")
        gunicorn.restart({"ELASTICSEARCH_URL": f"http://{HOST}:{silent.server.getsockname()[1]}"})
        phases.append(run_phase(load, PhaseStats("Elasticsearch silent"), seconds))
    except KeyboardInterrupt:
        interrupted = True
        log("interrupted: tearing down")
    finally:
        if load:
            load.stop()
        for step in (
            getattr(gunicorn, "stop", None),
            redis.stop,
            postgres.stop,
            getattr(silent, "close", None),
        ):
            if step:
                try:
                    step()
                except Exception as error:  # noqa: BLE001 - teardown goes on regardless
                    log(f"teardown: {error}")
        logs = ROOT / ".drill"
        logs.mkdir(exist_ok=True)
        for name in ("gunicorn.log", "postgres.log"):
            if (folder / name).exists():
                shutil.copyfile(folder / name, logs / name)
        shutil.rmtree(folder, ignore_errors=True)
        log(f"everything stopped and removed; logs kept in {logs}")
    if phases:
        print()
        print(format_table(phases))
    return phases, interrupted


def _interrupt(_signal_number, _frame):
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, _interrupt)  # a CI timeout or kill tears down like Ctrl-C
    _phases, interrupted = drill()
    if interrupted:
        sys.exit(130)


if __name__ == "__main__":
    main()
