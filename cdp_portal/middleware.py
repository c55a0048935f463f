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
