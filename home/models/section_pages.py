from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.page_forms import PortalPageForm

from .safety import SafetyGatedPageMixin


class SectionPage(SafetyGatedPageMixin, Page):
    """A top-level section of the site (directory, indexes, agenda, follow-up, results): one
    per site, directly under the home page, opened by a short introduction."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    base_form_class = PortalPageForm
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
