from urllib.parse import unquote_to_bytes

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

    admin_prefixes = ("/admin/", "/django-admin/")

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
# Control characters never meaningful in an address; NUL in particular crashes PostgreSQL
# queries ("A string literal cannot contain NUL characters").
_CONTROL_CHARACTERS = {chr(code) for code in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}


def _is_readable(raw: bytes) -> bool:
    """Strict UTF-8 (which refuses lone surrogates too) without control characters."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not _CONTROL_CHARACTERS.intersection(text)


def malformed_url(request) -> bool:
    """True when the path or the query string cannot be read as text, or is too long."""
    path = request.META.get("PATH_INFO", "")  # WSGI: the decoded bytes, as latin-1
    query = request.META.get("QUERY_STRING", "")
    if len(path) + len(query) > MAX_URL_LENGTH:
        return True
    try:
        raw_path = path.encode("latin-1")
    except UnicodeEncodeError:  # not a WSGI string: the server already decoded it as UTF-8
        raw_path = path.encode("utf-8", "surrogatepass")
    raw_query = unquote_to_bytes(query.replace("+", " "))
    return not (_is_readable(raw_path) and _is_readable(raw_query))


class MalformedUrlMiddleware:
    """Refuses early, with the styled 400 page, an address no view could read: NUL bytes or
    other control characters, invalid UTF-8 or lone surrogates (in the path or in a
    parameter), or longer than :data:`MAX_URL_LENGTH`.

    Sits after the middleware that add security headers, so that the 400 carries them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if malformed_url(request):
            from home.views import bad_request

            return bad_request(request)
        return self.get_response(request)
