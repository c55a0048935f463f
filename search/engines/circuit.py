"""A circuit breaker shared by every web worker: a sick dependency costs the site one
timeout per cool-off period instead of one per request.

Closed: calls go through; ``threshold`` consecutive failures open it. Open: ``allow()``
says no for ``cooloff`` seconds. Half-open: one caller across all workers gets a trial;
its success closes the breaker, its failure opens it again. The state lives in the cache
(shared by the workers) and is mirrored in the process, which counts when the cache fails.
"""

import logging
import threading
import time

from django.core.cache import cache as default_cache

logger = logging.getLogger(__name__)


class _State:
    """One copy of the breaker's state: consecutive failures, open until (a timestamp,
    0 when closed), and whether a half-open trial is under way."""

    def __init__(self):
        self.failures = 0
        self.open_until = 0.0
        self.trial_until = 0.0


class CircuitBreaker:
    def __init__(
        self, name, threshold=3, cooloff=30.0, trial_lease=10.0, cache=None, clock=time.time
    ):
        self.name = name
        self.threshold = max(1, int(threshold))
        self.cooloff = float(cooloff)
        # A trial caller that dies without reporting frees its lease after this long.
        self.trial_lease = float(trial_lease)
        self.clock = clock
        self._cache = cache
        self._local = _State()
        self._lock = threading.Lock()
        self._cache_warned = False

    # The shared copy (cache); every access may fail, and then counts for nothing.

    @property
    def cache(self):
        return default_cache if self._cache is None else self._cache

    def _key(self, part):
        return f"circuit:{self.name}:{part}"

    @property
    def _ttl(self):
        # Long enough to outlive a cool-off; failures older than this are forgotten.
        return int(max(self.cooloff * 4, 300))

    def _cache_call(self, method, *args, default=None):
        try:
            return getattr(self.cache, method)(*args)
        except Exception as error:  # noqa: BLE001 - the breaker must work without its cache
            if not self._cache_warned:
                logger.warning(
                    "Circuit %s: cache unavailable (%s), per-process state only",
                    self.name,
                    type(error).__name__,
                )
                self._cache_warned = True
            return default

    def _shared_open_until(self):
        value = self._cache_call("get", self._key("open_until"))
        try:
            return float(value or 0)
        except (TypeError, ValueError):
            return 0.0

    # The contract

    def allow(self):
        """True when the caller may try the dependency now (it must then report the
        outcome with ``success()`` or ``failure()``)."""
        now = self.clock()
        with self._lock:
            local = self._local
            if now < local.open_until:
                return False
            shared_open_until = self._shared_open_until()
            if now < shared_open_until:
                return False
            if not (local.open_until or shared_open_until):
                return True  # closed
            # Half-open: one trial across the workers (cache.add is atomic), and one
            # per process when the cache is unusable.
            if now < local.trial_until:
                return False
            got_lease = self._cache_call(
                "add", self._key("trial"), now, int(self.trial_lease) + 1, default=None
            )
            if got_lease is False and self._cache_call("get", self._key("trial")) is not None:
                return False  # another worker holds the trial
            local.trial_until = now + self.trial_lease
            return True

    def success(self):
        with self._lock:
            was_open = bool(self._local.open_until)
            self._local = _State()
        self._cache_call(
            "delete_many", [self._key("failures"), self._key("open_until"), self._key("trial")]
        )
        if was_open:
            logger.warning("Circuit %s closed: the dependency answers again", self.name)

    def failure(self):
        now = self.clock()
        failures_key = self._key("failures")
        self._cache_call("add", failures_key, 0, self._ttl)
        shared_failures = self._cache_call("incr", failures_key, default=0) or 0
        with self._lock:
            local = self._local
            half_open = bool(local.trial_until)
            local.failures += 1
            local.trial_until = 0.0
            if half_open or max(local.failures, shared_failures) >= self.threshold:
                local.open_until = now + self.cooloff
                opening = True
            else:
                opening = False
        if opening:
            self._cache_call("set", self._key("open_until"), now + self.cooloff, self._ttl)
            self._cache_call("delete", self._key("trial"))
            logger.warning(
                "Circuit %s open for %ss after %s failure(s)",
                self.name,
                self.cooloff,
                max(local.failures, shared_failures),
            )

    def is_open(self):
        now = self.clock()
        return now < self._local.open_until or now < self._shared_open_until()
