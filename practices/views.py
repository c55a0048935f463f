"""The public « Proposer » forms (only logged-in members of an organisation reach them) and the
printable booklet of practices."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from home.content_version import public
from home.member_spaces import organizations_of
from home.pagination import Pagination, count_only

from .filters import PracticeFilterSet
from .forms import PracticeProposalForm, ToolProposalForm
from .models import PracticePage
from .print_sheet import SHEET_WORDS, sheet_contact
from .proposals import ProposalNotPossible, submit_proposal


@method_decorator(never_cache, name="dispatch")
class ProposeView(View):
    form_class = None
    heading = ""
    intro = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        self.organizations = organizations_of(request.user)
        if not self.organizations.exists():
            return render(request, "practices/proposals/not_member.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None, files=None):
        initial = {}
        chosen = self.request.GET.get("organisation", "")
        if any(str(org.pk) == chosen for org in self.organizations):
            initial["organization"] = chosen
        return self.form_class(data, files, organizations=self.organizations, initial=initial)

    def render_form(self, form, status=200):
        return render(
            self.request,
            "practices/proposals/form.html",
            {
                "form": form,
                "heading": self.heading,
                "intro": self.intro,
                "organizations": self.organizations,
            },
            status=status,
        )

    def get(self, request):
        return self.render_form(self.get_form())

    def post(self, request):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                page = submit_proposal(form, request.user)
            except ProposalNotPossible:
                form.add_error(
                    None,
                    _(
                        "Votre organisation n'a pas encore d'espace de relecture complet : "
                        "rien n'a été enregistré. Prévenez la coordination du portail."
                    ),
                )
            else:
                return redirect("proposal_sent", page_id=page.pk)
        return self.render_form(form)


class ProposePracticeView(ProposeView):
    form_class = PracticeProposalForm
    heading = gettext_lazy("Proposer une pratique")
    intro = gettext_lazy(
        "Racontez ce que votre organisation a fait et ce que cela a changé. "
        "La coordination relit chaque proposition avant publication."
    )


class ProposeToolView(ProposeView):
    form_class = ToolProposalForm
    heading = gettext_lazy("Proposer un outil")
    intro = gettext_lazy(
        "Partagez un guide, un module de formation, un modèle ou un support de "
        "sensibilisation. La coordination le relit avant publication."
    )


@never_cache
def proposal_sent(request, page_id):
    """The confirmation, only for a member of the organisation the page was proposed under."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    page = None
    for organization in organizations_of(request.user):
        page = Page.objects.descendant_of(organization).filter(pk=page_id).specific().first()
        if page is not None:
            break
    if page is None:
        raise Http404
    return render(
        request,
        "practices/proposals/sent.html",
        {"proposal": page, "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])},
    )


# The booklet -------------------------------------------------------------------------------

# A booklet is printed: beyond this many sheets the reader is asked to narrow the selection.
BOOKLET_LIMIT = 40
# A booklet is one page of the site: within the HTML budget of every page (35 KB), the sheets
# are printed in parts when they do not all fit. BOOKLET_FRAME: the rest of the page (header,
# footer, title, notes, links to the parts; 7.9 KB for the demo's), checked by
# tests/test_print_sheet.py; each sheet counts with its entry in the table of contents.
BOOKLET_BUDGET = 35 * 1024
BOOKLET_FRAME = 8704
# A table of contents entry's markup, beyond its title and its organisation's name.
TOC_ENTRY = 80


def booklet_parts(sizes, room=BOOKLET_BUDGET - BOOKLET_FRAME):
    """The sheets' indexes grouped in parts of at most ``room`` bytes, in order (a sheet
    heavier than ``room`` alone makes a part)."""
    parts, current, used = [], [], 0
    for index, size in enumerate(sizes):
        if current and used + size > room:
            parts.append(current)
            current, used = [], 0
        current.append(index)
        used += size
    if current:
        parts.append(current)
    return parts


def booklet(request):
    """Every practice of the selection (the practice listing's filters: a theme, a community,
    an organisation, a tag) as printable sheets after a table of contents, in parts
    (``?page=``) that each stay within the page budget."""
    queryset = (
        public(PracticePage.objects.live())
        .select_related("organization")
        .prefetch_related("themes")
        .order_by("title", "pk")
    )
    filterset = PracticeFilterSet(request.GET, queryset=queryset, request=request)
    practices = list(filterset.qs[: BOOKLET_LIMIT + 1])
    truncated = len(practices) > BOOKLET_LIMIT
    practices = practices[:BOOKLET_LIMIT]
    selection = " · ".join(
        _("%(label)s : %(value)s")
        % {"label": bound.label, "value": ", ".join(bound.selected_labels)}
        for bound in filterset.bound_filters
        if bound.selected
    )
    sheets = []
    for practice in practices:
        context = {
            "item": practice,
            "qr": practice.sheet_qr_image(request),
            "contact": sheet_contact(practice, request),
            "heading_level": 2,
            "in_booklet": True,
            "sheet_words": SHEET_WORDS,
        }
        html = render_to_string("practices/includes/sheet.html", context, request)
        organization = practice.organization.display_name if practice.organization else ""
        weight = len(html.encode()) + len(escape(f"{practice.title}{organization}").encode())
        sheets.append({"item": practice, "html": html, "weight": weight + TOC_ENTRY})
    parts = booklet_parts([sheet["weight"] for sheet in sheets]) or [[]]
    pairs = filterset.query_pairs()

    def part_url(number):
        query = urlencode([*pairs, *([("page", number)] if number > 1 else [])])
        return reverse("practice_booklet") + (f"?{query}" if query else "")

    pagination = Pagination.from_request(request, Paginator(count_only(len(parts)), 1), part_url)
    number = pagination.page().number
    part = [sheets[index] for index in parts[number - 1]]
    first = parts[number - 1][0] + 1 if part else 0
    return render(
        request,
        "practices/booklet.html",
        {
            "sheets": part,
            "heading": selection or _("Toutes les pratiques"),
            "total": filterset.qs.count() if truncated else len(practices),
            "filter_messages": filterset.messages + pagination.messages,
            "truncated": truncated,
            "limit": BOOKLET_LIMIT,
            "pagination": pagination,
            "part": {"number": number, "count": len(parts), "first": first},
            "part_last": first + len(part) - 1,
            "meta_title": _("Livret des pratiques"),
        },
    )
