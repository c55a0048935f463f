"""The sitemap in sections (home.sitemaps): an index, sections of SITEMAP_SECTION_SIZE pages,
only public live pages, each address exactly the page's own."""

import re

import pytest
from wagtail.models import Page, PageViewRestriction

from .conftest import shared_data
from .factories import make_organization, make_practice


def locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def section_urls(client):
    """The page sections (the last section of the index lists theme and tag pages, see
    tests/test_sharing.py)."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert index["Content-Type"].startswith("application/xml")
    assert "<sitemapindex" in index.content.decode()
    *pages, taxonomy = locations(index.content.decode())
    assert taxonomy == "http://localhost/sitemap-taxonomy.xml"
    return pages


def every_listed_page(client):
    listed = []
    for url in section_urls(client):
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200
        listed += locations(response.content.decode())
    return listed


@pytest.fixture
def pages(request, _site_tree_pks):
    """A public practice, a private one and a draft: built once for the consecutive tests that
    ask for them (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_pages)


def build_pages(site_tree):
    org = make_organization(site_tree, title="APROFEM")
    site_tree.practice = make_practice(org, title="Épargne des femmes")
    site_tree.private = make_practice(org, title="Cas suivis")
    PageViewRestriction.objects.create(
        page=site_tree.private, restriction_type=PageViewRestriction.LOGIN
    )
    site_tree.draft = make_practice(org, title="Brouillon")
    site_tree.draft.unpublish()
    return site_tree


def test_sections_list_each_public_live_page_once_at_its_own_address(client, pages, settings):
    settings.SITEMAP_SECTION_SIZE = 3
    expected = [
        page.full_url
        for page in Page.objects.live()
        .public()
        .descendant_of(pages.home, inclusive=True)
        .order_by("path")
    ]
    assert len(expected) > 6, "several sections"
    sections = section_urls(client)
    assert sections[0] == "http://localhost/sitemap-pages.xml"
    assert sections[1] == "http://localhost/sitemap-pages.xml?p=2"
    assert len(sections) == -(-len(expected) // 3)
    assert every_listed_page(client) == expected


def test_private_pages_and_drafts_stay_out(client, pages):
    listed = every_listed_page(client)
    assert pages.practice.full_url in listed
    assert pages.private.full_url not in listed, "a page restricted to members"
    assert pages.draft.full_url not in listed
    assert "Cas suivis" not in client.get("/sitemap-pages.xml").content.decode()


@pytest.mark.parametrize("query", ["?p=99", "?p=abc", "?p=0"])
def test_a_section_that_does_not_exist_is_a_404(client, pages, query):
    assert client.get("/sitemap-pages.xml" + query).status_code == 404
