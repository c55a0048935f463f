"""Two limits for django-axes: per user name and address, and per address alone.

Axes counts failures for each entry of ``AXES_LOCKOUT_PARAMETERS`` — here
``[["username", "ip_address"], ["ip_address"]]`` — and compares the largest count, which is
always the address's total, with one ``AXES_FAILURE_LIMIT``. This callable (axes accepts one
as ``AXES_FAILURE_LIMIT``) gives that comparison two limits:

- ``USER_LIMIT`` wrong passwords for one user name from one address lock that pair: guessing
  one account's password;
- ``ADDRESS_LIMIT`` wrong passwords from one address, whatever the user names, lock the
  address: spraying one password across many accounts.

The address is cdp_portal.client_ip's (``AXES_CLIENT_IP_CALLABLE``), so a forged
X-Forwarded-For cannot lock out somebody else.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.db.models import Sum

USER_LIMIT = 5
ADDRESS_LIMIT = 20


def _total(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials):
    user_limit = getattr(settings, "LOGIN_FAILURES_PER_USER", USER_LIMIT)
    address_limit = getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", ADDRESS_LIMIT)
    handler = AxesProxyHandler.get_implementation()
    if not hasattr(handler, "get_user_attempts"):
        return user_limit  # another handler: one limit, the stricter one
    per_user = _total(handler.get_user_attempts(request, credentials)[0])
    # Axes locks when its largest count (the address's) reaches the returned limit: returning
    # the pair's own count when it has reached its limit locks the pair (and the address
    # count is at least as large); otherwise only the address's own limit can lock.
    return per_user if per_user >= user_limit else address_limit
