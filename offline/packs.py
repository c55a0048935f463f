"""« Pack hors ligne »: every practice and tool sheet of a community or a theme, with their
documents, in one ZIP file to copy onto a phone or a computer and read without a connection.

The pack holds an ``index.html`` (the printable sheets of ``practices.print_sheet``, the same
templates as ``/fiche/`` and ``/livret/``, with the stylesheets inside the file) and a
``documents/`` folder. It is built by a task (``offline.tasks``) when a page in it is
published or unpublished, and stored in the default storage (MEDIA) under a name that carries
the fingerprint of what it holds: the pages' ids and publication dates, their documents'
ids, sizes and checksums. Only the pack whose fingerprint is that of the public content of
now is linked or served: after any change (a page unpublished, restricted, a document made
private…) the old file is never sent again, even before the new one is built.

Privacy follows the page: only live pages without view restriction (``home.content_version
.public``), and only documents outside a collection with a view restriction.
"""

import hashlib
import posixpath
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail.models import CollectionViewRestriction, Site

from home.content_version import bump_content_version, cached_by_key, public
from home.models import CommunityPage, Theme
from home.qr import qr_figure
from practices.models import PracticePage, ToolPage
from practices.print_sheet import QR_TITLE, SHEET_WORDS, sheet_contact

FOLDER = "offline-packs"
# Bumped when the pack's layout changes: every pack is then built again.
FORMAT = "1"
COMMUNITY, THEME = "communaute", "theme"
KINDS = (COMMUNITY, THEME)
PACK_STYLES = ("css/portal.css", "css/sheet.css")


@dataclass
class Pack:
    kind: str
    slug: str
    title: str
    fingerprint: str
    sheet_count: int
    document_count: int
    documents_size: int

    @property
    def name(self):
        return f"{FOLDER}/{self.kind}-{self.slug}-{self.fingerprint[:16]}.zip"

    @property
    def download_name(self):
        return f"pack-hors-ligne-{self.kind}-{self.slug}.zip"

    @property
    def available(self):
        return default_storage.exists(self.name)

    @property
    def size(self):
        return default_storage.size(self.name) if self.available else None


def holder(kind, slug):
    """The live public community page, or the theme, a pack is made for (None if none)."""
    if kind == COMMUNITY:
        return public(CommunityPage.objects.live()).filter(slug=slug).first()
    if kind == THEME:
        return Theme.objects.filter(slug=slug).first()
    return None


def sheets_of(kind, holder_object, fingerprint_only=False):
    """The public practices then tools carrying the community or theme, each with its public
    documents: two queries per page type (the pages, then all their documents), whatever the
    number of pages. ``fingerprint_only``: each page as only what ``fingerprint_of`` reads,
    without building the page objects (a community's pack is described on its page: 9 400
    sheets at 20 000 pages took 30 s and 50 MB of a worker as page objects)."""
    relation = "communities" if kind == COMMUNITY else "themes"
    restricted = CollectionViewRestriction.objects.values("collection")
    sheets = []
    for model, files in ((PracticePage, "attachments"), (ToolPage, "documents")):
        file_model = model._meta.get_field(files).related_model
        rows = file_model.objects.select_related("document").exclude(
            document__collection__in=restricted
        )
        pages = (
            public(model.objects.live()).filter(**{relation: holder_object}).order_by("title", "pk")
        )
        if fingerprint_only:
            by_page = {}
            ordering = file_model._meta.ordering or ["pk"]
            for row in rows.filter(page__in=pages.values("pk")).order_by("page_id", *ordering):
                by_page.setdefault(row.page_id, []).append(row)
            for pk, published in pages.values_list("pk", "last_published_at"):
                item = SimpleNamespace(_meta=model._meta, pk=pk, last_published_at=published)
                sheets.append({"item": item, "files": by_page.get(pk, [])})
            continue
        pages = pages.select_related("organization").prefetch_related(
            Prefetch(files, queryset=rows)
        )
        for page in pages:
            sheets.append({"item": page, "files": list(getattr(page, files).all())})
    return sheets


def fingerprint_of(sheets):
    parts = [FORMAT]
    for sheet in sheets:
        page = sheet["item"]
        parts.append(f"{page._meta.label}:{page.pk}:{page.last_published_at}")
        for row in sheet["files"]:
            document = row.document
            parts.append(
                f"d{document.pk}:{document.file.name}:{document.file_hash}:{row.display_title}"
            )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def file_size(document):
    try:
        return document.get_file_size() or 0
    except OSError:
        return 0


def describe(kind, slug):
    """The pack as it should be now (None when there is no such public community or theme,
    or nothing public in it)."""
    found = holder(kind, slug)
    if found is None:
        return None
    sheets = sheets_of(kind, found, fingerprint_only=True)
    if not sheets:
        return None
    documents = {row.document.pk: row.document for sheet in sheets for row in sheet["files"]}
    return Pack(
        kind=kind,
        slug=slug,
        title=found.title if kind == COMMUNITY else found.name,
        fingerprint=fingerprint_of(sheets),
        sheet_count=len(sheets),
        document_count=len(documents),
        documents_size=sum(file_size(document) for document in documents.values()),
    )


def current_pack(kind, slug):
    """``describe`` once per content change (the storage is asked each time)."""
    if kind not in KINDS:
        return None
    return cached_by_key("offline-pack", (kind, slug), lambda: describe(kind, slug))


# Building -----------------------------------------------------------------------------------


def site_request():
    """A request to the default site: the sheets' QR codes and contacts need one."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    host = site.hostname if site else "localhost"
    port = str(site.port) if site else "80"
    request = RequestFactory().get("/", SERVER_NAME=host, SERVER_PORT=port)
    request.META["HTTP_HOST"] = host if port in ("80", "443") else f"{host}:{port}"
    return request


def inline_styles():
    texts = []
    for name in PACK_STYLES:
        found = finders.find(name)
        if found:
            texts.append(Path(found).read_text(encoding="utf-8"))
    # Inside a <style> element: nothing in a stylesheet may close it.
    return mark_safe("\n".join(texts).replace("</", "<\\/"))  # noqa: S308 - our own files


def document_path(index, document):
    base = posixpath.basename(document.file.name)
    stem, dot, extension = base.rpartition(".")
    name = slugify(stem or base)[:60] or "document"
    return f"documents/{index:02d}-{name}{dot}{extension.lower() if dot else ''}"


def render_index(pack, sheets, request, paths):
    for sheet in sheets:
        item = sheet["item"]
        sheet["qr"] = qr_figure(item.get_full_url(request), QR_TITLE)
        sheet["contact"] = sheet_contact(item, request)
        sheet["address"] = item.get_full_url(request)
        sheet["downloads"] = [
            {"row": row, "path": paths[row.document.pk], "size": file_size(row.document)}
            for row in sheet["files"]
        ]
    return render_to_string(
        "offline/pack.html",
        {
            "pack": pack,
            "sheets": sheets,
            "styles": inline_styles(),
            "sheet_words": SHEET_WORDS,
            "built_at": timezone.now(),
        },
        request=request,
    )


def write_zip(target, pack, sheets, request):
    documents = {}
    for sheet in sheets:
        for row in sheet["files"]:
            documents.setdefault(row.document.pk, row.document)
    paths = {pk: document_path(n, doc) for n, (pk, doc) in enumerate(documents.items(), 1)}
    index = render_index(pack, sheets, request, paths)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", index)
        for pk, document in documents.items():
            # Documents are compressed already (PDF, DOCX…): stored as they are.
            with (
                document.file.open("rb") as source,
                archive.open(zipfile.ZipInfo(paths[pk], date_time=_zip_time()), "w") as out,
            ):
                shutil.copyfileobj(source, out)


def _zip_time():
    return timezone.localtime().timetuple()[:6]


def build_pack(kind, slug):
    """Builds the pack of ``kind``/``slug`` if the current one is missing; deletes the older
    ones. Returns the stored name, or None when there is nothing public to pack."""
    with translation.override(settings.LANGUAGE_CODE):
        pack = describe(kind, slug)
        changed = False
        if pack is not None and not default_storage.exists(pack.name):
            sheets = sheets_of(kind, holder(kind, slug))
            with tempfile.TemporaryFile() as temporary:
                write_zip(temporary, pack, sheets, site_request())
                temporary.seek(0)
                default_storage.save(pack.name, File(temporary, name=pack.name))
            changed = True
        changed = delete_packs(kind, slug, keep=pack and pack.name) > 0 or changed
    if changed:
        # The community or theme page shows the pack's size and link: rendered afresh.
        bump_content_version()
    return pack and pack.name


def delete_packs(kind, slug, keep=None):
    """Removes the stored packs of ``kind``/``slug`` other than ``keep``."""
    prefix = f"{kind}-{slug}-"
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = f"{FOLDER}/{name}"
        if name.startswith(prefix) and name.endswith(".zip") and path != keep:
            # "theme-vbg-" must not remove "theme-vbg-rurale-…": the rest is one fingerprint.
            if "-" in name[len(prefix) : -len(".zip")]:
                continue
            default_storage.delete(path)
            removed += 1
    return removed


def every_pack():
    """(kind, slug) of every community and theme that may have a pack."""
    communities = public(CommunityPage.objects.live()).values_list("slug", flat=True)
    themes = Theme.objects.filter(
        Q(pk__in=PracticePage.objects.values("themes"))
        | Q(pk__in=ToolPage.objects.values("themes"))
    ).values_list("slug", flat=True)
    return [(COMMUNITY, slug) for slug in communities] + [(THEME, slug) for slug in themes]
