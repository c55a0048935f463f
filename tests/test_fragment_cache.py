"""Cards rendered once per content version ({% content_fragment %}, home.templatetags.
fragment_tags): a publication shows at once, a draft or a restricted page never."""

import datetime

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction

from home.content_version import bump_content_version
from practices.models import PracticePage

from .factories import (
    make_community,
    make_organization,
    make_practice,
    publish,
    publish_revision,
)

PROBE = Template(
    '{% load fragment_tags %}{% content_fragment "probe" key per_day %}[{{ value }}]'
    "{% endcontent_fragment %}"
)


def render(value, key=1, preview=False):
    request = RequestFactory().get("/")
    if preview:
        request.is_preview = True
    return PROBE.render(Context({"request": request, "value": value, "key": key}))


@pytest.fixture
def community(site_tree):
    segou = make_community(site_tree, "Ségou", slug="segou")
    org = make_organization(site_tree, "APROFEM", slug="aprofem", communities=[segou])
    segou.practice = make_practice(
        org, title="Médiation des conflits fonciers", communities=[segou]
    )
    return segou


def test_a_card_shows_a_publication_at_once_and_never_a_draft(client, community):
    assert "Médiation des conflits fonciers" in client.get(community.url).content.decode()
    practice = PracticePage.objects.get(pk=community.practice.pk)
    practice.title = "Titre du brouillon"
    revision = practice.save_revision()
    html = client.get(community.url).content.decode()
    assert "Titre du brouillon" not in html, "a draft stays out of the kept card"
    assert ">Médiation des conflits fonciers</a>" in html
    publish_revision(revision)
    html = client.get(community.url).content.decode()
    assert ">Titre du brouillon</a>" in html, "a publication shows at once"
    assert ">Médiation des conflits fonciers</a>" not in html


def test_a_restricted_page_leaves_every_kept_card_at_once(client, community, site_tree):
    urls = [community.url, "/", site_tree.practices.url]
    for url in urls:
        assert "Médiation des conflits fonciers" in client.get(url).content.decode(), url
    PageViewRestriction.objects.create(page=community.practice, restriction_type="login")
    for url in urls:
        assert "Médiation des conflits fonciers" not in client.get(url).content.decode(), url


def test_a_fragment_is_kept_per_version_language_and_day_and_never_for_a_preview(db):
    bump_content_version()
    assert render("un") == "[un]"
    assert render("deux") == "[un]", "kept for the same version"
    assert render("autre clé", key=2) == "[autre clé]", "the values it depends on"
    assert render("aperçu", preview=True) == "[aperçu]", "a preview renders afresh"
    assert render("trois") == "[un]", "and a preview writes nothing"
    with translation.override("en"):
        assert render("English") == "[English]", "one per interface language"
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda: tomorrow)
        assert render("demain") == "[demain]", "per_day: one per day"
    bump_content_version()
    assert render("quatre") == "[quatre]", "a content change renders again"


def test_a_cache_outage_renders_the_fragment(db, monkeypatch):
    class Broken:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = get

    monkeypatch.setattr("home.templatetags.fragment_tags.cache", Broken())
    assert render("sans cache") == "[sans cache]"


def test_a_fragment_needs_a_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragment_tags %}{% content_fragment probe %}{% endcontent_fragment %}")


def test_publishing_a_practice_again_refreshes_its_card_on_the_home_page(client, community):
    assert "Médiation des conflits fonciers" in client.get("/").content.decode()
    practice = PracticePage.objects.get(pk=community.practice.pk)
    practice.summary = "Résumé tout neuf de la pratique"
    publish(practice)
    assert "Résumé tout neuf de la pratique" in client.get("/").content.decode()
