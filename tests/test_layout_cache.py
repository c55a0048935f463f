"""The shared layout kept as fragments ({% content_fragment %}: the main menu, the footer,
a page's meta and Open Graph tags, its breadcrumbs): a change shows at once, the place in
the menu is marked on every page, a member still gets the member links, an outage renders."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from home.member_spaces import member_group_for
from home.models import PortalSettings
from practices.models import PracticeIndexPage, PracticePage

from .factories import make_community, make_organization, make_practice, publish, publish_revision


@pytest.fixture
def practice(site_tree):
    segou = make_community(site_tree, "Ségou", slug="segou")
    org = make_organization(site_tree, "APROFEM", slug="aprofem", communities=[segou])
    found = make_practice(org, title="Médiation des conflits fonciers", communities=[segou])
    found.organization_page = org
    return found


def menu_of(html):
    return html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]


def footer_of(html):
    return html.split('class="site-footer"', 1)[1]


def test_the_menu_marks_the_place_of_each_page_although_it_is_kept(client, site_tree, practice):
    home_menu = menu_of(client.get("/").content.decode())
    assert "aria-current" not in home_menu
    listing_menu = menu_of(client.get(site_tree.practices.url).content.decode())
    assert f'href="{site_tree.practices.url}" aria-current="page">' in listing_menu
    assert listing_menu.count("aria-current") == 1
    org_menu = menu_of(client.get(practice.organization_page.url).content.decode())
    assert f'href="{site_tree.organizations.url}" aria-current="true">' in org_menu
    assert f'href="{site_tree.practices.url}" aria-current' not in org_menu
    with_english = menu_of(client.get("/en" + site_tree.practices.url).content.decode())
    assert 'href="/en/pratiques/" aria-current="page">' in with_english, "per language"


def test_a_menu_title_change_and_an_unpublication_show_at_once(client, site_tree, practice):
    assert ">Pratiques</a>" in menu_of(client.get(practice.url).content.decode())
    listing = PracticeIndexPage.objects.get(pk=site_tree.practices.pk)
    listing.title = "Bonnes pratiques"
    publish(listing)
    menu = menu_of(client.get("/").content.decode())
    assert ">Bonnes pratiques</a>" in menu
    assert ">Pratiques</a>" not in menu
    site_tree.tools.unpublish()
    assert site_tree.tools.url not in menu_of(client.get("/").content.decode())


def test_a_short_menu_title_shows_in_the_menu_and_the_page_keeps_its_title(
    client, site_tree, admin_client
):
    tools = site_tree.tools.specific
    assert ">Outils et modèles</a>" in menu_of(client.get("/").content.decode())
    tools.menu_title = "Outils"
    publish(tools)
    html = client.get(tools.url).content.decode()
    assert ">Outils</a>" in menu_of(html) and ">Outils et modèles</a>" not in menu_of(html)
    assert "<h1>Outils et modèles</h1>" in html.replace(' lang="fr"', "")
    tools.menu_title = ""
    publish(tools)
    assert ">Outils et modèles</a>" in menu_of(client.get("/").content.decode()), "fallback"
    # Edited in the promote tab, below « Afficher dans les menus ».
    form = admin_client.get(f"/admin/pages/{tools.pk}/edit/").content.decode()
    promote = form.split('id="tab-promotion"', 1)[1]
    assert 'name="show_in_menus"' in promote and 'name="menu_title"' in promote
    assert promote.index('name="show_in_menus"') < promote.index('name="menu_title"')


def test_a_settings_change_shows_in_the_footer_at_once(client, site_tree):
    assert "Ligne verte 80 333" not in footer_of(client.get("/").content.decode())
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.help_line = "Ligne verte 80 333"
    settings.save()
    assert "Ligne verte 80 333" in footer_of(client.get("/").content.decode())


def test_meta_tags_and_breadcrumbs_follow_a_publication_at_once(client, site_tree, practice):
    html = client.get(practice.url).content.decode()
    assert '<meta property="og:title" content="Médiation des conflits fonciers">' in html
    page = PracticePage.objects.get(pk=practice.pk)
    page.title = "Médiation foncière"
    page.search_description = "Une description toute neuve"
    draft = page.save_revision()
    html = client.get(practice.url).content.decode()
    assert "Médiation foncière" not in html, "a draft stays out of the kept tags"
    assert "Une description toute neuve" not in html
    publish_revision(draft)
    html = client.get(practice.url).content.decode()
    assert '<meta property="og:title" content="Médiation foncière">' in html
    assert '<meta name="description" content="Une description toute neuve">' in html
    assert '<li aria-current="page">Médiation foncière</li>' in html
    organisation = practice.organization_page
    organisation.title = "APROFEM Ségou"
    publish(organisation)
    crumbs = client.get(practice.url).content.decode().split('class="breadcrumbs"')[1]
    assert ">APROFEM Ségou</a>" in crumbs.split("</nav>")[0], "an ancestor's new title at once"


def test_a_member_keeps_the_member_links_with_the_kept_menu(client, site_tree, practice):
    anonymous = client.get("/").content.decode()
    assert 'class="member-nav"' not in anonymous
    user = get_user_model().objects.create_user("membre", "membre@example.org", "x-Passw0rd!")
    user.groups.add(member_group_for(practice.organization_page))
    client.force_login(user)
    html = client.get("/").content.decode()
    assert 'class="member-nav"' in html, "the member links are never taken from the cache"
    assert menu_of(html) == menu_of(anonymous), "the menu itself is the same for everyone"
    client.logout()
    assert 'class="member-nav"' not in client.get("/").content.decode()


def test_the_layout_renders_when_the_cache_is_down(client, site_tree, practice, monkeypatch):
    class Broken:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = get

    monkeypatch.setattr("home.templatetags.fragment_tags.cache", Broken())
    html = client.get(practice.url).content.decode()
    assert ">Pratiques</a>" in menu_of(html)
    assert "Données ouvertes" in footer_of(html)
    assert '<meta property="og:title" content="Médiation des conflits fonciers">' in html
    assert ">APROFEM</a>" in html.split('class="breadcrumbs"')[1].split("</nav>")[0]


def test_a_new_quick_exit_address_shows_at_once(client, site_tree):
    assert 'href="https://www.example.org/meteo"' not in client.get("/").content.decode()
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://www.example.org/meteo"
    settings.save()
    html = client.get(site_tree.practices.url).content.decode()
    assert 'class="quick-exit__button" href="https://www.example.org/meteo"' in html


def test_the_kept_head_links_follow_a_new_deployment_of_the_static_files(client, site_tree):
    seen = []

    class Storage:
        manifest_hash = "v1"

        def url(self, name):
            seen.append(name)
            return f"/static/{self.manifest_hash}/{name}"

    storage = Storage()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("home.templatetags.portal_tags.staticfiles_storage", storage)
        patch.setattr("django.contrib.staticfiles.storage.staticfiles_storage", storage)
        assert 'href="/static/v1/css/portal.css"' in client.get("/").content.decode()
        storage.manifest_hash = "v2"
        html = client.get(site_tree.practices.url).content.decode()
    assert 'href="/static/v2/css/portal.css"' in html, "a new collectstatic, new addresses"


def test_the_kept_filter_form_shows_each_visitors_choice_and_a_new_community_at_once(
    client, site_tree, practice
):
    url = site_tree.practices.url
    plain = client.get(url).content.decode()
    assert '<option value="segou">' in plain
    chosen = client.get(url + "?communaute=segou").content.decode()
    assert '<option value="segou" selected>' in chosen, "the visitor's choice, not the kept one"
    assert "Effacer les filtres" in chosen
    assert "Effacer les filtres" not in client.get(url).content.decode()
    assert '<option value="segou">' in client.get(url + "?communaute=inconnue").content.decode()
    kayes = make_community(site_tree, "Kayes", slug="kayes")
    make_practice(practice.organization_page, title="Caravane juridique", communities=[kayes])
    assert '<option value="kayes">' in client.get(url).content.decode(), "a publication at once"
