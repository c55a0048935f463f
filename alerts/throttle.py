"""At most SUBSCRIBE_LIMIT subscription requests per client address (cdp_portal.client_ip)
and hour, counted in the cache; when the cache is down the form keeps working (fails open)
and a warning is logged. One address gets at most one e-mail per MAIL_INTERVAL whatever the
number of requests (alerts.views), so nobody can flood someone's mailbox through the form."""

import hashlib
import logging

from django.core.cache import cache

from cdp_portal.client_ip import client_ip

logger = logging.getLogger(__name__)

SUBSCRIBE_LIMIT = 10
WINDOW_SECONDS = 60 * 60


def _key(request):
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"alerts-subscribe:{address}"


def over_limit(request):
    """Count this request; True once the client went past the limit in the window."""
    key = _key(request)
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        return cache.incr(key) > SUBSCRIBE_LIMIT
    except Exception:
        logger.warning("Alerts throttle: cache unavailable, not throttling", exc_info=True)
        return False
