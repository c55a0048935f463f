from django.conf import settings

# The Wagtail admin's editor relies on inline scripts and styles; the public site does not.
ADMIN_CSP = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
}


class SafetyHeadersMiddleware:
    """Loosens CSP for the admin only, and keeps public pages out of shared caches.

    Pages about violence must not linger in a proxy or a shared device's cache longer than
    needed; the quick-exit note explains the rest to visitors.
    """

    admin_prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefixes):
            response._csp_replace = ADMIN_CSP
        elif not settings.DEBUG:
            response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
