"""Serializers for the fields pages expose in the JSON API (``api_fields`` on each model;
the endpoints are in ``cdp_portal.api``).

Each page type lists in ``api_fields`` what a reuser may read, nothing else: contacts, names
of people, connection links, follow-up notes and the safety review are never listed. Related
pages (organisation, communities, concertation frame, related tools) appear only while they
are live and carry no view restriction; rich text is sent as the HTML the page shows.
"""

from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.utils import get_full_url
from wagtail.rich_text import expand_db_html

from .content_version import restricted_paths


def is_public_page(page):
    """Live, with no view restriction on the page or an ancestor (what any visitor sees)."""
    return page.live and not any(page.path.startswith(path) for path in restricted_paths())


def page_reference(page, request):
    """The short form of a related page: id, title, address on the site."""
    return {"id": page.pk, "title": page.title, "html_url": get_full_url(request, page.url)}


class RichTextHTMLField(Field):
    """Rich text as the page shows it (internal links resolved), not the stored form."""

    def to_representation(self, value):
        return expand_db_html(value) if value else ""


class LinesField(Field):
    """A text of one item per line (or per comma with ``separator``) as a list."""

    def __init__(self, *args, separator="\n", **kwargs):
        self.separator = separator
        super().__init__(*args, **kwargs)

    def to_representation(self, value):
        return [item.strip() for item in str(value).split(self.separator) if item.strip()]


class ChoiceField(Field):
    """A choice as ``{"code", "label"}``: codes for programs, labels for people."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        code = getattr(instance, self.field_name)
        label = getattr(instance, f"get_{self.field_name}_display")()
        return {"code": code, "label": str(label)} if code else None


class PageReferenceField(Field):
    """A foreign key to a page: its short form while it is public, else null."""

    def to_representation(self, page):
        if not is_public_page(page):
            return None
        return {**page_reference(page, self.context["request"]), **self.extra(page)}

    def extra(self, page):
        return {}


class OrganizationReferenceField(PageReferenceField):
    def extra(self, page):
        return {"acronym": page.specific_deferred.acronym}


class PageListField(Field):
    """A many-to-many to pages: the public ones, in title order."""

    def to_representation(self, manager):
        request = self.context["request"]
        return [
            page_reference(page, request)
            for page in sorted(manager.all(), key=lambda page: page.title)
            if is_public_page(page)
        ]


class OrganizationListField(PageListField):
    def to_representation(self, manager):
        request = self.context["request"]
        return [
            {**page_reference(page, request), "acronym": page.acronym}
            for page in sorted(manager.all(), key=lambda page: page.title)
            if is_public_page(page)
        ]


class ThemeListField(Field):
    def to_representation(self, manager):
        return [ThemeField().to_representation(theme) for theme in manager.all()]


class TagListField(Field):
    def to_representation(self, manager):
        return [
            {"name": tag.name, "slug": tag.slug}
            for tag in sorted(manager.all(), key=lambda tag: tag.name.lower())
        ]


class ThemeField(Field):
    def to_representation(self, theme):
        return {"id": theme.pk, "name": theme.name, "slug": theme.slug}


class LanguageField(Field):
    def to_representation(self, language):
        return {"code": language.code, "name": language.name}


class LanguageListField(Field):
    def to_representation(self, manager):
        return [LanguageField().to_representation(language) for language in manager.all()]


class FileSizeField(Field):
    """A document's size in bytes (read from the file once if unknown), null if unreadable."""

    def to_representation(self, document):
        try:
            return document.get_file_size()
        except OSError:
            return None


class DocumentFileField(Field):
    """An attached document: where to download it (the site's download view, which checks
    the page again), its size in bytes and its extension."""

    def to_representation(self, document):
        return {
            "id": document.pk,
            "title": document.title,
            "download_url": get_full_url(self.context["request"], document.url),
            "file_size": FileSizeField().to_representation(document),
            "file_extension": document.file_extension,
        }


def classification_api_fields():
    """Communities, themes and tags, for every page type that has them."""
    return [
        APIField("communities", serializer=PageListField()),
        APIField("themes", serializer=ThemeListField()),
        APIField("tags", serializer=TagListField()),
    ]


def attachment_api_fields():
    return [APIField("display_title"), APIField("document", serializer=DocumentFileField())]
