from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .onboarding_admin import add_member_organisation_view, can_add_member_organisations


@hooks.register("register_admin_urls")
def register_onboarding_url():
    return [
        path("organisations/ajouter-membre/", add_member_organisation_view,
             name="add_member_organisation"),
    ]


class EditorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_add_member_organisations(request.user)


@hooks.register("register_admin_menu_item")
def register_onboarding_menu_item():
    return EditorsOnlyMenuItem(
        _("Ajouter une organisation membre"), reverse("add_member_organisation"),
        name="add-member-organisation", icon_name="group", order=850,
    )
