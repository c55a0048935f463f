"""« Lettres de nouveautés » in the admin, for editors and moderators: each digest prepared by
``send_digests``, with its text to paste into a WhatsApp group (a read-only field that works
without JavaScript; share.js adds a copy button). Only pages public at the time of reading."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation

from home.admin_visibility import sees_every_page
from home.listing import PARAM_COMMUNITY

from .digests import pages_for_choices, period_text, whatsapp_text
from .forms import public_communities
from .mail import site_url
from .models import Digest

PER_PAGE = 20


def may_see_digests(user):
    """Editors, moderators and superusers (whoever sees every page in the admin)."""
    return sees_every_page(user)


def digest_list(request):
    if not may_see_digests(request.user):
        raise PermissionDenied
    digests = Digest.objects.annotate(page_count=Count("pages")).order_by("-period_end", "pk")
    page = Paginator(digests, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "alerts/admin/digest_list.html", {"page_obj": page})


def _chosen_community(request):
    value = request.GET.get(PARAM_COMMUNITY, "")
    if not value.isdigit() or len(value) > 10:
        return None
    return public_communities().filter(pk=int(value)).first()


def digest_detail(request, pk):
    if not may_see_digests(request.user):
        raise PermissionDenied
    digest = get_object_or_404(Digest, pk=pk)
    community = _chosen_community(request)
    lookups = [{"communities": community}] if community else [{}]
    pages = pages_for_choices(digest, lookups)
    with translation.override("fr"):
        links = [(page.title, page.get_full_url()) for page in pages]
        more_url = community.get_full_url() if community else site_url("/")
        text = whatsapp_text(digest, links, more_url)
        period = period_text(digest)
    context = {
        "digest": digest,
        "period": period,
        "pages": list(zip(pages, (url for _title, url in links), strict=True)),
        "community": community,
        "communities": public_communities(),
        "whatsapp_text": text,
        "param_community": PARAM_COMMUNITY,
    }
    return TemplateResponse(request, "alerts/admin/digest_detail.html", context)
