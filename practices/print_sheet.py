"""« Imprimer la fiche »: a practice or a tool as one or two A4 pages.

The sheet is an HTML page of its own (``<page>/fiche/``, a route of the page, so Wagtail's
view restrictions and the safety gate apply to it as to the page) printed by the browser
with ``css/sheet.css`` (« Imprimer », or « Enregistrer en PDF »). It keeps what a reader
needs on paper: who, where, when, the approach, the results with their figures, the lessons,
a contact, and the page's address as a QR code. Long texts are cut at a number of words so
that the sheet stays within two pages; the QR code leads to the whole text.

Why not a PDF made on the server: the libraries that do it well (WeasyPrint) need system
libraries (Pango) that ``make install`` cannot install on a fresh machine, and every phone
and computer browser already prints HTML to PDF.
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import PortalSettings
from home.qr import qr_figure, qr_image_figure, qr_svg_file

# Words kept of each long text: with the facts and the figures, two A4 pages at most.
SHEET_WORDS = 170
QR_TITLE = _("Adresse de cette fiche sur le portail")


class PrintSheetMixin(RoutablePageMixin):
    """Adds the ``fiche/`` route. A page class says what its sheet shows:
    ``sheet_kind`` ("practice" or "tool") and ``sheet_body_template``."""

    sheet_kind = None
    sheet_body_template = None

    @path("fiche/", name="print_sheet")
    def print_sheet(self, request):
        context = self.get_context(request)
        address = self.get_full_url(request)
        context.update(
            {
                "sheet_words": SHEET_WORDS,
                "sheet_address": address,
                "sheet_qr": qr_figure(address, QR_TITLE),
                "contact": sheet_contact(self, request),
            }
        )
        return TemplateResponse(request, "practices/print_sheet.html", context)

    @path("fiche/qr/", name="print_sheet_qr")
    def print_sheet_qr(self, request):
        """The sheet's QR code as an SVG file (the booklet shows it as an image): a route of
        the page, so it is served only where the page itself is."""
        response = HttpResponse(
            qr_svg_file(self.get_full_url(request), QR_TITLE), content_type="image/svg+xml"
        )
        patch_cache_control(response, private=True, max_age=86400)
        return response

    def sheet_qr_image(self, request):
        """The QR code figure of the booklet: an image of the route above, the address under it."""
        src = self.get_url(request) + self.reverse_subpage("print_sheet_qr")
        return qr_image_figure(src, self.get_full_url(request), QR_TITLE)


def sheet_contact(page, request):
    """Whom a reader of the sheet can write to: the organisation's public contact, else the
    portal's (never a person's private details: only the public fields are read)."""
    organization = getattr(page, "organization", None)
    if organization and (organization.contact_email or organization.contact_phone):
        return {
            "name": organization.display_name,
            "email": organization.contact_email,
            "phone": organization.contact_phone,
            "website": organization.website,
        }
    portal = PortalSettings.for_request(request)
    return {
        "name": organization.display_name if organization else _("Portail des CdP"),
        "email": portal.contact_email,
        "phone": portal.contact_phone,
        "website": organization.website if organization else "",
    }
