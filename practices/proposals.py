"""A member's proposal from the public form becomes a draft page under their organisation,
submitted to the page's workflow, all or nothing."""

from pathlib import PurePath

from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model

from home.member_spaces import member_collection

from .forms import plain_text


class ProposalNotPossible(Exception):
    """The organisation has no review workflow or no collection: nothing was saved."""


def _document_title(upload):
    return plain_text(PurePath(upload.name).stem.replace("_", " "))[:255] or upload.name[:255]


def _store_documents(uploads, collection, user, stored_names):
    Document = get_document_model()
    documents = []
    for upload in uploads:
        document = Document(title=_document_title(upload), collection=collection)
        document.uploaded_by_user = user
        document.file = upload
        document.file_size = upload.size
        document.save()
        stored_names.append(document.file.name)
        documents.append(document)
    return documents


def submit_proposal(form, user):
    """Create the draft page and its documents, then start the page's workflow.

    On any error the database is rolled back and the files already written are deleted, so
    that nothing is half-saved. Returns the page."""
    organization = form.cleaned_data["organization"]
    uploads = form.cleaned_data["files"]
    collection = member_collection(organization)
    if uploads and collection is None:
        raise ProposalNotPossible("no collection")
    stored_names = []
    try:
        with transaction.atomic():
            documents = _store_documents(uploads, collection, user, stored_names)
            page = form.build_page(documents)
            page.owner = user
            page.slug = find_available_slug(
                organization, slugify(page.title)[:80] or form.fallback_slug
            )
            organization.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
            workflow = page.get_workflow()
            if workflow is None:
                raise ProposalNotPossible("no workflow")
            workflow.start(page, user)
    except BaseException:
        storage = get_document_model()._meta.get_field("file").storage
        for name in stored_names:
            storage.delete(name)
        raise
    return page
