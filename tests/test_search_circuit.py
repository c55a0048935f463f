"""A sick Elasticsearch costs the site nothing: short timeouts and a circuit breaker shared
by the workers (search.engines.circuit), with the database engine answering meanwhile."""

import socket
import threading
import time

import pytest
from django.core.cache.backends.locmem import LocMemCache

from search import engines
from search.engines import EngineUnavailable, FallbackEngine, SearchEngine, SearchRequest
from search.engines.circuit import CircuitBreaker

from .test_search_view import URL, content, html  # noqa: F401 - the page's fixture


class Clock:
    def __init__(self):
        self.now = 1_000.0

    def __call__(self):
        return self.now


def new_cache():
    return LocMemCache(f"circuit-{time.monotonic_ns()}", {})


class BrokenCache:
    """A cache server that is down: every call raises."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


class ForgetfulCache:
    """A cache wrapper that swallows its errors: reads find nothing, writes do nothing."""

    def get(self, *args):
        return None

    def add(self, *args):
        return False

    def incr(self, *args):
        return None

    def set(self, *args):
        return None

    def delete(self, *args):
        return None

    def delete_many(self, *args):
        return None


def breaker(cache=None, clock=None, **options):
    options = {"threshold": 3, "cooloff": 30, "trial_lease": 5, **options}
    return CircuitBreaker("test", cache=cache or new_cache(), clock=clock or Clock(), **options)


def test_opens_after_n_consecutive_failures_only():
    circuit = breaker()
    for _ in range(2):
        assert circuit.allow()
        circuit.failure()
    circuit.success()  # not consecutive any more
    for _ in range(2):
        assert circuit.allow()
        circuit.failure()
    assert circuit.allow()
    circuit.failure()
    assert not circuit.allow() and circuit.is_open()


def test_cooloff_then_one_trial_decides():
    clock, cache = Clock(), new_cache()
    circuit = breaker(cache, clock, threshold=1)
    circuit.failure()
    clock.now += 29
    assert not circuit.allow()
    clock.now += 2  # cool-off over: half-open
    assert circuit.allow()
    assert not circuit.allow()  # only one trial at a time
    circuit.failure()  # the trial failed: another full cool-off
    clock.now += 29
    assert not circuit.allow()
    clock.now += 2
    assert circuit.allow()
    circuit.success()
    assert circuit.allow() and circuit.allow() and not circuit.is_open()


def test_state_is_shared_by_the_workers_through_the_cache():
    clock, cache = Clock(), new_cache()
    worker_a, worker_b = breaker(cache, clock), breaker(cache, clock)
    worker_a.failure()
    worker_b.failure()
    worker_a.failure()  # three failures in all
    assert not worker_b.allow()
    clock.now += 31
    assert worker_b.allow()  # worker B gets the single trial...
    assert not worker_a.allow()  # ...and worker A waits for its outcome
    worker_b.success()
    assert worker_a.allow()


def test_a_trial_that_never_reports_frees_its_lease():
    clock, cache = Clock(), new_cache()
    worker_a, worker_b = breaker(cache, clock, threshold=1), breaker(cache, clock, threshold=1)
    worker_a.failure()
    clock.now += 31
    assert worker_a.allow()  # then worker A dies without reporting
    assert not worker_b.allow()
    cache.delete("circuit:test:trial")  # the lease's expiry, in real time
    assert worker_b.allow()


@pytest.mark.parametrize("cache", [BrokenCache(), ForgetfulCache()], ids=["raising", "silent"])
def test_without_its_cache_each_process_still_breaks(cache, caplog):
    clock = Clock()
    circuit = breaker(cache, clock)
    for _ in range(3):
        assert circuit.allow()
        circuit.failure()
    assert not circuit.allow()
    clock.now += 31
    assert circuit.allow()
    assert not circuit.allow()
    circuit.success()
    assert circuit.allow()
    if isinstance(cache, BrokenCache):
        warnings = [r for r in caplog.records if "cache unavailable" in r.getMessage()]
        assert len(warnings) == 1  # once, not per call


class CountingEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, fail=True):
        self.calls, self.fail = 0, fail

    def search(self, request):
        self.calls += 1
        if self.fail:
            raise EngineUnavailable("timeout")
        from search.engines import SearchResponse

        return SearchResponse(hits=[], total=0, facets={})

    def autocomplete(self, prefix, limit=8):
        self.calls += 1
        raise EngineUnavailable("timeout")


class EmptyDatabase(SearchEngine):
    name = "database"

    def __init__(self):
        self.calls = 0

    def search(self, request):
        from search.engines import SearchResponse

        self.calls += 1
        return SearchResponse(hits=[], total=0, facets={})

    def autocomplete(self, prefix, limit=8):
        return ["base"]


def test_fallback_engine_stops_asking_an_open_circuit():
    clock = Clock()
    primary, database = CountingEngine(), EmptyDatabase()
    engine = FallbackEngine(primary, database, breaker(clock=clock, threshold=2))
    for _ in range(5):
        assert engine.search(SearchRequest(query="x")).notice
    assert engine.autocomplete("ba") == ["base"]
    assert primary.calls == 2 and database.calls == 5
    clock.now += 31
    primary.fail = False
    response = engine.search(SearchRequest(query="x"))
    assert not response.notice and primary.calls == 3


# With real sockets, through the search page


@pytest.fixture
def silent_cluster():
    """Accepts every connection and never answers; counts the connections."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    accepted, held, stop = [], [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            accepted.append(time.monotonic())
            held.append(connection)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join(2)
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def breaker_settings(settings):
    settings.ELASTICSEARCH_CONNECT_TIMEOUT = 0.3
    settings.ELASTICSEARCH_READ_TIMEOUT = 0.6
    settings.ELASTICSEARCH_BREAKER_FAILURES = 1
    settings.ELASTICSEARCH_BREAKER_COOLOFF = 60
    engines._breakers.clear()
    yield settings
    engines._breakers.clear()


def timed_search(client, query):
    start = time.monotonic()
    page = html(client.get(URL, {"q": query}))
    return page, time.monotonic() - start


def test_silent_cluster_costs_one_read_timeout_then_nothing(
    client,
    content,  # noqa: F811
    breaker_settings,
    silent_cluster,
):
    port, accepted = silent_cluster
    # Warm up what a worker loads once: templates, the database engine, the client library.
    from search.engines.elasticsearch import engine  # noqa: F401

    timed_search(client, "segou")
    breaker_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    page, elapsed = timed_search(client, "segou")
    assert "recherche de secours" in page and "Dialogue communautaire à Ségou" in page
    assert elapsed < 0.6 + 0.8  # one read timeout, no retry
    assert len(accepted) == 1
    for query in ("mariage", "segou", "kayes"):
        page, elapsed = timed_search(client, query)
        assert "recherche de secours" in page
        assert elapsed < 0.5  # far below a read timeout: Elasticsearch not asked
    suggestions = client.get(URL + "suggestions/", {"q": "dialog"}).json()["suggestions"]
    assert suggestions == ["Dialogue communautaire à Ségou"]
    assert len(accepted) == 1  # no connection while the breaker is open


def test_dead_cluster_fails_fast_then_is_skipped(
    client,
    content,  # noqa: F811
    breaker_settings,
    monkeypatch,
):
    from search.engines.elasticsearch import ElasticsearchEngine

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    breaker_settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    breaker_settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    asked = []
    original = ElasticsearchEngine.search

    def counting(self, request):
        asked.append(request.query)
        return original(self, request)

    monkeypatch.setattr(ElasticsearchEngine, "search", counting)
    for query in ("segou", "mariage", "kayes", "segou"):
        page, elapsed = timed_search(client, query)
        assert "recherche de secours" in page
        assert elapsed < 1.0
    assert asked == ["segou", "mariage"]  # opened by the second failure
    assert engines.get_elasticsearch_breaker().is_open()


def test_engine_has_separate_connect_and_read_timeouts(silent_cluster):
    from search.engines.elasticsearch import ElasticsearchEngine

    port, _ = silent_cluster
    engine = ElasticsearchEngine(f"http://127.0.0.1:{port}", timeout=0.4, connect_timeout=0.1)
    start = time.monotonic()
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest(query="ségou"))
    assert 0.35 < time.monotonic() - start < 0.9
