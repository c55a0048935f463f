"""« Carte des acteurs »: the server-drawn SVG map of Mali, its points (one per commune where
public organisations and practices are recorded), its table, its filters, and the commune
filter of the organisation and practice listings its points link to."""

import html
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from home.member_spaces import member_group_for
from home.models import ActorMapPage, OrganizationKind, Place
from home.workflows import EDITORS_GROUP, MODERATORS_GROUP
from practices.models import PracticePage

from .conftest import shared_data
from .factories import ThemeFactory, add_page, make_community, make_organization, make_practice
from .test_listings import card_titles

SVG = re.compile(r"<svg[^>]*actor-map__svg.*?</svg>", re.S)
SVG_NS = "{http://www.w3.org/2000/svg}"
PLACES = {
    # slug: (name, other spellings, region, latitude, longitude)
    "segou": ("Ségou", "", "ML-4", "13.4317", "-6.2157"),
    "kayes": ("Kayes", "", "ML-1", "14.4469", "-11.4445"),
    "markala": ("Markala", "", "ML-4", "13.7021", "-6.0659"),
    "mopti": ("Mopti", "", "ML-5", "14.4843", "-4.1830"),
    "sevare": ("Sévaré", "", "ML-5", "14.5167", "-4.1000"),
    "bamako": ("Bamako", "", "ML-BKO", "12.6392", "-8.0029"),
}


def ensure_places():
    for slug, (name, other, region, lat, lon) in PLACES.items():
        Place.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "other_names": other,
                "region": region,
                "latitude": lat,
                "longitude": lon,
            },
        )


@pytest.fixture
def atlas(request, _site_tree_pks):
    """Two communities, three organisations with a commune, three practices with places: built
    once for consecutive tests (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_atlas)


def build_atlas(site_tree):
    ensure_places()
    a = SimpleNamespace(tree=site_tree)
    a.page = add_page(
        site_tree.home,
        ActorMapPage(title="Carte des acteurs", slug="carte-des-acteurs", show_in_menus=True),
    )
    a.segou = make_community(site_tree, title="Ségou", region="Ségou")
    a.kayes = make_community(site_tree, title="Kayes", region="Kayes")
    a.theme = ThemeFactory(name="Mariage d'enfants", slug="mariage-d-enfants")
    a.ngo = make_organization(
        site_tree, title="APROFEM", acronym="APROFEM", communities=[a.segou], commune="Ségou"
    )
    # Spelled without accents: it still lands on Ségou.
    a.state = make_organization(
        site_tree,
        title="Direction régionale",
        kind=OrganizationKind.STATE,
        communities=[a.segou],
        commune="SEGOU",
    )
    a.kayes_org = make_organization(
        site_tree, title="Réseau des femmes de Kayes", communities=[a.kayes], commune="Kayes"
    )
    a.mediation = make_practice(
        a.ngo,
        title="Médiation familiale",
        communities=[a.segou],
        themes=[a.theme],
        places="Markala, Ségou",
    )
    a.watch = make_practice(
        a.state, title="Veille communautaire", communities=[a.segou], places="Mopti (camps), Sevaré"
    )
    a.talks = make_practice(
        a.kayes_org,
        title="Causeries éducatives",
        communities=[a.kayes],
        places="Région de Kayes, Kayes",
    )
    return a


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def svg_of(markup):
    found = SVG.search(markup)
    assert found, "the page has its map"
    return found.group(0)


def points(markup):
    """{accessible name: href} of the map's links."""
    root = ET.fromstring(svg_of(markup))
    return {
        link.get("aria-label"): html.unescape(link.get("href")) for link in root.iter(f"{SVG_NS}a")
    }


def table_rows(markup):
    """{commune: (organisations, practices)} as the table shows them."""
    body = markup.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = re.search(r'<th scope="row"><span[^>]*>(.*?)</span>', row)
        if name:
            cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
            rows[html.unescape(name.group(1))] = tuple(int(c) for c in cells)
    return rows


def test_the_map_is_a_small_valid_accessible_svg_inside_a_small_page(client, atlas):
    markup = page_html(client, atlas.page.url)
    svg = svg_of(markup)
    assert len(markup.encode()) <= 35 * 1024, "the page stays under the HTML budget"
    assert len(svg.encode()) < 60 * 1024
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == f"{SVG_NS}svg"
    title, desc = root.find(f"{SVG_NS}title"), root.find(f"{SVG_NS}desc")
    assert title is not None and "Mali" in title.text
    assert desc is not None and "5 communes sur la carte" in desc.text
    assert set(root.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
    links = list(root.iter(f"{SVG_NS}a"))
    assert len(links) == 5
    for link in links:
        assert link.get("href") and link.get("aria-label")
        assert link.find(f"{SVG_NS}title").text == link.get("aria-label")
        assert link.find(f"{SVG_NS}circle") is not None
    assert "Natural Earth" in markup, "the outline's source is credited"
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_points_and_table_say_the_same(client, atlas):
    markup = page_html(client, atlas.page.url)
    assert set(points(markup)) == {
        "Ségou\xa0: 2 organisations, 1 pratique",
        "Kayes\xa0: 1 organisation, 1 pratique",
        "Markala\xa0: 1 pratique",
        "Mopti\xa0: 1 pratique",
        "Sévaré\xa0: 1 pratique",
    }
    assert table_rows(markup) == {
        "Kayes": (1, 1),
        "Markala": (0, 1),
        "Mopti": (0, 1),
        "Ségou": (2, 1),
        "Sévaré": (0, 1),
    }
    assert "Région de Kayes" not in markup, "a region named as a place is no commune"


def test_every_point_leads_to_the_list_of_its_communes_items(client, atlas):
    expected = {
        "Ségou": ["APROFEM", "Direction régionale"],
        "Kayes": ["Réseau des femmes de Kayes"],
        "Markala": ["Médiation familiale"],
        "Mopti": ["Veille communautaire"],
        "Sévaré": ["Veille communautaire"],
    }
    for label, href in points(page_html(client, atlas.page.url)).items():
        commune = label.split("\xa0: ")[0]
        assert sorted(card_titles(client.get(href))) == expected[commune], href


def test_table_links_list_organisations_and_practices_of_the_commune(client, atlas):
    markup = page_html(client, atlas.page.url)
    practices_link = re.search(r'href="([^"]+)" aria-label="1 pratique à Ségou"', markup)
    assert card_titles(client.get(html.unescape(practices_link.group(1)))) == [
        "Médiation familiale"
    ]
    orgs_link = re.search(r'href="([^"]+)" aria-label="1 organisation à Kayes"', markup)
    assert card_titles(client.get(html.unescape(orgs_link.group(1)))) == [
        "Réseau des femmes de Kayes"
    ]


@pytest.mark.parametrize(
    "query, communes",
    [
        ({"communaute": "@kayes"}, {"Kayes"}),
        # Organisations of the State, and the practices they carried out.
        ({"type": "state"}, {"Ségou", "Mopti", "Sévaré"}),
        # A theme narrows the practices; organisations stay where they are.
        ({"theme": "mariage-d-enfants"}, {"Ségou", "Kayes", "Markala"}),
        ({"communaute": "@segou", "type": "ngo"}, {"Ségou", "Markala"}),
        ({"communaute": "@kayes", "type": "state"}, set()),
    ],
)
def test_filters_change_points_and_table(client, atlas, query, communes):
    """``@name``: the slug of the atlas' page ``name``."""
    pairs = {k: getattr(atlas, v[1:]).slug if v[0] == "@" else v for k, v in query.items()}
    markup = page_html(client, atlas.page.url + "?" + urlencode(pairs))
    assert {label.split("\xa0: ")[0] for label in points(markup)} == communes
    assert set(table_rows(markup)) == communes
    if not communes:
        assert "Aucune commune ne correspond à ces critères." in markup


def test_filtered_links_keep_the_filters_and_list_the_same_items(client, atlas):
    markup = page_html(client, atlas.page.url + f"?type=state&communaute={atlas.segou.slug}")
    found = points(markup)
    assert found["Ségou\xa0: 1 organisation"].startswith(atlas.tree.organizations.url)
    assert card_titles(client.get(found["Ségou\xa0: 1 organisation"])) == ["Direction régionale"]
    mopti = found["Mopti\xa0: 1 pratique"]
    query = parse_qs(urlsplit(mopti).query)
    assert query == {
        "commune": ["mopti"],
        "communaute": [atlas.segou.slug],
        "organisation": [atlas.state.slug],
    }
    assert card_titles(client.get(mopti)) == ["Veille communautaire"]


@pytest.mark.parametrize(
    "query",
    [
        "type=inconnu",
        "theme=nulle-part&communaute=9999999999999999999999",
        "communaute=%3Cscript%3Ealert(1)%3C/script%3E",
        "type=" + "x" * 300,
        "type=&theme=&communaute=",
        "type=ngo&type=ngo&page=abc",
    ],
)
def test_bad_filter_values_are_ignored_with_a_message(client, atlas, query):
    response = client.get(atlas.page.url + "?" + query)
    assert response.status_code == 200
    markup = response.content.decode()
    assert "<script>alert" not in markup
    if "inconnu" in query or "nulle-part" in query or "script" in query or "xxx" in query:
        assert "n&#x27;est pas une valeur connue du filtre" in markup or (
            "n'est pas une valeur connue du filtre" in markup
        )
    unfiltered = 3 if "type=ngo" in query else 5  # NGOs: Ségou, Kayes, and Markala (APROFEM)
    assert len(points(markup)) == unfiltered


def test_nul_bytes_and_huge_queries_never_give_a_server_error(client, atlas):
    assert client.get(atlas.page.url + "?type=%00&theme=a%00b").status_code < 500
    assert client.get(atlas.page.url + "?theme=" + "x" * 20_000).status_code < 500


def test_drafts_and_restricted_pages_never_add_a_point_or_a_count(client, atlas):
    before = table_rows(page_html(client, atlas.page.url))
    # A draft practice in Bamako, a draft organisation in Bamako, and a published practice
    # below an organisation whose page is password-protected.
    atlas.ngo.add_child(
        instance=PracticePage(title="Brouillon", summary="Brouillon.", places="Bamako", live=False)
    )
    draft_org = make_organization(atlas.tree, title="Organisation en attente", commune="Bamako")
    draft_org.unpublish()
    hidden = make_organization(atlas.tree, title="Espace protégé", commune="Mopti")
    make_practice(hidden, title="Pratique protégée", places="Bamako, Ségou")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    markup = page_html(client, atlas.page.url)
    assert table_rows(markup) == before
    assert "Bamako" not in markup
    # Nor does the commune filter of the practice listing offer a commune only they name.
    listing = page_html(client, atlas.tree.practices.url)
    assert 'value="bamako"' not in listing and 'value="mopti"' in listing


def test_commune_filter_of_the_listings(client, atlas):
    practices = atlas.tree.practices.url
    assert card_titles(client.get(practices + "?commune=sevare")) == ["Veille communautaire"]
    assert sorted(card_titles(client.get(practices + "?commune=segou&commune=kayes"))) == [
        "Causeries éducatives",
        "Médiation familiale",
    ]
    unknown = client.get(practices + "?commune=atlantide")
    notice = "n&#x27;est pas une valeur connue du filtre «\xa0Commune\xa0»"
    assert notice in unknown.content.decode()
    assert len(card_titles(unknown)) == 3
    directory = atlas.tree.organizations.url
    assert sorted(card_titles(client.get(directory + "?commune=segou"))) == [
        "APROFEM",
        "Direction régionale",
    ]


def test_a_new_publication_shows_on_the_cached_map(client, atlas):
    assert "Bamako" not in page_html(client, atlas.page.url)
    make_practice(atlas.ngo, title="Nouvelle pratique", places="Bamako (6 communes)")
    markup = page_html(client, atlas.page.url)
    assert "Bamako\xa0: 1 pratique" in points(markup)


def test_the_map_is_in_the_main_menu(client, atlas):
    markup = page_html(client, "/")
    assert f'href="{atlas.page.url}"' in markup and "Carte des acteurs" in markup


def test_editors_manage_communes_in_the_admin(admin_client, atlas):
    listing = admin_client.get("/admin/snippets/home/place/")
    assert listing.status_code == 200 and "Sévaré" in listing.content.decode()
    response = admin_client.post(
        "/admin/snippets/home/place/add/",
        {
            "name": "Kita",
            "slug": "",
            "other_names": "",
            "region": "ML-1",
            "latitude": "13.0349",
            "longitude": "-9.4895",
        },
    )
    assert response.status_code == 302
    assert Place.objects.get(slug="kita").region == "ML-1"
    make_practice(atlas.kayes_org, title="Causeries à Kita", places="Kita")
    assert "Kita\xa0: 1 pratique" in points(page_html(admin_client.__class__(), atlas.page.url))


KITA = {
    "name": "Kita",
    "slug": "",
    "other_names": "",
    "region": "ML-1",
    "latitude": "13.0349",
    "longitude": "-9.4895",
}


def _user(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x-Pass-2026")
    user.groups.add(group)
    return user


@pytest.mark.parametrize("group_name", [EDITORS_GROUP, MODERATORS_GROUP])
def test_editors_and_moderators_add_and_change_communes(client, atlas, group_name):
    client.force_login(_user("equipe", Group.objects.get(name=group_name)))
    menu = client.get("/admin/").content.decode()
    assert "/admin/snippets/home/place/" in menu
    assert client.get("/admin/snippets/home/place/add/").status_code == 200
    assert client.post("/admin/snippets/home/place/add/", KITA).status_code == 302
    kita = Place.objects.get(slug="kita")
    changed = {**KITA, "slug": "kita", "other_names": "Kitta"}
    edit_url = f"/admin/snippets/home/place/edit/{kita.pk}/"
    assert client.post(edit_url, changed).status_code == 302
    assert Place.objects.get(pk=kita.pk).other_names == "Kitta"


def test_members_cannot_edit_communes(client, atlas):
    member = _user("membre", member_group_for(atlas.ngo))
    client.force_login(member)
    segou = Place.objects.get(slug="segou")
    for url in ("/admin/snippets/home/place/add/", f"/admin/snippets/home/place/edit/{segou.pk}/"):
        refused = client.get(url)
        assert refused.status_code in (302, 403)
        assert "/snippets/home/place/" not in refused.get("Location", "")
    assert client.post("/admin/snippets/home/place/add/", KITA).status_code in (302, 403)
    assert not Place.objects.filter(slug="kita").exists()


def test_first_rendering_counts_in_sql_with_the_same_queries_at_two_sizes(client, atlas):
    """Issue 11 at 20 000 pages: the map and the commune filter count per different text in
    SQL; after a content change the map makes as many queries with 3 practices as with 9, and
    pages sharing a text count once each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.content_version import bump_content_version

    def first_render(url):
        bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    first_render(atlas.page.url)  # the process's own caches (site root, content types)
    few, _ = first_render(atlas.page.url)
    few_listing, _ = first_render(atlas.tree.practices.url + "?commune=markala")
    for number in range(6):
        make_practice(
            atlas.ngo, title=f"Médiation {number}", communities=[atlas.segou], places="Markala"
        )
    many, response = first_render(atlas.page.url)
    many_listing, listing = first_render(atlas.tree.practices.url + "?commune=markala")
    assert (few, few_listing) == (many, many_listing)
    assert table_rows(response.content.decode())["Markala"][1] == 7
    assert len(card_titles(listing)) == 7


def test_commune_filter_never_lists_a_hidden_page_sharing_a_public_text(client, atlas):
    """The filter matches texts: a restricted or draft practice with the same places as a
    public one stays out of the listing and off the map."""
    hidden = make_organization(atlas.tree, title="Espace protégé")
    make_practice(hidden, title="Pratique protégée", places="Markala, Ségou")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    draft = make_practice(atlas.ngo, title="Pratique retirée", places="Markala, Ségou")
    draft.unpublish()
    titles = card_titles(client.get(atlas.tree.practices.url + "?commune=markala"))
    assert titles == ["Médiation familiale"]
    assert table_rows(page_html(client, atlas.page.url))["Markala"][1] == 1
