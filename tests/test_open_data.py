"""Feeds (home.feeds) and open-data exports (home.opendata): read with clients no one here
wrote (feedparser, csv, json), and nothing a visitor may not see ever in them."""

import csv
import io
import json
import re

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageViewRestriction

from events.models import MeetingPage
from home.models import PortalSettings
from practices.models import PracticePage, ToolDocument

from .conftest import module_data, refetched
from .factories import (
    ThemeFactory,
    make_community,
    make_document,
    make_event_index,
    make_image,
    make_meeting,
    make_organization,
    make_practice,
    make_tool,
)

PUBLIC = {
    "practice": "Épargne et crédit des femmes de Kayes",
    "tool": "Guide de la médiation communautaire",
    "meeting": "Rencontre semestrielle de Ségou",
}
# Titles that must never appear in a feed or an export.
HIDDEN = {
    "restricted practice": "Pratique réservée aux membres",
    "draft practice": "Pratique en brouillon",
    "moderated practice": "Pratique soumise à modération",
    "pending title": "Titre en attente de modération",
    "restricted tool": "Outil réservé",
    "draft meeting": "Rencontre non publiée",
    "password meeting": "Rencontre protégée",
}
SECRET_DOCUMENT = "document-secret-de-l-outil-reserve"


def build(tree):
    data = {}
    theme = data["theme"] = ThemeFactory(name="Mariage d'enfants")
    segou = data["segou"] = make_community(tree, title="Ségou", region="Ségou")
    kayes = data["kayes"] = make_community(tree, title="Kayes", region="Kayes")
    org = data["org"] = make_organization(
        tree,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        communities=[segou],
        logo=make_image(title="Logo APROFEM", width=400, height=400),
        description="<p>APROFEM accompagne les femmes de Ségou depuis 1995.</p>",
    )
    data["practice"] = make_practice(
        org,
        title=PUBLIC["practice"],
        communities=[kayes],
        themes=[theme],
        tags=["AVEC", "épargne"],
        main_image=make_image(title="Réunion d'une AVEC"),
    )
    data["other_practice"] = make_practice(org, title="Causeries à Ségou", communities=[segou])
    tool = make_tool(org, title=PUBLIC["tool"], communities=[segou], themes=[theme], tags=["AVEC"])
    data["document"] = make_document(title="Guide médiation", size=48_000)
    ToolDocument.objects.create(page=tool, document=data["document"])
    data["tool"] = tool

    restricted = make_practice(
        org, title=HIDDEN["restricted practice"], communities=[kayes], themes=[theme], tags=["AVEC"]
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    draft = make_practice(org, title=HIDDEN["draft practice"], communities=[kayes], tags=["AVEC"])
    draft.unpublish()
    # Never published, submitted for moderation.
    user = get_user_model().objects.create_user("membre", "membre@example.org", "x")
    moderated = PracticePage(
        title=HIDDEN["moderated practice"], slug="moderee", summary="En attente.", live=False
    )
    org.add_child(instance=moderated)
    moderated.save_revision(user=user)
    moderated.get_workflow().start(moderated, user)
    # A live page whose new title waits for moderation: the feed keeps the published one.
    pending = make_practice(org, title="Pratique publiée", communities=[kayes])
    pending.title = HIDDEN["pending title"]
    pending.save_revision(user=user)

    secret_tool = make_tool(org, title=HIDDEN["restricted tool"], communities=[segou])
    ToolDocument.objects.create(page=secret_tool, document=make_document(title=SECRET_DOCUMENT))
    PageViewRestriction.objects.create(page=secret_tool, restriction_type="login")

    agenda = data["agenda"] = make_event_index(tree)
    data["meeting"] = make_meeting(
        agenda,
        title=PUBLIC["meeting"],
        communities=[segou],
        organizers=[org],
        themes=[theme],
        participants_total=41,
        participants_women=30,
        participants_men=11,
    )
    make_meeting(agenda, title=HIDDEN["draft meeting"], communities=[segou]).unpublish()
    protected = make_meeting(agenda, title=HIDDEN["password meeting"], communities=[segou])
    PageViewRestriction.objects.create(
        page=protected, restriction_type="password", password="secret"
    )
    return data


@pytest.fixture(scope="module")
def _data(_shared_site_tree, django_db_blocker):
    with module_data(_shared_site_tree, django_db_blocker) as tree:
        yield tree, build(tree)


@pytest.fixture
def data(_data, site_tree):
    tree, built = _data
    built = refetched(built)
    built["tree"] = refetched(tree)
    return built


def feed_urls(data):
    tree = data["tree"]
    theme, tag = data["theme"], "avec"
    pages = {
        "site": (reverse("feed_rss"), reverse("feed_atom")),
        "practices": (tree.practices.url + "feed/", tree.practices.url + "feed/atom/"),
        "tools": (tree.tools.url + "feed/", tree.tools.url + "feed/atom/"),
        "meetings": (data["agenda"].url + "feed/", data["agenda"].url + "feed/atom/"),
        "community": (data["segou"].url + "feed/", data["segou"].url + "feed/atom/"),
        "theme": (
            reverse("theme_feed_rss", args=[theme.slug]),
            reverse("theme_feed_atom", args=[theme.slug]),
        ),
        "tag": (reverse("tag_feed_rss", args=[tag]), reverse("tag_feed_atom", args=[tag])),
    }
    return pages


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


FEEDS = ["site", "practices", "tools", "meetings", "community", "theme", "tag"]
EXPECTED = {
    "site": {"practice", "tool", "meeting"},
    "practices": {"practice"},
    "tools": {"tool"},
    "meetings": {"meeting"},
    "community": {"tool", "meeting"},  # Ségou
    "theme": {"practice", "tool", "meeting"},
    "tag": {"practice", "tool"},
}


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_feed_is_valid_and_carries_only_public_pages(client, data, name, kind):
    url = feed_urls(data)[name][0 if kind == "rss" else 1]
    response, feed = parsed(client, url)
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    titles = {entry.title for entry in feed.entries}
    assert {PUBLIC[key] for key in EXPECTED[name]} <= titles
    for key in set(PUBLIC) - EXPECTED[name]:
        assert PUBLIC[key] not in titles, f"{key} is not in the {name} feed"
    body = response.content.decode()
    for label, title in HIDDEN.items():
        assert title not in body, f"{label} leaked into {url}"
    assert SECRET_DOCUMENT not in body
    # Absolute addresses on the site's root URL, one guid per item, RFC dates.
    assert feed.feed.link.startswith("http://localhost/")
    guids = [entry.id for entry in feed.entries]
    assert len(guids) == len(set(guids))
    for entry in feed.entries:
        assert entry.link.startswith("http://localhost/")
        assert entry.get("published_parsed") or entry.get("updated_parsed")
    assert "Last-Modified" in response
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_items_carry_summary_categories_author_and_tool_enclosures(client, data, kind):
    urls = feed_urls(data)["site"]
    _response, feed = parsed(client, urls[0 if kind == "rss" else 1])
    entries = {entry.title: entry for entry in feed.entries}
    practice = entries[PUBLIC["practice"]]
    assert practice.summary == f"Résumé de {PUBLIC['practice']}."
    assert practice.link == data["practice"].full_url
    assert {tag.term for tag in practice.tags} == {"Mariage d'enfants", "AVEC", "épargne"}
    assert practice.author == "Association pour le progrès des femmes (APROFEM)"
    assert entries[PUBLIC["meeting"]].author == "Association pour le progrès des femmes (APROFEM)"
    [enclosure] = entries[PUBLIC["tool"]].enclosures
    document = data["document"]
    assert enclosure.href == "http://localhost" + document.url
    assert int(enclosure.length) == document.get_file_size()
    assert enclosure.type == "application/pdf"
    assert not practice.get("enclosures")


def test_listings_link_their_feeds_in_the_head_and_the_body(client, data):
    tree = data["tree"]
    for url, feed in [
        (tree.practices.url, tree.practices.url + "feed/"),
        (data["agenda"].url, data["agenda"].url + "feed/"),
        (data["segou"].url, data["segou"].url + "feed/"),
        (data["theme"].get_absolute_url(), reverse("theme_feed_rss", args=[data["theme"].slug])),
    ]:
        html = client.get(url).content.decode()
        full = "http://localhost" + feed
        head, body = html.split("</head>")
        alternate = (
            re.escape('<link rel="alternate" type="application/rss+xml" title="')
            + '[^"]+'
            + re.escape(f'" href="{full}">')
        )
        assert re.search(alternate, head), url
        assert f'<a href="{full}"' in body, url
        assert f'href="{full}atom/"' in html, url


def test_unknown_theme_or_tag_feed_is_a_404(client, data):
    assert client.get(reverse("theme_feed_rss", args=["nulle-part"])).status_code == 404
    assert client.get(reverse("tag_feed_atom", args=["nulle-part"])).status_code == 404


# --- Exports ---------------------------------------------------------------------------


def content_of(response):
    """The bytes of an answer, streamed (the exports) or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = content_of(response)
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def export(client, slug, fmt, query=""):
    response = client.get(reverse(f"open_data_{fmt}", args=[slug]) + query)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


DATASETS = {
    "pratiques": {PUBLIC["practice"], "Causeries à Ségou", "Pratique publiée"},
    "outils": {PUBLIC["tool"]},
    "organisations": {"Association pour le progrès des femmes"},
    "rencontres": {PUBLIC["meeting"]},
}


@pytest.mark.parametrize("slug", sorted(DATASETS))
def test_csv_and_json_have_the_same_rows_and_only_public_records(client, data, slug):
    rows = read_csv(export(client, slug, "csv"))
    document = json.loads(content_of(export(client, slug, "json")))
    header, body = rows[0], rows[1:]
    assert len(header) == len(document["fields"]) and all(len(row) == len(header) for row in body)
    assert header == [field["label"] for field in document["fields"]]
    title = header.index("Titre")
    assert {row[title] for row in body} == DATASETS[slug]
    assert {row["title"] for row in document["rows"]} == DATASETS[slug]
    assert document["count"] == len(body)
    assert document["licence"]["name"] == PortalSettings._meta.get_field("data_licence").default
    text = json.dumps(document, ensure_ascii=False) + "".join(";".join(r) for r in rows)
    for label, hidden in HIDDEN.items():
        assert hidden not in text, f"{label} leaked into {slug}"
    assert SECRET_DOCUMENT not in text


def test_meeting_export_carries_participant_figures(client, data):
    document = json.loads(content_of(export(client, "rencontres", "json")))
    [row] = document["rows"]
    assert (row["participants_total"], row["participants_women"], row["participants_men"]) == (
        41,
        30,
        11,
    )
    assert row["organizers"] == ["Association pour le progrès des femmes (APROFEM)"]
    assert row["url"] == data["meeting"].full_url


def test_results_export_has_the_results_page_figures(client, data):
    rows = read_csv(export(client, "resultats", "csv"))
    assert rows[0] == ["Série", "Libellé", "Indicateur", "Valeur"]
    figures = {(row[1], row[2]): row[3] for row in rows[1:] if row[0] == "Chiffres clés"}
    assert figures[("Participants", "participants")] == "41"
    assert figures[("Femmes participantes", "participants")] == "30"
    assert all(len(row) == 4 for row in rows)


def test_unknown_figures_are_empty_not_zero(client, data):
    """The meeting recorded no youth count: the exports say nothing, not « 0 »."""
    [meeting] = json.loads(content_of(export(client, "rencontres", "json")))["rows"]
    assert meeting["participants_youth"] is None
    assert meeting["people_reached"] is None
    results = json.loads(content_of(export(client, "resultats", "json")))["rows"]
    figures = {row["label"]: row["value"] for row in results if row["series"] == "Chiffres clés"}
    assert figures["Femmes participantes"] == 30
    assert figures["Jeunes participants"] is None
    assert figures["Personnes touchées par les campagnes"] is None
    rows = read_csv(export(client, "resultats", "csv"))
    csv_figures = {row[1]: row[3] for row in rows[1:] if row[0] == "Chiffres clés"}
    assert csv_figures["Jeunes participants"] == ""
    assert csv_figures["Femmes participantes"] == "30"


def test_a_listings_filters_apply_to_its_export(client, data):
    kayes = data["kayes"].slug
    query = f"?communaute={kayes}"
    rows = read_csv(export(client, "pratiques", "csv", query))
    assert {row[1] for row in rows[1:]} == {PUBLIC["practice"], "Pratique publiée"}
    theme = data["theme"].slug
    response = export(client, "pratiques", "json", f"{query}&theme={theme}")
    document = json.loads(content_of(response))
    assert [row["title"] for row in document["rows"]] == [PUBLIC["practice"]]
    assert document["filters"] == {"communaute": [kayes], "theme": [theme]}
    # The listing links to the export with its own valid filters.
    html = client.get(data["tree"].practices.url + query + "&theme=inconnu").content.decode()
    assert "Télécharger les données" in html
    assert reverse("open_data_csv", args=["pratiques"]) + query in html
    assert reverse("open_data_json", args=["pratiques"]) + query in html


@pytest.mark.parametrize(
    "query",
    [
        "?communaute=inconnue",
        "?annee=99999999999999999999999999",
        "?annee=-1&type=%F0%9F%92%A5",
        "?communaute=" + "z" * 1000,
    ],
)
def test_bad_filters_are_ignored_never_a_500(client, data, query):
    for slug in ("pratiques", "rencontres", "organisations"):
        response = client.get(reverse("open_data_json", args=[slug]) + query)
        assert response.status_code == 200
        assert json.loads(content_of(response))["count"] >= 1


def test_an_overlong_address_is_a_client_error(client, data):
    response = client.get(reverse("open_data_csv", args=["pratiques"]) + "?x=" + "a" * 5000)
    assert 400 <= response.status_code < 500


def test_nul_bytes_and_unknown_datasets_are_client_errors(client, data):
    assert client.get(reverse("open_data_csv", args=["pratiques"]) + "?theme=%00").status_code in (
        200,
        400,
    )
    assert client.get("/donnees-ouvertes/inconnu.csv").status_code == 404
    assert client.post(reverse("open_data_csv", args=["pratiques"])).status_code == 405


def test_open_data_page_lists_every_dataset_with_licence_fields_date_and_size(client, data):
    settings = PortalSettings.for_site(data["tree"].home.get_site())
    settings.data_licence = "Licence Ouverte 2.0"
    settings.data_licence_url = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    settings.save()
    html = client.get(reverse("open_data")).content.decode()
    assert "Licence Ouverte 2.0" in html
    for slug in ("pratiques", "outils", "organisations", "rencontres", "resultats"):
        assert reverse("open_data_csv", args=[slug]) in html
        assert reverse("open_data_json", args=[slug]) in html
    assert "<code>participants_women</code>" in html
    assert "3 lignes" in html  # the practices
    assert "ko" in html or "octets" in html
    meeting = MeetingPage.objects.get(pk=data["meeting"].pk)
    assert f'datetime="{meeting.last_published_at.isoformat()}"' in html
    document = json.loads(content_of(export(client, "outils", "json")))
    assert document["licence"] == {
        "name": "Licence Ouverte 2.0",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    }
    assert reverse("open_data") in client.get("/").content.decode(), "linked from the footer"


def test_open_data_page_weighs_big_datasets_from_a_sample(client, data, monkeypatch, rf):
    """Issue 11 at 20 000 pages: the page counts the rows in SQL and weighs the files from
    their first rows (« ≈ »), instead of writing every dataset out (50 s, 290 MB); the
    count still leaves out what a visitor may not see."""
    from django.core.cache import cache

    from home import opendata
    from home.content_version import bump_content_version

    monkeypatch.setattr(opendata, "SIZE_SAMPLE", 1)
    bump_content_version()
    html = client.get(reverse("open_data")).content.decode()
    assert "3 lignes" in html  # the three public practices, not the hidden ones
    assert "≈" in html
    cache.clear()
    request = rf.get("/", HTTP_HOST="localhost")
    described = opendata.describe(opendata.dataset_for("pratiques"), request)
    assert described["count"] == 3 and described["estimated"]
    real_csv = len(content_of(export(client, "pratiques", "csv")))
    real_json = len(content_of(export(client, "pratiques", "json")))
    assert 0.5 * real_csv < described["csv_size"] < 2 * real_csv
    assert 0.5 * real_json < described["json_size"] < 2 * real_json
    # A dataset no bigger than the sample is weighed exactly, without « ≈ ».
    monkeypatch.setattr(opendata, "SIZE_SAMPLE", 1000)
    cache.clear()
    exact = opendata.describe(opendata.dataset_for("outils"), request)
    assert not exact["estimated"]
    assert exact["csv_size"] == len(content_of(export(client, "outils", "csv")))


def test_open_data_page_queries_do_not_grow_with_the_rows(client, data, monkeypatch):
    """First rendering after a content change: the same number of queries with 3 and with
    9 public practices (the sample is bounded, the count is one query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home import opendata
    from home.content_version import bump_content_version

    monkeypatch.setattr(opendata, "SIZE_SAMPLE", 2)

    def first_render():
        bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("open_data")).content.decode()
        return len(queries), html

    first_render()  # the process's own caches (site root, content types) warm
    few, html = first_render()
    assert "3 lignes" in html
    for number in range(6):
        make_practice(data["org"], title=f"Pratique en plus {number}", tags=["AVEC"])
    many, html = first_render()
    assert "9 lignes" in html
    assert few == many


# --- Streamed exports (home.opendata.export) ------------------------------------------------


def test_each_rows_values_are_the_pages_own(client, data):
    """Every row's address is the page's own full URL (written from ``url_path``, not looked
    up), and its other page fields are the page's, in CSV and JSON alike."""
    from wagtail.models import Page

    for slug in DATASETS:
        document = json.loads(content_of(export(client, slug, "json")))
        rows = read_csv(export(client, slug, "csv"))
        assert len(rows) - 1 == len(document["rows"]) == document["count"] >= 1
        for row, line in zip(document["rows"], rows[1:], strict=True):
            page = Page.objects.get(pk=row["id"])
            assert row["url"] == page.full_url and row["title"] == page.title
            assert line[:3] == [str(page.pk), page.title, page.full_url]
            assert line[-2] == page.first_published_at.isoformat()
    [practice] = [
        row
        for row in json.loads(content_of(export(client, "pratiques", "json")))["rows"]
        if row["title"] == PUBLIC["practice"]
    ]
    assert practice["url"] == data["practice"].full_url
    assert practice["organization"] == data["org"].display_name
    assert practice["communities"] == ["Kayes"]
    assert practice["themes"] == ["Mariage d'enfants"]
    assert sorted(practice["tags"]) == ["AVEC", "épargne"]
    [tool] = json.loads(content_of(export(client, "outils", "json")))["rows"]
    [address] = tool["documents"]
    assert address.startswith("http") and address.endswith(data["document"].url)


def test_json_is_one_document_indented_as_before(client, data):
    """The streamed JSON is the same text ``json.dumps(..., indent=1)`` writes."""
    for slug in ("pratiques", "resultats"):
        text = content_of(export(client, slug, "json")).decode()
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1)


def test_streamed_json_equals_the_whole_document(data, rf):
    """With no row, one row and several: the pieces joined are ``as_json``'s text."""
    from home import opendata

    request = rf.get("/")
    dataset = opendata.dataset_for("pratiques")
    root = opendata.site_root(request)
    rows = dataset.rows(request, root)[0]
    assert len(rows) >= 3
    for some in ([], rows[:1], rows):
        streamed = b"".join(
            opendata.json_chunks(dataset, len(some), iter(some), request, chunk_size=10)
        )
        assert streamed == opendata.as_json(dataset, some, request)


def test_small_chunks_give_the_same_files_and_no_private_row(client, data, monkeypatch):
    from home import opendata

    whole = {
        (slug, fmt): content_of(export(client, slug, fmt))
        for slug in DATASETS
        for fmt in opendata.FORMATS
    }
    monkeypatch.setattr(opendata, "EXPORT_CHUNK", 1)

    def normalised(fmt, text):
        """The rows, each list's items sorted: a page's tags come in no set order (taggit's
        prefetch has none; PostgreSQL returns them in any order, before this change too)."""
        if fmt == "csv":
            rows = csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";")
            return [[sorted(cell.split(", ")) for cell in row] for row in rows]
        document = json.loads(text)
        return {
            **document,
            "rows": [
                {key: sorted(v) if isinstance(v, list) else v for key, v in row.items()}
                for row in document["rows"]
            ],
        }

    for (slug, fmt), expected in whole.items():
        text = content_of(export(client, slug, fmt))
        assert len(text) == len(expected)
        assert normalised(fmt, text) == normalised(fmt, expected)
        for label, hidden in HIDDEN.items():
            assert hidden.encode() not in text, f"{label} leaked into {slug}.{fmt}"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_queries_do_not_grow_with_the_rows(client, data, fmt):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = export(client, "pratiques", fmt)
            if fmt == "csv":
                rows = len(read_csv(response)) - 1
            else:
                rows = len(json.loads(content_of(response))["rows"])
        return len(captured), rows

    queries()  # the process's caches warm
    few, rows = queries()
    for number in range(6):
        make_practice(data["org"], title=f"Pratique en plus {number}", tags=["AVEC"])
    queries()  # the values kept per content version, computed again after the publications
    many, more = queries()
    assert more == rows + 6
    assert few == many


def test_a_current_copy_gets_a_304_and_a_change_a_new_file(client, data):
    from home.content_version import bump_content_version

    url = reverse("open_data_csv", args=["pratiques"])
    first = client.get(url)
    etag = first["ETag"]
    assert etag and content_of(first)
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert "public" in again["Cache-Control"]
    # Another filter, format or language is another file.
    assert client.get(url + "?theme=x")["ETag"] != etag
    assert client.get(reverse("open_data_json", args=["pratiques"]))["ETag"] != etag
    # A publication draws a new content version: the old copy is no longer current.
    make_practice(data["org"], title="Pratique toute neuve", tags=["AVEC"])
    bump_content_version()
    fresh = client.get(url, headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    assert b"Pratique toute neuve" in content_of(fresh)


def test_english_exports_give_the_addresses_wagtail_gives(client, data):
    """Under /en/ the addresses are still each page's own ``full_url`` in that language."""
    from django.utils import translation
    from wagtail.models import Page

    response = client.get("/en" + reverse("open_data_json", args=["pratiques"]))
    assert response.status_code == 200
    rows = json.loads(content_of(response))["rows"]
    assert rows
    with translation.override("en"):
        for row in rows:
            assert row["url"] == Page.objects.get(pk=row["id"]).get_full_url()
