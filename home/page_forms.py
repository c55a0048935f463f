"""The admin form of the portal's page types.

- Files: a member may only attach the documents and images they may choose in the admin (their
  organisation's collection and the shared « Commun » one). Wagtail's choosers only offer those,
  but the form accepts any id posted; this form refuses the others, in the page's own fields,
  its inline rows (attachments, gallery), its rich text (document links) and its StreamFields
  (document and image blocks). Files the page already used before this edit stay accepted, so
  that a member can still edit a page an editor illustrated from another collection.
- Organisation: a practice or tool living under an organisation page belongs to it (see
  OrganizationOwnedMixin); the « organisation » field is then left out of the form, so a value
  posted anyway is ignored.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.permissions import permission_policy as image_policy

from .file_access import DOCUMENT, IMAGE, files_in_value, files_of
from .tree_paths import ancestor_paths

POLICIES = {DOCUMENT: document_policy, IMAGE: image_policy}
REFUSALS = {
    DOCUMENT: _(
        "Ce document n'appartient pas à votre organisation ni à la collection commune : "
        "choisissez-en un dans la bibliothèque proposée."
    ),
    IMAGE: _(
        "Cette image n'appartient pas à votre organisation ni à la collection commune : "
        "choisissez-en une dans la bibliothèque proposée."
    ),
}


class PortalPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.files_before = files_of(self.instance) if self.instance.pk else set()
        if "organization" in self.fields and self._lives_under_an_organisation():
            del self.fields["organization"]

    def _lives_under_an_organisation(self):
        page = self.instance
        if page.pk and page.path:
            return page.organization_from_tree() is not None
        parent = self.parent_page
        if parent is None:
            return False
        paths = ancestor_paths(parent.path, include_self=True)
        # The organisation model, through the field (home.models imports this module).
        organizations = page._meta.get_field("organization").related_model
        return organizations.objects.filter(path__in=paths).exists()

    def is_valid(self):
        valid = super().is_valid()
        if self.for_user is None:
            return valid
        files_allowed = self._refuse_files_not_choosable(self)
        return valid and files_allowed

    def _refuse_files_not_choosable(self, form):
        allowed = True
        model = form._meta.model
        for name in list(getattr(form, "cleaned_data", {})):
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            for kind, pk in sorted(files_in_value(model_field, form.cleaned_data[name])):
                if (kind, pk) in self.files_before or self._may_choose(kind, pk):
                    continue
                form.add_error(name, REFUSALS[kind])
                allowed = False
                break
        for formset in getattr(form, "formsets", {}).values():
            for child in formset.forms:
                if not hasattr(child, "cleaned_data"):  # the formset stopped before this row
                    child.full_clean()
                if not child.cleaned_data.get("DELETE"):
                    allowed = self._refuse_files_not_choosable(child) and allowed
        return allowed

    def _may_choose(self, kind, pk):
        if not pk.isdigit():
            return False
        choosable = POLICIES[kind].instances_user_has_permission_for(self.for_user, "choose")
        return choosable.filter(pk=int(pk)).exists()
