"""Offline reading: the installable site (manifest, icons, /sw.js), the signal that tells the
service worker what it may keep, « Garder hors ligne » and the offline packs of each
community and theme (public content only, rebuilt when it changes)."""

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.test import RequestFactory
from PIL import Image
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from offline import packs
from offline.templatetags.offline_tags import keep_offline
from practices.models import PracticeAttachment, PracticePage, ToolDocument

from .conftest import shared_data
from .factories import (
    ThemeFactory,
    make_community,
    make_document,
    make_organization,
    make_practice,
    make_tool,
    publish,
)

SECRET = "CONFIDENTIEL"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


# The installable site -------------------------------------------------------------------


def test_service_worker_is_served_from_the_root_with_its_headers(client, site_tree):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert 'self.addEventListener("fetch"' in body and "skipWaiting" in body
    # What it must never keep, written into it from the site's own routes.
    never = json.loads(body.split("var NEVER_KEPT = ", 1)[1].split(";\n", 1)[0])
    for prefix in ("/admin/", "/documents/", "/recherche/", "/en/recherche/", "/proposer/outil/"):
        assert any(prefix.startswith(p) for p in never), prefix
    assert json.loads(body.split("var PERSONAL_PARAMETERS = ", 1)[1].split(";\n", 1)[0]) == [
        "q",
        "search",
    ]
    assert 'request.method !== "GET"' in body, "forms and POST go to the network only"
    # Its version names its caches, and is the same from one request to the next.
    version = body.split('var VERSION = "', 1)[1].split('"', 1)[0]
    assert len(version) == 16 and client.get("/sw.js").content.decode() == body
    # Every file it keeps at install exists (a missing one would make the install fail).
    precache = json.loads(body.split("var PRECACHE = ", 1)[1].split(";\n", 1)[0])
    assert "/static/css/portal.css" in precache
    for url in precache:
        assert finders.find(url.removeprefix("/static/")), url
    assert client.post("/sw.js").status_code == 405


def test_service_worker_keeps_the_images_of_kept_pages_only_capped(client, site_tree):
    body = client.get("/sw.js").content.decode()
    assert 'var IMAGES_PREFIX = "/media/images/";' in body
    maximum = int(body.split("var MAX_IMAGES = ", 1)[1].split(";", 1)[0])
    assert 20 <= maximum <= 500
    # Images have their own cache, kept across versions and trimmed to MAX_IMAGES.
    assert '"cdp-images-v1"' in body and "IMAGES_CACHE]" in body
    assert "trim(cache, MAX_IMAGES)" in body
    # Read from the cache first; stored only when the page showing it was kept, and never
    # an answer marked private or no-store.
    handler = body.split("function imageFirst(event)", 1)[1].split("\n}\n", 1)[0]
    assert handler.index("cache.match(request") < handler.index("fetch(request)")
    assert "shareable(response)" in handler and "pageIsKept(event.clientId)" in handler
    shareable = body.split("function shareable(response)", 1)[1].split("\n}\n", 1)[0]
    assert "private|no-store" in shareable and 'response.type !== "basic"' in shareable
    kept = body.split("function pageIsKept(clientId)", 1)[1].split("\n}\n", 1)[0]
    assert "isAdmin(page)" in kept and "neverKept(page)" in kept and "fromCaches(" in kept


def test_manifest_is_valid_json_in_french_with_icons_that_exist(client, site_tree):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    data = json.loads(response.content)
    assert data["name"] == "Portail des CdP – Droits des femmes et des filles"
    assert data["lang"] == "fr" and data["start_url"] == "/" and data["display"] == "standalone"
    sizes = set()
    for icon in data["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        if icon["type"] == "image/png":
            width, height = Image.open(path).size
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
        else:
            assert Path(path).read_text().startswith("<svg")
    assert {192, 512} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])


def test_every_page_links_the_manifest_and_the_tiny_registration_script(client, site_tree):
    page = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert '<script src="/static/js/offline.js" defer></script>' in page
    assert '<div id="sw-update" class="notice" role="status" hidden>' in page
    assert "Nouvelle version disponible." in page
    registration = finders.find("js/offline.js")
    assert registration and Path(registration).stat().st_size < 1500


def test_offline_page_explains_itself_without_javascript(client, site_tree):
    response = client.get("/hors-ligne/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Lecture hors ligne</h1>" in page
    assert "<noscript>" in page and "La lecture hors ligne demande JavaScript" in page
    assert "data-offline-list" in page
    assert client.get("/en/hors-ligne/").status_code == 200


# What the service worker may keep: the site's public signal ------------------------------


def test_public_pages_say_so_and_private_answers_never_do(client, site_tree):
    """With the page cache off too (its default without Redis), the worker must be told."""
    first = client.get("/")
    assert "public" in first.headers["Cache-Control"]
    # A browser revalidating its copy merges the 304's headers into it: public too.
    again = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and "public" in again.headers["Cache-Control"]
    searched = client.get("/recherche/?q=mariage").headers["Cache-Control"]
    assert "private" in searched and "public" not in searched
    user = get_user_model().objects.create_user("membre", "m@example.org", "x" * 12)
    client.force_login(user)
    signed_in = client.get("/").headers["Cache-Control"]
    assert "no-store" in signed_in and "public" not in signed_in


# « Garder hors ligne » -------------------------------------------------------------------


@pytest.fixture
def private_collection(db):
    return make_private_collection()


def make_private_collection():
    collection = Collection.get_first_root_node().add_child(name="Réservée")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


def attach(page, *documents):
    model = ToolDocument if hasattr(page, "licence") else PracticeAttachment
    for document in documents:
        model.objects.create(page=page, document=document)
    publish(page)


def test_keep_offline_says_the_total_size_of_the_public_documents(
    client, site_tree, media, private_collection
):
    org = make_organization(site_tree, title="APROFEM")
    practice = make_practice(org, title="Dialogue communautaire")
    first, second = make_document("Guide", size=30_000), make_document("Annexe", size=20_000)
    hidden = make_document(f"Document {SECRET}", size=10_000)
    hidden.collection = private_collection
    hidden.save()
    attach(practice, first, second, hidden)

    page = client.get(practice.url).content.decode()
    total = first.get_file_size() + second.get_file_size()
    assert "Garder hors ligne" in page and "data-keep-offline" in page
    assert "ses 2 documents" in page
    assert f"{total / 1024:.0f}\xa0ko en tout" in page
    files = page.split('data-files="', 1)[1].split('"', 1)[0].split()
    assert files == [first.url, second.url]
    assert hidden.url not in files


def test_keep_offline_is_not_offered_to_members_nor_on_a_restricted_page(client, site_tree):
    org = make_organization(site_tree, title="APROFEM")
    practice = make_practice(org, title="Pratique restreinte")
    anonymous = RequestFactory().get(practice.url)
    anonymous.user = AnonymousUser()
    assert keep_offline({"request": anonymous}, practice)["show"] is True
    PageViewRestriction.objects.create(page=practice, restriction_type="login")
    assert keep_offline({"request": anonymous}, PracticePage.objects.get(pk=practice.pk)) == {
        "show": False
    }
    client.force_login(get_user_model().objects.create_user("m", "m@example.org", "x" * 12))
    other = make_practice(org, title="Pratique publique")
    assert "data-keep-offline" not in client.get(other.url).content.decode()


# Offline packs ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    """The files of ``world``'s documents, written once for the module."""
    return tmp_path_factory.mktemp("offline-world")


@pytest.fixture
def world(request, _site_tree_pks, settings, tmp_path, world_media):
    """Built once for the module's consecutive tests (``shared_data``); each test gets a media
    folder of its own holding the documents' files, so that no test finds another's packs."""
    settings.MEDIA_ROOT = str(world_media)
    w = shared_data(request, _site_tree_pks, build_world)
    shutil.copytree(world_media, tmp_path, dirs_exist_ok=True)
    settings.MEDIA_ROOT = str(tmp_path)
    return w


def build_world(site_tree):
    w = site_tree
    private_collection = make_private_collection()
    w.segou = make_community(w, title="Ségou", region="Ségou")
    w.kayes = make_community(w, title="Kayes", region="Kayes")
    w.theme = ThemeFactory(name="Mariage d'enfants")
    w.org = make_organization(w, title="APROFEM", contact_email="contact@aprofem.example")
    w.practice = make_practice(
        w.org, title="Dialogue avec les chefs", communities=[w.segou], themes=[w.theme]
    )
    w.doc = make_document("Rapport de la pratique", size=12_000)
    w.private_doc = make_document(f"Annexe {SECRET}", size=9_000)
    w.private_doc.collection = private_collection
    w.private_doc.save()
    attach(w.practice, w.doc, w.private_doc)
    w.tool = make_tool(w.org, title="Guide de médiation", communities=[w.segou])
    w.tool_doc = make_document("Guide à télécharger", size=8_000)
    attach(w.tool, w.tool_doc)
    # Not public, each in its own way.
    w.restricted = make_practice(
        w.org, title=f"Pratique {SECRET} restreinte", communities=[w.segou], themes=[w.theme]
    )
    PageViewRestriction.objects.create(page=w.restricted, restriction_type="login")
    w.draft = PracticePage(title=f"Pratique {SECRET} brouillon", summary="x", live=False)
    w.org.add_child(instance=w.draft)
    w.draft.communities.set([w.segou])
    w.draft.save_revision()
    revised = PracticePage.objects.get(pk=w.practice.pk)
    revised.title = f"Titre {SECRET} en relecture"
    revised.save_revision()
    w.elsewhere = make_practice(w.org, title="Pratique de Kayes", communities=[w.kayes])
    return w


def zip_of(response):
    assert response.status_code == 200, response.status_code
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def pack_index(client, kind, slug):
    return zip_of(client.get(f"/hors-ligne/packs/{kind}/{slug}.zip")).read("index.html").decode()


def test_pack_holds_every_public_sheet_and_document_and_nothing_else(client, world):
    name = packs.build_pack("communaute", world.segou.slug)
    community_page = client.get(world.segou.url).content.decode()
    size = default_storage.size(name)
    assert "Pack hors ligne" in community_page
    assert f"Télécharger le pack (ZIP, {size / 1024:.0f}\xa0ko)" in community_page
    assert "2 fiches (pratiques et outils) et leurs 2 documents" in community_page

    archive = zip_of(client.get(f"/hors-ligne/packs/communaute/{world.segou.slug}.zip"))
    index = archive.read("index.html").decode()
    assert "Dialogue avec les chefs" in index and "Guide de médiation" in index
    assert "Fiche pratique" in index and "Fiche outil" in index
    assert "Pratique de Kayes" not in index
    assert SECRET not in index, "no draft, restricted page, draft title or private document"
    assert "<link" not in index and "<script" not in index, "self-contained"
    documents = sorted(n for n in archive.namelist() if n.startswith("documents/"))
    assert len(documents) == 2
    assert {archive.getinfo(n).file_size for n in documents} == {
        world.doc.get_file_size(),
        world.tool_doc.get_file_size(),
    }
    for path in documents:
        assert f'href="{path}"' in index
    assert archive.read(documents[0])[:4] == b"%PDF"


def test_theme_pack_and_its_page(client, world):
    packs.build_pack("theme", world.theme.slug)
    page = client.get(f"/themes/{world.theme.slug}/").content.decode()
    assert "Télécharger le pack (ZIP," in page
    assert "1 fiche (pratique ou outil) et son document" in page
    index = pack_index(client, "theme", world.theme.slug)
    assert "Dialogue avec les chefs" in index and SECRET not in index


def test_pack_follows_publish_and_unpublish(client, world, django_capture_on_commit_callbacks):
    first = packs.build_pack("communaute", world.segou.slug)
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(world.org, title="Nouvelle pratique publiée", communities=[world.segou])
    index = pack_index(client, "communaute", world.segou.slug)
    assert "Nouvelle pratique publiée" in index
    assert not default_storage.exists(first), "the older pack is deleted"

    # Unpublished: until the task has run, the old pack (which holds it) is never served.
    with django_capture_on_commit_callbacks() as callbacks:
        PracticePage.objects.get(pk=world.practice.pk).unpublish()
    assert client.get(f"/hors-ligne/packs/communaute/{world.segou.slug}.zip").status_code == 404
    assert "Le pack est en préparation" in client.get(world.segou.url).content.decode()
    for callback in callbacks:
        callback()
    index = pack_index(client, "communaute", world.segou.slug)
    assert "Dialogue avec les chefs" not in index
    assert "Guide de médiation" in index


def test_a_page_made_private_leaves_the_pack_at_once(client, world):
    packs.build_pack("communaute", world.segou.slug)
    PageViewRestriction.objects.create(page=world.tool, restriction_type="login")
    assert client.get(f"/hors-ligne/packs/communaute/{world.segou.slug}.zip").status_code == 404
    packs.build_pack("communaute", world.segou.slug)
    index = pack_index(client, "communaute", world.segou.slug)
    assert "Guide de médiation" not in index


@pytest.mark.parametrize(
    "url",
    [
        "/hors-ligne/packs/communaute/inconnue.zip",
        "/hors-ligne/packs/rien/segou.zip",
        "/hors-ligne/packs/communaute/{segou}.zip",  # not built yet
        "/hors-ligne/packs/communaute/%00.zip",
        "/hors-ligne/packs/theme/" + "a" * 3000 + ".zip",
    ],
)
def test_unknown_or_missing_packs_are_not_found(client, world, url):
    assert client.get(url.format(segou=world.segou.slug)).status_code in (400, 404)


def test_no_pack_for_a_community_with_nothing_public(client, world):
    empty = make_community(world, title="Mopti", region="Mopti")
    assert packs.build_pack("communaute", empty.slug) is None
    assert "Pack hors ligne" not in client.get(empty.url).content.decode()
