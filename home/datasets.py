"""The organisations' open-data dataset (see home.opendata): the directory's public fields."""

from django.utils.translation import gettext_lazy as _

from .content_version import public
from .models import OrganizationPage
from .opendata import Column, Dataset, related, with_card_lists


def page_columns():
    return [
        Column("id", _("Identifiant")),
        Column("title", _("Titre")),
        Column("url", _("Adresse")),
    ]


def dated_columns():
    return [
        Column("first_published", _("Publiée le")),
        Column("last_published", _("Mise à jour le")),
    ]


def page_row(page, root):
    """``root``: a ``home.opendata.SiteRoot`` (the address from ``url_path``, no lookup)."""
    return {
        "id": page.pk,
        "title": page.title,
        "url": root.page_url(page),
        "first_published": page.first_published_at,
        "last_published": page.last_published_at,
    }


def live_titles(pages):
    """Titles of the live ones among ``pages`` (prefetched)."""
    return [page.title for page in pages if page.live]


def organization_row(org, root):
    return {
        **page_row(org, root),
        "acronym": org.acronym,
        "kind": str(org.get_kind_display()),
        "role": org.role,
        "communities": live_titles(related(org, "communities")),
        "commune": org.commune,
        "address": org.address,
        "email": org.contact_email,
        "phone": org.contact_phone,
        "website": org.website,
    }


ORGANIZATIONS = Dataset(
    slug="organisations",
    title=_("Organisations"),
    description=_(
        "L'annuaire des organisations membres et partenaires : sigle, type, rôle, "
        "communautés et coordonnées institutionnelles publiques."
    ),
    columns=[
        *page_columns(),
        Column("acronym", _("Sigle")),
        Column("kind", _("Type d'organisation")),
        Column("role", _("Rôle dans la CdP")),
        Column("communities", _("Communautés")),
        Column("commune", _("Commune")),
        Column("address", _("Adresse")),
        Column("email", _("Courriel public")),
        Column("phone", _("Téléphone public")),
        Column("website", _("Site web")),
        *dated_columns(),
    ],
    queryset=lambda: public(OrganizationPage.objects.live()).order_by("title", "pk"),
    row=organization_row,
    position=30,
    filterset="home.filters.OrganizationFilterSet",
    prepare=with_card_lists,
)
