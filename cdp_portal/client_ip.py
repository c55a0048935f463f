"""The address of the client, as far as the deployment's own reverse proxies vouch for it.

``TRUSTED_PROXY_COUNT`` (environment, default 0) is the number of reverse proxies in front of
the application that each append the address they received the request from to
X-Forwarded-For (nginx's ``$proxy_add_x_forwarded_for``). With 0, the header is ignored and
REMOTE_ADDR is the client. With N, the client is the N-th address from the right: anything
further left was written by the client itself and is never trusted, so a forged header cannot
pick someone else's address. Login lock-out (django-axes) and the password throttle of
protected pages both key on this address.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [address for address in header.split(",") if address.strip()]
        if len(forwarded) >= count:
            address = _valid(forwarded[-count])
            if address:
                return address
    return _valid(remote) or remote
