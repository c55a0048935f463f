"""The tests' page factory (tests/factories.py ``add_page``): its quick path leaves the same
state as the admin's path step by step, so that tests built on it test the real thing."""

import re

from django.contrib.contenttypes.models import ContentType
from wagtail.models import PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend

from home.content_version import content_version
from home.models import SafetyConfirmation
from practices.models import PracticePage
from search.models import SearchEntry

from .factories import TEST_NOTE, ThemeFactory, add_page, make_community, make_image


def page_state(page):
    """What a published page leaves behind, with the page's own ids and dates left out."""
    revision = page.live_revision
    confirmation = SafetyConfirmation.objects.get(revision=revision)
    entry = SearchEntry.objects.get(page_id=page.pk)
    page_type = ContentType.objects.get_for_model(PracticePage)
    references = ReferenceIndex.objects.filter(
        base_content_type__in=[
            page_type,
            ContentType.objects.get(app_label="wagtailcore", model="page"),
        ],
        object_id=str(page.pk),
    )
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "published": page.first_published_at is not None and page.last_published_at is not None,
        "latest_is_live": page.latest_revision_id == revision.pk,
        "draft_title": page.draft_title,
        "revisions": page.revisions.count(),
        "revision_title": revision.as_object().title,
        "confirmation": (confirmation.all_checked, confirmation.note, confirmation.confirmed_by),
        "log": sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)),
        "search_entry": (entry.heading, entry.url.replace(page.slug, "<slug>"), entry.keywords),
        "facets": sorted(entry.facets.values_list("facet", "value")),
        "wagtail_search": [
            result.pk for result in get_search_backend().search(page.title, PracticePage)
        ],
        # (a tag's content path holds the id of the page's own tagging row)
        "references": sorted(
            (model_path, re.sub(r"\.\d+\.", ".<id>.", content_path), to_object_id)
            for model_path, content_path, to_object_id in references.values_list(
                "model_path", "content_path", "to_object_id"
            )
        ),
    }


def test_quick_path_leaves_the_state_of_the_step_by_step_path(site_tree):
    segou = make_community(site_tree)
    theme = ThemeFactory(name="Mariage d'enfants")
    image = make_image()
    states = {}
    for fast in (True, False):
        before = content_version()
        practice = PracticePage(
            title=f"Clubs de jeunes filles {'rapide' if fast else 'pas à pas'}",
            summary="Des clubs où les filles apprennent ensemble.",
            main_image=image,
        )
        practice.communities.set([segou])
        practice.themes.set([theme])
        practice.tags.set(["clubs"])
        page = add_page(site_tree.practices, practice, fast=fast)
        assert content_version() != before  # the site's caches follow the new page
        state = page_state(page)
        assert state["wagtail_search"] == [page.pk]
        state["wagtail_search"] = len(state["wagtail_search"])
        state["draft_title"] = state["draft_title"] == page.title
        state["revision_title"] = state["revision_title"] == page.title
        state["search_entry"] = (state["search_entry"][0] == page.title, *state["search_entry"][1:])
        states[fast] = state
    assert states[True] == states[False]
    quick = states[True]
    assert quick["live"] and quick["published"] and quick["latest_is_live"]
    assert not quick["has_unpublished_changes"]
    assert quick["revisions"] == 1
    assert quick["confirmation"] == (True, TEST_NOTE, None)
    assert "wagtail.publish" in quick["log"]
    assert quick["references"], "the image and the community are referenced"
