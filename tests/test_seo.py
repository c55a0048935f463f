"""What search engines and link previews read: title, description, Open Graph, canonical,
breadcrumbs, sitemap.xml, robots.txt, the French 404 page."""

import pytest

from home.models import StandardPage

from .conftest import shared_data
from .factories import add_page, every_page_type, make_organization, make_practice, publish
from .html_checks import elements


def meta(html):
    found = {}
    for _, attrs in elements(html, "meta"):
        key = attrs.get("name") or attrs.get("property")
        if key:
            found[key] = attrs.get("content")
    return found


def test_detail_page_has_description_open_graph_and_canonical(client, site_tree):
    org = make_organization(site_tree, title="Association APROFEM")
    practice = make_practice(
        org, title="Épargne des femmes", summary="Des <b>groupes</b> d'épargne à Ségou."
    )
    html = client.get(practice.url).content.decode()
    tags = meta(html)
    assert tags["description"] == "Des groupes d'épargne à Ségou."
    assert tags["og:description"] == tags["description"]
    assert tags["og:title"] == "Épargne des femmes"
    assert tags["og:locale"] == "fr_FR"
    assert tags["og:url"] == f"http://localhost{practice.url}"
    canonical = [
        attrs["href"] for _, attrs in elements(html, "link") if attrs.get("rel") == "canonical"
    ]
    assert canonical == [f"http://localhost{practice.url}"]
    assert "<title>Épargne des femmes · Portail des CdP</title>" in html
    assert '<html lang="fr">' in html


def test_promote_tab_overrides_title_and_description(client, site_tree):
    page = add_page(
        site_tree.home,
        StandardPage(
            title="À propos",
            slug="a-propos",
            seo_title="Qui sommes-nous ?",
            search_description="La CdP en bref.",
        ),
    )
    tags = meta(client.get(page.url).content.decode())
    assert tags["og:title"] == "Qui sommes-nous ?"
    assert tags["description"] == "La CdP en bref."


def test_canonical_drops_the_query_string(client, site_tree):
    html = client.get(site_tree.practices.url + "?page=2&theme=x").content.decode()
    canonical = [
        attrs["href"] for _, attrs in elements(html, "link") if attrs.get("rel") == "canonical"
    ]
    assert canonical == [f"http://localhost{site_tree.practices.url}"]


def test_breadcrumbs_show_the_path_from_home(client, site_tree):
    org = make_organization(site_tree, title="APROFEM")
    practice = make_practice(org, title="Murs d'expression")
    html = client.get(practice.url).content.decode()
    trail = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))
    ]
    assert 'aria-label="Fil d’Ariane"' in html
    assert trail.index(">Accueil<") < trail.index(">Organisations<") < trail.index(">APROFEM<")
    assert '<li aria-current="page">Murs d&#x27;expression</li>' in trail
    assert "breadcrumbs" not in client.get("/").content.decode().split("<main")[0]


def test_current_section_is_marked_in_the_menu(client, site_tree):
    org = make_organization(site_tree, title="APROFEM")
    html = client.get(org.url).content.decode()
    nav = html[
        html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))
    ]
    assert f'href="{site_tree.organizations.url}" aria-current="true"' in nav
    html = client.get(site_tree.organizations.url).content.decode()
    assert f'href="{site_tree.organizations.url}" aria-current="page"' in html
    assert (
        "aria-current"
        not in client.get("/").content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    )


def test_sitemap_lists_live_pages_with_full_urls(client, site_tree):
    org = make_organization(site_tree, title="APROFEM")
    practice = make_practice(org, title="Épargne des femmes")
    draft = make_practice(org, title="Brouillon")
    draft.unpublish()
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/sitemap-pages.xml</loc>" in index, "an index of sections"
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert f"<loc>http://localhost{practice.url}</loc>" in xml
    assert f"<loc>http://localhost{site_tree.practices.url}</loc>" in xml
    assert "brouillon" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://localhost/sitemap.xml" in body, "at the public address"


def test_not_found_is_french_not_indexed_and_offers_search(client, site_tree):
    response = client.get("/pas-de-page-ici/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html and '<html lang="fr">' in html
    assert meta(html)["robots"] == "noindex"
    assert 'action="/recherche/"' in html
    assert "Quitter ce site" in html


@pytest.fixture
def page_paths(request, _site_tree_pks):
    """``every_page_type``'s paths: built once for the consecutive tests that ask for them
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, every_page_type)


@pytest.mark.parametrize(
    "name", ["home", "community", "organization", "practice", "tool", "frame", "standard"]
)
def test_every_page_type_has_one_h1_and_a_description(client, page_paths, name):
    url = page_paths[name]
    html = client.get(url).content.decode()
    assert html.count("<h1") == 1, name
    assert "og:title" in meta(html), name


def test_description_from_rich_text_is_plain_and_short(client, site_tree):
    site_tree.home.introduction = (
        "<p>Les CdP de <b>Ségou</b> &amp; Kayes</p>\n<p>" + "défendent les droits. " * 20 + "</p>"
    )
    publish(site_tree.home)
    description = meta(client.get("/").content.decode())["description"]
    assert description.startswith("Les CdP de Ségou & Kayes défendent")
    assert len(description) <= 200 and description.endswith("…")
