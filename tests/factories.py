"""Factories for the portal's pages. Pages are created under their real parents so that
tests see the same tree as the site (see ``site_tree`` in conftest)."""

import itertools

import factory
from django.utils.text import slugify
from wagtail.models import Page

from home.models import CommunityPage, OrganizationKind, OrganizationPage, Theme
from practices.models import ConcertationFramePage, PracticePage, ToolKind, ToolPage

_seq = itertools.count(1)


def add_page(parent, page):
    """Add ``page`` under ``parent`` (published) and return it fresh from the database."""
    if not page.slug:
        page.slug = f"{slugify(page.title)[:40]}-{next(_seq)}"
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def make_community(tree, title="Ségou", region="Ségou", **fields):
    return add_page(tree.communities, CommunityPage(title=title, region=region, **fields))


def make_organization(tree, title=None, acronym="", kind=OrganizationKind.NGO, communities=(), **fields):
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


def root_page():
    return Page.objects.get(depth=1)
