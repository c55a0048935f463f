"""The shared filter layer (home/filters.py) and the one pagination (home/pagination.py).

The same FilterSet filters a public listing and its admin listing (the follow-up page and the
recommendations; the practices; the tools): same parameters, same values, same items, same
lenient reading of bad values.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string
from wagtail.models import PageViewRestriction

from events.filters import RecommendationFilterSet
from events.models import Recommendation
from events.wagtail_hooks import RecommendationAdminFilterSet
from home.member_spaces import member_group_for
from home.pagination import Pagination, count_only
from practices.admin_listings import PracticeAdminFilterSet, ToolAdminFilterSet
from practices.filters import PracticeFilterSet, ToolFilterSet
from practices.models import ToolKind
from tests.factories import (
    ThemeFactory,
    make_community,
    make_organization,
    make_practice,
    make_recommendation,
    make_tool,
)

from . import test_events_pages
from .conftest import shared_data

# The agenda and follow-up records of the events' page tests.
agenda = test_events_pages.agenda
follow_up = test_events_pages.follow_up

PUBLIC = "/suivi-des-recommandations/"
ADMIN = "/admin/snippets/events/recommendation/"
TEXTS = ["Renforcer la synergie", "Signer des conventions", "Tenir les webinaires"]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "mot-de-passe")
    client.force_login(user)
    return client


def shown_texts(html):
    return {text for text in TEXTS if text in html.split('id="main"', 1)[1]}


def test_the_admin_uses_the_public_filterset():
    public = list(RecommendationFilterSet.base_filters)
    admin = list(RecommendationAdminFilterSet.base_filters)
    assert public == ["origine", "communaute", "organisation", "statut", "cadre", "retard"]
    assert set(admin) - set(public) == {"meeting", "plan"}
    assert all(
        type(RecommendationAdminFilterSet.base_filters[name]) is type(filter_)
        for name, filter_ in RecommendationFilterSet.base_filters.items()
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("statut=done", {"Signer des conventions"}),
        ("origine=plans", {"Tenir les webinaires"}),
        ("communaute=segou", {"Renforcer la synergie", "Signer des conventions"}),
        ("communaute=segou&statut=done&statut=open", set(TEXTS) - {"Tenir les webinaires"}),
        ("retard=oui&organisation=aprofem", {"Renforcer la synergie"}),
        ("statut=fini&cadre=mariage-d-enfants", {"Signer des conventions"}),
    ],
)
def test_public_page_and_admin_filter_the_same_way(client, follow_up, editor, query, expected):
    assert shown_texts(client.get(f"{PUBLIC}?{query}").content.decode()) == expected
    admin = editor.get(f"{ADMIN}?{query}")
    assert admin.status_code == 200
    assert shown_texts(admin.content.decode()) == expected


def test_one_filterset_reads_bad_values_leniently_on_both_sides(follow_up):
    data = QueryDict("statut=done&statut=zzz&statut=done&statut=&inconnu=1&origine=<b>")
    for filterset_class in (RecommendationFilterSet, RecommendationAdminFilterSet):
        filterset = filterset_class(data, queryset=Recommendation.objects.all())
        assert filterset.is_valid()  # the admin filters rather than ignoring every filter
        assert [r.text for r in filterset.qs] == ["Signer des conventions d'abandon"]
        assert filterset.query_pairs() == [("statut", "done")]
        assert filterset.messages == [  # in the order of the filters
            "«\xa0<b>\xa0» n'est pas une valeur connue du filtre «\xa0Origine\xa0»\xa0: "
            "ce critère est ignoré.",
            "«\xa0zzz\xa0» n'est pas une valeur connue du filtre «\xa0Statut\xa0»\xa0: "
            "ce critère est ignoré.",
        ]


def test_skipping_one_filter_counts_what_the_others_leave(follow_up):
    filterset = RecommendationFilterSet(
        QueryDict("statut=done&communaute=segou"), queryset=Recommendation.objects.public()
    )
    others = filterset.filtered(Recommendation.objects.public(), skip=("statut",))
    assert sorted(r.text[:22] for r in others) == [
        "Renforcer la synergie ",
        "Signer des conventions",
    ]


def test_choices_of_the_public_side_follow_what_visitors_may_see(client, follow_up, editor):
    """An organisation responsible only for a restricted meeting's recommendation is no
    choice of the public filter; the admin, which lists that recommendation, offers it."""
    hidden = make_organization(follow_up, "Organisation discrète", slug="discrete")
    make_recommendation(
        follow_up.session, text="Visible des membres", responsible_organization=hidden
    )
    PageViewRestriction.objects.create(
        page=follow_up.session, restriction_type=PageViewRestriction.LOGIN
    )
    public = client.get(PUBLIC).content.decode()
    assert 'value="discrete"' not in public
    assert "Visible des membres" not in public
    response = client.get(f"{PUBLIC}?organisation=discrete")
    assert "«\xa0discrete\xa0» n&#x27;est pas une valeur connue" in response.content.decode()
    assert 'value="discrete"' in editor.get(ADMIN).content.decode()


# Admin page listings (practices/admin_listings.py) ------------------------------------------

PRACTICES = ["Dialogue avec les chefs", "Caravane de sensibilisation", "Murs d'expression"]
TOOLS = ["Guide de la médiation", "Affiche contre le mariage précoce"]


@pytest.fixture
def library(request, _site_tree_pks):
    return shared_data(request, _site_tree_pks, build_library)


def build_library(tree):
    tree.segou = make_community(tree, title="Ségou", region="Ségou")
    tree.kayes = make_community(tree, title="Kayes", region="Kayes")
    tree.theme = ThemeFactory(name="Mariage d'enfants")
    tree.aprofem = make_organization(tree, title="APROFEM", acronym="APROFEM")
    tree.rfk = make_organization(tree, title="Réseau des femmes de Kayes", acronym="RFK")
    dialogue, caravan, walls = PRACTICES
    make_practice(tree.aprofem, title=dialogue, communities=[tree.segou], themes=[tree.theme])
    make_practice(tree.aprofem, title=caravan, communities=[tree.kayes])
    make_practice(tree.rfk, title=walls, communities=[tree.kayes], themes=[tree.theme])
    guide, poster = TOOLS
    make_tool(tree.aprofem, title=guide, communities=[tree.segou], themes=[tree.theme])
    make_tool(tree.rfk, title=poster, kind=ToolKind.AWARENESS, communities=[tree.kayes])
    return tree


def listed(response, titles):
    assert response.status_code == 200, response.status_code
    html = response.content.decode().replace("&#x27;", "'")
    return {title for title in titles if title in html}


@pytest.mark.parametrize(
    "admin_class, public_class",
    [(PracticeAdminFilterSet, PracticeFilterSet), (ToolAdminFilterSet, ToolFilterSet)],
)
def test_admin_page_listings_use_the_public_filtersets(admin_class, public_class):
    public = list(public_class.base_filters)
    assert list(admin_class.base_filters)[: len(public)] == public
    assert {"latest_revision_created_at", "owner", "edited_by"} <= set(admin_class.base_filters)
    assert all(
        type(admin_class.base_filters[name]) is type(filter_)
        for name, filter_ in public_class.base_filters.items()
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("theme={theme}", {"Dialogue avec les chefs", "Murs d'expression"}),
        ("communaute={kayes}", {"Caravane de sensibilisation", "Murs d'expression"}),
        ("communaute={kayes}&theme={theme}", {"Murs d'expression"}),
        ("organisation={aprofem}&theme=inconnue&page=99999999", set(PRACTICES[:2])),
    ],
)
def test_admin_practice_listing_filters_as_the_public_one(client, library, editor, query, expected):
    query = query.format(
        theme=library.theme.slug, kayes=library.kayes.slug, aprofem=library.aprofem.slug
    )
    admin = editor.get(f"/admin/pratiques/?{query}")
    assert listed(admin, PRACTICES) == expected
    client.logout()
    assert listed(client.get(f"{library.practices.url}?{query.split('&page')[0]}"), PRACTICES) == (
        expected
    )


def test_admin_tool_listing_filters_by_kind_and_community(library, editor):
    assert listed(editor.get("/admin/outils/?type=awareness"), TOOLS) == {TOOLS[1]}
    assert listed(editor.get(f"/admin/outils/?communaute={library.segou.slug}"), TOOLS) == {
        TOOLS[0]
    }


def test_a_member_lists_only_its_organisations_pages_whatever_the_filter(client, library):
    member = get_user_model().objects.create_user("awa", "awa@example.org", "x" * 12)
    member.groups.add(member_group_for(library.aprofem))
    client.force_login(member)
    assert listed(client.get("/admin/pratiques/"), PRACTICES) == set(PRACTICES[:2])
    query = f"organisation={library.rfk.slug}&communaute={library.kayes.slug}"
    assert listed(client.get(f"/admin/pratiques/?{query}"), PRACTICES) == set()
    assert listed(client.get("/admin/outils/"), TOOLS) == {TOOLS[0]}


def test_nobody_reaches_the_admin_listings(client, library):
    for url in ("/admin/pratiques/", "/admin/outils/?theme=mariage-d-enfants"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Pagination ---------------------------------------------------------------------------------


def render_pagination(pagination, label=""):
    return render_to_string("includes/pagination.html", {"pagination": pagination, "label": label})


def test_pagination_include_elides_pages_and_marks_the_current_one():
    pagination = Pagination(Paginator(count_only(200), 10), 10, lambda n: f"?page={n}")
    html = render_pagination(pagination, label="Pages de résultats")
    assert '<nav class="pagination" aria-label="Pages de résultats">' in html
    numbers = re.findall(r">(\d+|…)</(?:a|span)>", html)
    assert numbers == ["1", "…", "9", "10", "11", "…", "20"]
    assert '<span aria-current="page">10</span>' in html
    assert 'href="?page=9" rel="prev"' in html and 'href="?page=11" rel="next"' in html


def test_pagination_beyond_the_last_page_has_no_current_page():
    pagination = Pagination(Paginator(count_only(45), 20), 9999, lambda n: f"?page={n}")
    assert pagination.out_of_range and pagination.last_url == "?page=3"
    html = render_pagination(pagination)
    assert "aria-current" not in html and 'rel="next"' not in html and 'rel="prev"' not in html
    assert re.findall(r">(\d+)</a>", html) == ["1", "2", "3"]


def test_a_single_page_shows_no_pagination():
    pagination = Pagination(Paginator(count_only(5), 20), 1, lambda n: f"?page={n}")
    assert render_pagination(pagination).strip() == ""
