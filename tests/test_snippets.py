"""The editors' vocabularies as Wagtail snippets: themes, communes, material languages and
glossary terms keep their history and can be locked; a glossary term can wait as a draft."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from home.models import Place, Theme
from practices.models import MaterialLanguage
from search.glossary import get_glossary
from search.models import GlossaryTerm

PASSWORD = "un-mot-de-passe-long"


@pytest.fixture
def editors(db, django_user_model, client):
    """Two editors, each with a client of their own."""
    first = django_user_model.objects.create_superuser("awa", "awa@example.org", PASSWORD)
    second = django_user_model.objects.create_superuser("binta", "binta@example.org", PASSWORD)
    client.force_login(first)
    other = Client()
    other.force_login(second)
    return client, other


def _theme_form(theme, **changes):
    data = {"name": theme.name, "slug": theme.slug, "description": theme.description}
    data.update(changes)
    return data


def test_editing_a_theme_records_revisions_shown_in_its_history(editors):
    awa, binta = editors
    theme = Theme.objects.create(name="Accès à la justice")
    url = reverse("wagtailsnippets_home_theme:edit", args=[theme.pk])
    response = awa.post(url, _theme_form(theme, description="Aide juridique"))
    assert response.status_code == 302
    response = binta.post(url, _theme_form(theme, description="Aide juridique aux survivantes"))
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.description == "Aide juridique aux survivantes"
    first, second = theme.revisions.order_by("created_at", "pk")
    assert (first.user.username, second.user.username) == ("awa", "binta")
    assert theme.latest_revision == second

    history = awa.get(reverse("wagtailsnippets_home_theme:history", args=[theme.pk]))
    assert history.status_code == 200
    body = history.content.decode()
    # Both edits are listed, the earlier one with its « revert » and « compare » links.
    revert = reverse("wagtailsnippets_home_theme:revisions_revert", args=[theme.pk, first.pk])
    assert revert in body
    assert f"/revisions/compare/{first.pk}...{second.pk}/" in body
    assert "awa" in body and "binta" in body


def test_a_locked_theme_refuses_another_editors_edit(editors):
    awa, binta = editors
    theme = Theme.objects.create(name="Leadership féminin", description="avant")
    locked = awa.post(reverse("wagtailsnippets_home_theme:lock", args=[theme.pk]))
    assert locked.status_code == 302
    theme.refresh_from_db()
    assert theme.locked and theme.locked_by.username == "awa"

    url = reverse("wagtailsnippets_home_theme:edit", args=[theme.pk])
    response = binta.post(url, _theme_form(theme, description="écrasé"))
    theme.refresh_from_db()
    assert theme.description == "avant"
    assert theme.revisions.count() == 0
    assert response.status_code == 200  # the form again, with the reason
    assert "verrouill" in response.content.decode()

    # The editor who holds the lock still edits.
    assert awa.post(url, _theme_form(theme, description="après")).status_code == 302
    theme.refresh_from_db()
    assert theme.description == "après"


def test_a_commune_keeps_its_history_and_a_lock_holds_off_other_editors(editors):
    awa, binta = editors
    place = Place.objects.create(
        name="Kassaro (essai)", region="ML-1", latitude="13.0500", longitude="-8.9000"
    )
    place.refresh_from_db()
    url = reverse("wagtailsnippets_home_place:edit", args=[place.pk])
    form = {
        "name": place.name,
        "slug": place.slug,
        "other_names": "",
        "region": "ML-1",
        "latitude": "13.0500",
        "longitude": "-8.9000",
    }
    assert awa.post(url, {**form, "other_names": "Kasaro"}).status_code == 302
    assert place.revisions.count() == 1

    assert awa.post(reverse("wagtailsnippets_home_place:lock", args=[place.pk])).status_code == 302
    response = binta.post(url, {**form, "longitude": "-9.9000"})
    assert response.status_code == 200
    assert "verrouill" in response.content.decode()
    place.refresh_from_db()
    assert place.longitude == Decimal("-8.9000") and place.other_names == "Kasaro"
    assert place.revisions.count() == 1


def test_material_languages_keep_their_history(editors):
    awa, _binta = editors
    language = MaterialLanguage.objects.create(code="ff-test", name="Fulfulde (test)")
    url = reverse("wagtailsnippets_practices_materiallanguage:edit", args=[language.pk])
    response = awa.post(url, {"name": "Peul", "code": "ff-test", "position": 3})
    assert response.status_code == 302
    language.refresh_from_db()
    assert language.name == "Peul"
    assert language.revisions.count() == 1


def test_the_classification_menu_still_gathers_themes_tags_and_languages(editors):
    awa, _binta = editors
    dashboard = awa.get(reverse("wagtailadmin_home")).content.decode()
    assert "Classement" in dashboard and "Langues des supports" in dashboard
    for model in ("home/theme", "taggit/tag", "practices/materiallanguage"):
        assert f"/admin/snippets/{model}/" in dashboard


def _glossary_terms():
    return {group.term for group in get_glossary().groups}


def test_a_draft_glossary_term_does_not_change_search_until_published(editors):
    awa, _binta = editors
    add = reverse("wagtailsnippets_search_glossaryterm:add")
    data = {"term": "champ collectif", "variants": "parcelles communes", "definition": ""}
    assert awa.post(add, data).status_code == 302  # « Enregistrer le brouillon »
    term = GlossaryTerm.objects.get(term="champ collectif")
    assert not term.live
    assert "champ collectif" not in _glossary_terms()

    edit = reverse("wagtailsnippets_search_glossaryterm:edit", args=[term.pk])
    assert awa.post(edit, {**data, "action-publish": "action-publish"}).status_code == 302
    term.refresh_from_db()
    assert term.live
    assert "champ collectif" in _glossary_terms()

    # A draft edit of a live term leaves the published variants in force.
    draft = {**data, "variants": "jardins partagés"}
    assert awa.post(edit, draft).status_code == 302
    term.refresh_from_db()
    assert term.variants == "parcelles communes" and term.has_unpublished_changes
    assert term.revisions.count() == 3


@pytest.mark.parametrize(
    ("model", "data", "slug"),
    [
        (Theme, {"name": "Mariage d'enfants", "description": ""}, "mariage-denfants"),
        (
            Place,
            {
                "name": "Nioro-Tougouné Rangabé",
                "other_names": "",
                "region": "ML-5",
                "latitude": "15.2300",
                "longitude": "-9.5900",
            },
            "nioro-tougoune-rangabe",
        ),
    ],
    ids=["theme", "commune"],
)
def test_a_slug_left_empty_comes_from_the_name_and_a_clash_is_a_form_error(
    editors, model, data, slug
):
    """Themes and communes share this rule (``home.models.taxonomy.SlugFromNameMixin``)."""
    awa, _binta = editors
    add = reverse(f"wagtailsnippets_home_{model._meta.model_name}:add")
    response = awa.post(add, {**data, "slug": ""})
    assert response.status_code == 302, response.context["form"].errors
    assert model.objects.get(name=data["name"]).slug == slug
    # Another name giving the same slug: the form says so, nothing is created.
    other = {**data, "name": data["name"].upper(), "slug": ""}
    response = awa.post(add, other)
    assert response.status_code == 200
    assert response.context["form"].errors.get("slug")
    assert not model.objects.filter(name=other["name"]).exists()
