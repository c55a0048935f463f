"""Listings, the communities' pages, the follow-up, results and actors' map pages keep their
rendered parts per content version ({% content_fragment %}): a listing's cards and pagination
per *valid* filters and page (``Listing.results_key``), never per raw query string. A
publication shows at once; a draft, an unpublished or a restricted page never appears in a
kept part; made-up filter values or page numbers add nothing to the cache; the messages
about them stay per request."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction

from home import content_version
from home.templatetags import fragment_tags
from practices.models import ToolPage

from .factories import make_community, make_organization, make_tool, publish_revision


@pytest.fixture
def org(site_tree):
    segou = make_community(site_tree, "Ségou", slug="segou")
    return make_organization(site_tree, "APROFEM", slug="aprofem", communities=[segou])


@pytest.fixture
def cache_writes(monkeypatch):
    """The keys written to the cache by kept fragments and kept values."""
    written = []

    class Recording:
        def __getattr__(self, name):
            return getattr(cache, name)

        def set(self, key, value, *args, **kwargs):
            written.append(key)
            return cache.set(key, value, *args, **kwargs)

    monkeypatch.setattr(fragment_tags, "cache", Recording())
    monkeypatch.setattr(content_version, "cache", Recording())
    return written


def test_a_tool_appears_in_the_kept_listing_at_once_and_a_draft_never(client, site_tree, org):
    make_tool(org, title="Guide de la médiation")
    url = site_tree.tools.url
    assert "Guide de la médiation" in client.get(url).content.decode()
    assert "Guide de la médiation" in client.get(url).content.decode(), "served kept"
    make_tool(org, title="Boîte à images")
    assert "Boîte à images" in client.get(url).content.decode(), "a publication shows at once"
    page = ToolPage.objects.get(title="Boîte à images")
    page.title = "Titre du brouillon"
    page.save_revision()
    html = client.get(url).content.decode()
    assert "Boîte à images" in html and "Titre du brouillon" not in html
    publish_revision(ToolPage.objects.get(pk=page.pk).save_revision())
    html = client.get(url).content.decode()
    assert "Boîte à images" in html and "Titre du brouillon" not in html  # revision = live
    page = ToolPage.objects.get(pk=page.pk)
    page.title = "Nouveau titre publié"
    publish_revision(page.save_revision())
    assert "Nouveau titre publié" in client.get(url).content.decode()


def test_an_unpublished_or_restricted_tool_leaves_the_kept_listing_at_once(client, site_tree, org):
    make_tool(org, title="Fiche à retirer")
    make_tool(org, title="Fiche réservée")
    url = site_tree.tools.url
    html = client.get(url).content.decode()
    assert "Fiche à retirer" in html and "Fiche réservée" in html
    Page.objects.get(title="Fiche à retirer").unpublish()
    html = client.get(url).content.decode()
    assert "Fiche à retirer" not in html and "Fiche réservée" in html
    PageViewRestriction.objects.create(
        page=Page.objects.get(title="Fiche réservée"), restriction_type="login"
    )
    assert "Fiche réservée" not in client.get(url).content.decode()
    assert "Fiche réservée" not in client.get(f"{url}?page=2").content.decode()


def test_made_up_filters_and_page_numbers_add_nothing_to_the_cache(
    client, site_tree, org, cache_writes
):
    make_tool(org, title="Guide de la médiation")
    url = site_tree.tools.url
    client.get(url)
    assert any(":listing-results:" in key for key in cache_writes), "the results are kept"
    client.get(url)
    cache_writes.clear()
    for query in ("?theme=inconnu", "?page=abc", "?page=999", "?mot-cle=zz&x=1", "?type=inconnu"):
        response = client.get(url + query)
        assert response.status_code == 200
        assert "Guide de la médiation" in response.content.decode()
    assert cache_writes == [], "unknown values are dropped before any key is made"


def test_the_message_about_an_unknown_value_stays_per_request(client, site_tree, org):
    make_tool(org, title="Guide de la médiation")
    url = site_tree.tools.url
    client.get(url)
    html = client.get(f"{url}?theme=inconnu-du-portail").content.decode()
    assert "inconnu-du-portail" in html and "Guide de la médiation" in html
    assert "inconnu-du-portail" not in client.get(url).content.decode()


def test_a_restricted_practice_or_member_never_shows_on_the_kept_community_page(client, site_tree):
    segou = make_community(site_tree, "Ségou", slug="segou")
    make_organization(site_tree, "APROFEM", slug="aprofem", communities=[segou])
    hidden = make_organization(site_tree, "Réseau discret", slug="discret", communities=[segou])
    make_tool(hidden, title="Fiche discrète", communities=[segou])
    html = client.get(segou.url).content.decode()
    assert "Réseau discret" in html and "Fiche discrète" in html
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    html = client.get(segou.url).content.decode()
    assert "APROFEM" in html
    assert "Réseau discret" not in html and "Fiche discrète" not in html
    assert "Ségou" in client.get(site_tree.communities.url).content.decode()
    PageViewRestriction.objects.create(page=segou, restriction_type="login")
    assert (
        "Ségou"
        not in client.get(site_tree.communities.url)
        .content.decode()
        .split('id="main"', 1)[1]
        .split("</main>", 1)[0]
    )


def test_made_up_filters_on_the_actor_map_add_nothing_to_the_cache(
    client, site_tree, org, cache_writes
):
    from home.models import ActorMapPage

    from .factories import add_page

    page = add_page(site_tree.home, ActorMapPage(title="Carte des acteurs", slug="carte"))
    client.get(page.url)
    assert any(":actor-map-body:" in key for key in cache_writes), "the map is kept"
    client.get(page.url)
    cache_writes.clear()
    for query in ("?communaute=inconnue", "?type=zz&theme=yy", "?page=-1"):
        assert client.get(page.url + query).status_code == 200
    assert cache_writes == []


def test_a_restricted_or_unpublished_meetings_recommendations_leave_the_kept_follow_up(
    client, site_tree
):
    from events.models import FollowUpPage

    from .factories import add_page, make_event_index, make_meeting, make_recommendation

    follow_up = add_page(site_tree.home, FollowUpPage(title="Suivi", slug="suivi"))
    index = make_event_index(site_tree)
    open_meeting = make_meeting(index, title="Comité ouvert")
    closed = make_meeting(index, title="Comité restreint")
    withdrawn = make_meeting(index, title="Comité retiré")
    make_recommendation(open_meeting, text="Recommandation publique")
    make_recommendation(closed, text="Recommandation réservée")
    make_recommendation(withdrawn, text="Recommandation retirée")
    html = client.get(follow_up.url).content.decode()
    assert "Recommandation réservée" in html and "Recommandation retirée" in html
    client.get(follow_up.url)
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    Page.objects.get(pk=withdrawn.pk).unpublish()
    for query in ("", "?page=1", "?statut=inconnu"):
        html = client.get(follow_up.url + query).content.decode()
        assert "Recommandation publique" in html
        assert "Recommandation réservée" not in html and "Comité restreint" not in html
        assert "Recommandation retirée" not in html and "Comité retiré" not in html
