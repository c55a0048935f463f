"""Logging filters named in settings.LOGGING."""

import logging
import time


class OutageWarningFilter(logging.Filter):
    """Turns a stream of identical failures into one warning per ``interval`` seconds.

    django-redis, with ``IGNORE_EXCEPTIONS``, logs every failed cache call with its traceback
    (``DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS``): while Redis is down that is several records per
    request. This filter, on the logger django-redis writes to, lets the first one through as
    a one-line warning (what failed and why) and drops the others until ``interval`` has
    passed, in each process.
    """

    def __init__(self, message="Dependency unavailable", interval=300):
        super().__init__()
        self.message = message
        self.interval = interval
        self.reset()

    def reset(self):
        self.last_warning = None

    def filter(self, record):
        now = time.monotonic()
        if self.last_warning is not None and now - self.last_warning < self.interval:
            return False
        self.last_warning = now
        cause = None
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            cause = error.__cause__ or error
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg = "%s (%s); next warning in %d s at the earliest"
        record.args = (self.message, cause or record.getMessage(), self.interval)
        record.exc_info = record.exc_text = None
        return True
