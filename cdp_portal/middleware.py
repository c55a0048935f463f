import logging
import re
from urllib.parse import unquote_to_bytes

from django.core.exceptions import PermissionDenied
from django.http import Http404

from home.views import bad_request, page_not_found, server_error

logger = logging.getLogger("django.request")

# The Wagtail admin's editor relies on inline scripts and styles, and its preview panel frames
# the page being edited; the public site needs none of that.
ADMIN_CSP = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)


class SafetyHeadersMiddleware:
    """Loosens the Content-Security-Policy for the admin only; adds a Permissions-Policy.

    Must sit after ``csp.middleware.CSPMiddleware`` in MIDDLEWARE, so that it sees the
    response first and the CSP middleware builds the header from its replacement.
    """

    admin_prefixes = ("/admin/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefixes):
            response._csp_replace = ADMIN_CSP
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# The longest address accepted, path and query string together: gunicorn's own default
# limit for the request line (limit_request_line), so that runserver and production agree.
MAX_URL_LENGTH = 4094


def _is_readable(raw: bytes) -> bool:
    """Strict UTF-8 (which refuses lone surrogates too) without NUL, which PostgreSQL refuses
    in any string ("A string literal cannot contain NUL (0x00) characters")."""
    try:
        return "\x00" not in raw.decode("utf-8")
    except UnicodeDecodeError:
        return False


# Django re-percent-encodes the bytes of a path that are not valid UTF-8 (invalid sequences,
# lone surrogates) before any view sees it: a "%XX" left in the decoded path is one of those,
# or a literal "%" (sent as %25), which no route of the site accepts either.
_REPERCENTED = re.compile(r"%[0-9A-Fa-f]{2}")


def malformed_url(request) -> bool:
    """True when the path or the query string cannot be read as text, or is too long."""
    path = request.path_info
    query = request.META.get("QUERY_STRING", "")
    if len(path) + len(query) > MAX_URL_LENGTH:
        return True
    if "\x00" in path or _REPERCENTED.search(path):
        return True
    return not _is_readable(unquote_to_bytes(query.replace("+", " ")))


class MalformedUrlMiddleware:
    """Refuses early, with the styled 400 page, an address no view could read: NUL bytes,
    invalid UTF-8 or lone surrogates (in the path or in a parameter), or longer than
    :data:`MAX_URL_LENGTH`. Other control characters are left to the views, which drop them.

    Sits after the middleware that add security headers, so that the 400 carries them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if malformed_url(request):
            return bad_request(request)
        return self.get_response(request)


class DevelopmentErrorPagesMiddleware:
    """Development only (settings/dev.py): a missing page or a crash shows the site's own 404
    and 500 pages, with the quick exit, as visitors see them, instead of Django's debug pages.
    The traceback still goes to the console; ``STYLED_ERROR_PAGES=0`` brings the debug pages
    back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # Django's own 403 handling (Wagtail's login redirects rely on it)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"request": request},
        )
        return server_error(request)
