"""The site's public address (settings.PUBLIC_URL) written into the default Wagtail Site, from
which every absolute link is built: sitemap, canonical links, Open Graph, iCal, e-mails."""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url=None):
    """``(hostname, port)`` for a Wagtail Site serving ``url`` (PUBLIC_URL by default).

    Wagtail builds a site's root URL as https only on port 443 and http otherwise, so an
    https address on another port cannot be represented: refused with an explanation.
    """
    url = url or settings.PUBLIC_URL
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"PUBLIC_URL must look like https://portail.example.org, not {url!r}."
        )
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(
            f"PUBLIC_URL {url!r}: an https address must use port 443 (Wagtail writes any "
            "other port as http)."
        )
    if parts.scheme == "http" and port == 443:
        raise ImproperlyConfigured(f"PUBLIC_URL {url!r}: port 443 is https.")
    return parts.hostname, port


def apply_public_url(url=None):
    """Give the default Site the public address; returns ``(site, changed)``.

    ``(None, False)`` when there is no default site yet (before the first migration).
    """
    hostname, port = site_address(url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return site, False
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        raise IntegrityError(
            f"Another site already uses {hostname}:{port}; change it in Wagtail "
            "(Paramètres > Sites) first."
        )
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return site, True


# Where Wagtail's first migration puts the default site.
INITIAL_ADDRESS = ("localhost", 80)


def may_align(site):
    """True when an automatic step (migrate, load_demo) may give ``site`` the public address:
    PUBLIC_URL is set in the environment, or the site still has Wagtail's initial address.
    A deployment without PUBLIC_URL keeps the address its editors gave the site by hand."""
    return (
        bool(os.environ.get("PUBLIC_URL"))
        or site is None
        or ((site.hostname, site.port) == INITIAL_ADDRESS)
    )


def apply_after_migrate(sender, verbosity=1, **kwargs):
    """post_migrate receiver: ``migrate`` (``make run`` included) aligns the site."""
    try:
        if not may_align(Site.objects.filter(is_default_site=True).first()):
            return
        site, changed = apply_public_url()
    except (DatabaseError, ImproperlyConfigured) as error:
        if verbosity:
            print(f"PUBLIC_URL not applied to the default site: {error}")
        return
    if changed and verbosity:
        print(f"Default site now answers at {site.root_url} (PUBLIC_URL).")
