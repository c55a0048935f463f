"""Admin panels shared by the page and snippet models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel


class PortalInlinePanel(InlinePanel):
    """An InlinePanel whose add button says « Ajouter un document joint »: Wagtail's French
    « Ajouter un(e) %(label)s » cannot know the gender of the label, the model can.

    ``heading`` names the section (plural), ``label`` each item (« Document joint 1 »)."""

    def __init__(self, relation_name, *args, add_label="", **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["add_label"] = self.add_label
        return kwargs

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "home/admin/inline_panel.html"


def attachments_panel():
    """The « Documents joints » of a page (practices, meetings): one declaration."""
    return PortalInlinePanel(
        "attachments",
        heading=_("Documents joints"),
        label=_("document joint"),
        add_label=_("Ajouter un document joint"),
    )
