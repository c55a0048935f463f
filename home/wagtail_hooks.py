from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .file_access import may_download_document
from .onboarding_admin import add_member_organisation_view, can_add_member_organisations
from .views import page_not_found


@hooks.register("before_serve_document")
def serve_documents_like_the_pages_using_them(document, request):
    """A document is downloadable only by whoever may see a page using it; anyone else gets the
    ordinary « page not found », so that an id reveals nothing."""
    if not may_download_document(request, document):
        return page_not_found(request)
    return None


# « Ajouter une organisation membre », for editors (home.onboarding).


@hooks.register("register_admin_urls")
def register_onboarding_url():
    return [
        path(
            "organisations/ajouter-membre/",
            add_member_organisation_view,
            name="add_member_organisation",
        ),
    ]


class EditorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_add_member_organisations(request.user)


@hooks.register("register_admin_menu_item")
def register_onboarding_menu_item():
    return EditorsOnlyMenuItem(
        _("Ajouter une organisation membre"),
        reverse("add_member_organisation"),
        name="add-member-organisation",
        icon_name="group",
        order=850,
    )
