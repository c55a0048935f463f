"""Wrong passwords on password-protected pages are throttled like the login.

After ``FAILURE_LIMIT`` wrong passwords for one restriction from one client address (see
cdp_portal.client_ip) within ``COOLOFF_SECONDS``, that client is refused for that
restriction, even with the right password, until ``COOLOFF_SECONDS`` after the last failure.
Other clients and other restrictions are not affected. Counters live in the cache; if the
cache is down the form keeps working (fails open) and a warning is logged.

The view replaces wagtail.views.authenticate_with_password (same URL, listed before Wagtail's
in cdp_portal.urls) and uses the same public pieces: the restriction's form, its
``mark_as_passed`` and the page's ``serve_password_required_response``.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from cdp_portal.client_ip import client_ip

logger = logging.getLogger(__name__)

FAILURE_LIMIT = 5
COOLOFF_SECONDS = 15 * 60
MAX_ID = 2**31 - 1


def _key(request, restriction):
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"page-password-failures:{restriction.pk}:{address}"


def _failures(key):
    try:
        return cache.get(key, 0)
    except Exception:
        logger.warning("Password throttle: cache unavailable, not throttling", exc_info=True)
        return 0


def _record_failure(key):
    try:
        cache.add(key, 0, COOLOFF_SECONDS)
        count = cache.incr(key)
        cache.touch(key, COOLOFF_SECONDS)  # the cool-off runs from the last failure
        return count
    except Exception:
        logger.warning("Password throttle: cache unavailable, failure not counted", exc_info=True)
        return 0


def _forget(key):
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Password throttle: cache unavailable", exc_info=True)


def _locked_message():
    minutes = COOLOFF_SECONDS // 60
    return _(
        "Trop de mots de passe erronés pour cette page depuis votre connexion. "
        "Par sécurité, réessayez dans %(minutes)s minutes."
    ) % {"minutes": minutes}


@require_http_methods(["GET", "POST"])
def authenticate_with_password(request, page_view_restriction_id, page_id):
    if page_view_restriction_id > MAX_ID or page_id > MAX_ID:
        raise Http404
    restriction = get_object_or_404(
        PageViewRestriction,
        pk=page_view_restriction_id,
        restriction_type=PageViewRestriction.PASSWORD,
    )
    page = get_object_or_404(Page, pk=page_id).specific
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    if request.method != "POST":
        form = PasswordViewRestrictionForm(instance=restriction)
        return page.serve_password_required_response(request, form, action_url)

    key = _key(request, restriction)
    form = PasswordViewRestrictionForm(request.POST, instance=restriction)
    if _failures(key) >= FAILURE_LIMIT:
        # Refused without even checking the password.
        form = PasswordViewRestrictionForm(
            initial={"return_url": request.POST.get("return_url", "")}, instance=restriction
        )
        form.cleaned_data = {}  # an unbound form has none; add_error needs it
        return _locked_response(request, page, form, action_url)
    if form.is_valid():
        _forget(key)
        return_url = form.cleaned_data["return_url"]
        if not url_has_allowed_host_and_scheme(return_url, request.get_host(), request.is_secure()):
            return_url = settings.LOGIN_REDIRECT_URL
        restriction.mark_as_passed(request)
        return redirect(return_url)
    if _record_failure(key) >= FAILURE_LIMIT:
        return _locked_response(request, page, form, action_url)
    return page.serve_password_required_response(request, form, action_url)


def _locked_response(request, page, form, action_url):
    form.add_error(None, _locked_message())
    response = page.serve_password_required_response(request, form, action_url)
    response.status_code = 429
    return response
