from types import SimpleNamespace

import pytest
from wagtail.models import Page, Site

from home.models import CommunityIndexPage, HomePage, OrganizationIndexPage, StandardPage
from practices.models import ConcertationFrameIndexPage, PracticeIndexPage, ToolIndexPage

from .factories import add_page


@pytest.fixture
def site_tree(db):
    """The portal's skeleton: home page as the default site's root and its index pages."""
    root = Page.objects.get(depth=1)
    for page in root.get_children():
        page.delete()
    home = HomePage(title="Accueil", slug="accueil")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                        site_name="Portail des CdP")
    tree = SimpleNamespace(home=home)
    tree.communities = add_page(home, CommunityIndexPage(title="Communautés", slug="communautes", show_in_menus=True))
    tree.organizations = add_page(home, OrganizationIndexPage(title="Organisations", slug="organisations", show_in_menus=True))
    tree.practices = add_page(home, PracticeIndexPage(title="Pratiques", slug="pratiques", show_in_menus=True))
    tree.tools = add_page(home, ToolIndexPage(title="Outils et modèles", slug="outils", show_in_menus=True))
    tree.frames = add_page(home, ConcertationFrameIndexPage(title="Cadres de concertation", slug="cadres-de-concertation", show_in_menus=True))
    tree.quick_exit_help = add_page(home, StandardPage(title="Sortie rapide", slug="sortie-rapide"))
    return tree
