"""The last line of the publish gate in the admin: a refused publish never shows a 500.

Hooks (home/wagtail_hooks.py) refuse the routes we know before anything is saved. Any other
admin request that still reaches ``SafetyGatedPageMixin.publish`` without a confirmation (for
instance a moderator who edits the page and approves it in the same request, so that the
revision to publish is their own) is rolled back as a whole and answered with the French
message, back on the page it came from.
"""

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin import messages

from .models.safety import SafetyGateError

ADMIN_PREFIX = "/admin/"


class SafetyGateMiddleware:
    """Must sit after MessageMiddleware (it adds a message to the response)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path.startswith(ADMIN_PREFIX):
            with transaction.atomic():
                return self.get_response(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SafetyGateError) or not request.path.startswith(
            ADMIN_PREFIX
        ):
            return None
        if transaction.get_connection().in_atomic_block:
            transaction.set_rollback(True)
        messages.error(request, str(exception))
        target = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = request.path
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # the workflow modals expect this answer (wagtail.admin.modal_workflow)
            return JsonResponse({"step": "success", "redirect": target})
        return redirect(target)
