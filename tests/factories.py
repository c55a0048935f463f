"""Factories for the portal's pages. Pages are created under their real parents so that
tests see the same tree as the site (see ``site_tree`` in conftest)."""

import itertools
from contextlib import contextmanager

import factory
from django.conf import settings
from django.test.utils import override_settings
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.models import ActorMapPage, CommunityPage, OrganizationKind, OrganizationPage, Theme
from home.safety import publish_confirmed
from practices.models import ConcertationFramePage, PracticePage, ToolKind, ToolPage

_seq = itertools.count(1)


TEST_NOTE = "publiée par les tests"


def publish_revision(revision):
    """Publish ``revision`` through the code route of the safety gate."""
    return publish_confirmed(revision, note=TEST_NOTE)


def publish(page):
    """Publish the current state of ``page`` through the code route of the safety gate."""
    publish_revision(page.save_revision())
    return page


@contextmanager
def indexed_by_the_publish():
    """Saves whose Wagtail search entry and reference index the publish that follows writes
    again from the same page (its own save does both): skipped here, as they would be
    overwritten. The project's search index (``search.signals``) and the content version
    follow the publish as always."""
    backends = {
        name: {**config, "AUTO_UPDATE": False}
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), disable_reference_index_auto_update():
        yield


def add_page(parent, page, fast=True):
    """Add ``page`` under ``parent``, publish it (through the safety gate's code route,
    ``publish_confirmed``) and return it fresh from the database.

    The page is saved three times, as the admin does: created, its first revision, published.
    By default (``fast``) the first two saves leave Wagtail's search entry and reference index
    to the publish's save (``indexed_by_the_publish``) and the revision skips a second
    validation of the fields just validated by the creation: the page, its revision, its safety
    confirmation, its log entries and every index end as with ``fast=False``, the admin's
    path step by step (``tests/test_publish_gate.py`` checks both agree)."""
    if not page.slug:
        page.slug = f"{slugify(page.title)[:40]}-{next(_seq)}"
    if fast:
        with indexed_by_the_publish():
            parent.add_child(instance=page)
            revision = page.save_revision(clean=False)
        publish_revision(revision)
    else:
        parent.add_child(instance=page)
        publish(page)
    return page.__class__.objects.get(pk=page.pk)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def make_community(tree, title="Ségou", region="Ségou", **fields):
    return add_page(tree.communities, CommunityPage(title=title, region=region, **fields))


def make_organization(
    tree, title=None, acronym="", kind=OrganizationKind.NGO, communities=(), **fields
):
    title = title or f"Organisation {next(_seq)}"
    org = OrganizationPage(title=title, acronym=acronym, kind=kind, **fields)
    org.communities.set(list(communities))
    return add_page(tree.organizations, org)


def make_practice(parent, title=None, communities=(), themes=(), tags=(), **fields):
    title = title or f"Pratique {next(_seq)}"
    fields.setdefault("summary", f"Résumé de {title}.")
    practice = PracticePage(title=title, **fields)
    practice.communities.set(list(communities))
    practice.themes.set(list(themes))
    practice.tags.set(list(tags))
    return add_page(parent, practice)


def make_tool(parent, title=None, communities=(), themes=(), tags=(), languages=(), **fields):
    title = title or f"Outil {next(_seq)}"
    fields.setdefault("summary", f"Résumé de {title}.")
    fields.setdefault("kind", ToolKind.GUIDE)
    tool = ToolPage(title=title, **fields)
    tool.communities.set(list(communities))
    tool.themes.set(list(themes))
    tool.tags.set(list(tags))
    tool.languages.set(list(languages))
    return add_page(parent, tool)


def make_frame(tree, title=None, communities=(), themes=(), **fields):
    title = title or f"Cadre {next(_seq)}"
    frame = ConcertationFramePage(title=title, **fields)
    frame.communities.set(list(communities))
    frame.themes.set(list(themes))
    return add_page(tree.frames, frame)


def grow_catalogue(tree, numbers, *, organization, practice, tool, frame):
    """For each of ``numbers``: an organisation with a practice and a tool, and a concertation
    frame. ``organization``, ``practice``, ``tool`` and ``frame`` give each page's fields
    (title included) for a number, in that order: the tests that count a page's queries as
    its lists grow (listings, theme pages, community pages) differ only in those."""
    for number in numbers:
        org = make_organization(tree, **organization(number))
        make_practice(org, **practice(number))
        make_tool(org, **tool(number))
        make_frame(tree, **frame(number))


def root_page():
    return Page.objects.get(depth=1)


def make_image(title="Mur d'expression artistique", width=1200, height=800, color=(107, 31, 92)):
    """A real JPEG in the image library (renditions need a readable file)."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="JPEG", quality=80)
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name=f"{slugify(title)[:40] or 'image'}.jpg")
    image.save()
    return image


def _pdf_bytes(size):
    """A valid, empty PDF of about ``size`` bytes (padding in comments)."""
    head = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    )
    pad = b"%" + b"0" * 70 + b"\n"
    body = head + pad * max(0, (size - len(head) - 200) // len(pad))
    xref = (
        b"xref\n0 3\n0000000000 65535 f \n"
        + b"%010d 00000 n \n" % 9
        + b"%010d 00000 n \n" % head.index(b"2 0 obj")
        + b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n"
        + str(len(body)).encode()
        + b"\n%%EOF\n"
    )
    return body + xref


def make_document(title="Guide de la médiation communautaire", size=48_000, extension="pdf"):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    content = _pdf_bytes(size) if extension == "pdf" else b"x" * size
    document = get_document_model()(title=title)
    name = f"{slugify(title)[:40] or 'document'}.{extension}"
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def body_with_every_block(image=None, document=None):
    """A BodyStreamBlock value using each block type once (for templates and their tests)."""
    blocks = [
        ("heading", "Ce que la communauté a appris"),
        (
            "paragraph",
            "<p>Les membres se réunissent chaque semestre pour <b>partager</b> "
            "leurs pratiques.</p>",
        ),
        (
            "quote",
            {
                "text": "Le suivi des recommandations est la clé de notre réussite.",
                "speaker": "Présidente du comité",
                "role": "Gouvernorat de Ségou",
            },
        ),
        ("figure", {"value": "41", "label": "participants au cadre sur le mariage d'enfants"}),
    ]
    if image is not None:
        blocks.append(
            (
                "image",
                {
                    "image": image,
                    "decorative": False,
                    "alt_text": "Fresque peinte sur un mur d'école à Ségou",
                },
            )
        )
    if document is not None:
        blocks.append(("document", {"document": document, "title": "Télécharger le guide"}))
    return blocks


def every_page_type(tree):
    """One page of each type with realistic content; returns {name: path} for the visitor's
    pages (index pages, details, theme and tag pages, search, a missing page)."""
    from django.urls import reverse

    from home.models import StandardPage

    theme = ThemeFactory(name="Mariage d'enfants")
    image = make_image()
    document = make_document()
    segou = make_community(
        tree,
        title="Ségou",
        region="Ségou",
        summary="La CdP de Ségou réunit les organisations de la région.",
        body=body_with_every_block(image=image, document=document),
    )
    kayes = make_community(tree, title="Kayes", region="Kayes", summary="La CdP de Kayes.")
    org = make_organization(
        tree,
        title="Association pour le progrès des femmes",
        acronym="APROFEM",
        communities=[segou],
        commune="Ségou",
    )
    practice = make_practice(
        org,
        title="Associations villageoises d'épargne et de crédit",
        communities=[segou, kayes],
        themes=[theme],
        tags=["AVEC", "autonomisation"],
        main_image=image,
        places="Ségou, Kayes",
    )
    tool = make_tool(
        org,
        title="Guide de la médiation communautaire",
        communities=[segou],
        themes=[theme],
        tags=["médiation"],
    )
    frame = make_frame(
        tree,
        title="Mariage d'enfants",
        communities=[segou],
        themes=[theme],
        summary="Cadre de concertation sur le mariage d'enfants.",
        body=body_with_every_block(image=image, document=document),
    )
    about = add_page(
        tree.home,
        StandardPage(
            title="À propos",
            slug="a-propos",
            introduction="Qui sommes-nous.",
            body=body_with_every_block(image=image, document=document),
        ),
    )
    actor_map = add_page(
        tree.home, ActorMapPage(title="Carte des acteurs", slug="carte-des-acteurs")
    )
    tag_slug = practice.tags.first().slug
    return {
        "home": "/",
        "community_index": tree.communities.url,
        "community": segou.url,
        "organization_index": tree.organizations.url,
        "organization": org.url,
        "practice_index": tree.practices.url,
        "practice": practice.url,
        "tool_index": tree.tools.url,
        "tool": tool.url,
        "frame_index": tree.frames.url,
        "frame": frame.url,
        "standard": about.url,
        "actor_map": actor_map.url,
        "quick_exit_note": tree.quick_exit_help.url,
        "theme_list": reverse("theme_list"),
        "theme": theme.get_absolute_url(),
        "tag": reverse("tag_detail", args=[tag_slug]),
        "search": reverse("search") + "?q=mariage",
        "not_found": "/nulle-part/",
    }


# --- events (meetings, follow-up, results) ------------------------------------------------


def make_event_index(tree, title="Agenda et comptes rendus", slug="agenda"):
    from events.models import EventIndexPage

    return add_page(tree.home, EventIndexPage(title=title, slug=slug, show_in_menus=True))


def make_meeting(
    index, title=None, communities=(), organizers=(), participating=(), sessions=(), **fields
):
    """A published MeetingPage; ``sessions`` are dicts of MeetingSession fields."""
    import datetime

    from events.models import MeetingPage, MeetingSession

    title = title or f"Rencontre {next(_seq)}"
    fields.setdefault("start_date", datetime.date(2025, 10, 2))
    meeting = MeetingPage(title=title, **fields)
    meeting.communities.set(list(communities))
    meeting.organizers.set(list(organizers))
    meeting.participating_organizations.set(list(participating))
    meeting.sessions = [MeetingSession(**session) for session in sessions]
    return add_page(index, meeting)


def make_recommendation(meeting=None, plan=None, text=None, **fields):
    from events.models import Recommendation

    return Recommendation.objects.create(
        meeting=meeting, plan=plan, text=text or f"Recommandation {next(_seq)}", **fields
    )
