from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import digest_detail, digest_list, may_see_digests


@hooks.register("register_admin_urls")
def register_digest_urls():
    return [
        path("lettres-de-nouveautes/", digest_list, name="alerts_digest_list"),
        path("lettres-de-nouveautes/<int:pk>/", digest_detail, name="alerts_digest_detail"),
    ]


class DigestsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_digests(request.user)


@hooks.register("register_reports_menu_item")
def register_digests_menu_item():
    return DigestsMenuItem(
        _("Lettres de nouveautés"),
        reverse("alerts_digest_list"),
        name="alerts-digests",
        icon_name="mail",
        order=900,
    )
