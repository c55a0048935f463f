"""Who may download a document: whoever may see a page that uses it (images: see README).

A page « uses » a document when it refers to it anywhere: an attachment row, a foreign key,
a document link in rich text, a DocumentChooserBlock. Wagtail's reference index knows all of
them for the page's row (the live content, or the content of a page never published); the
foreign keys of the pages and of their child rows are also read directly, so that a page
published a moment ago counts even before a queued reference-index update has run.

A page is visible when it is live and every view restriction on it accepts the request
(login, groups, password already given in this session), or when the user may edit it or
review it in the workflow. The index only knows the page's row: for admin users, the newest
revision of the pages with unpublished changes they may edit or review is read too, so that
a moderator can open the file a member just attached to a live page. Whoever may choose or
change the file in the admin may download it too (they see it in the chooser anyway): that
covers an upload not used by any page yet.

``files_any_visitor_may_see`` applies the same rule to many files at once for a visitor
without an account (the JSON API's images and documents).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignKey
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, ReferenceIndex

from .content_version import public

ADMIN_ACTIONS = ("choose", "change")
DOCUMENT, IMAGE = "document", "image"


def _kind(model):
    if model is None:
        return None
    if issubclass(model, get_document_model()):
        return DOCUMENT
    if issubclass(model, get_image_model()):
        return IMAGE
    return None


def files_in_value(model_field, value):
    """{(kind, pk as str)} of the documents and images ``value`` of ``model_field`` refers to."""
    if value in (None, ""):
        return set()
    if isinstance(model_field, ForeignKey):
        kind = _kind(model_field.related_model)
        return {(kind, str(getattr(value, "pk", value)))} if kind else set()
    extract = getattr(model_field, "extract_references", None)
    if extract is None:
        return set()
    found = set()
    for model, object_id, *_rest in extract(value):
        kind = _kind(model)
        if kind and object_id not in (None, ""):
            found.add((kind, str(object_id)))
    return found


def files_of(instance):
    """Every document and image ``instance`` (a page, with its inline rows) refers to."""
    found = set()
    for field in instance._meta.concrete_fields:
        found |= files_in_value(field, field.value_from_object(instance))
    for relation in get_all_child_relations(instance):
        for child in getattr(instance, relation.get_accessor_name()).all():
            found |= files_of(child)
    return found


def pages_using(obj):
    """The pages (base ``Page`` objects) that refer to ``obj``, a document or an image."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    ids |= _pages_with_a_foreign_key_to(obj)
    return Page.objects.filter(pk__in=ids)


def _pages_with_a_foreign_key_to(obj):
    return {page_id for _file_id, page_id in _foreign_key_uses(type(obj), [obj.pk])}


def _foreign_key_uses(model, pks=None):
    """``(file id, page id)`` for each page (or inline row of a page) whose foreign key
    points at a ``model`` object (those of ``pks`` only, when given)."""
    pairs = set()
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and relation.one_to_many):
            continue
        holder = relation.related_model
        rows = holder._default_manager.filter(**{f"{relation.field.name}__isnull": False})
        if pks is not None:
            rows = rows.filter(**{f"{relation.field.name}__in": pks})
        file_column = relation.field.attname
        if issubclass(holder, Page):
            pairs.update(rows.values_list(file_column, "pk"))
            continue
        parent_key = _parental_key_to_a_page(holder)
        if parent_key is not None:
            pairs.update(rows.values_list(file_column, parent_key.attname))
    return pairs


def files_any_visitor_may_see(model):
    """Ids of the ``model`` objects (documents or images) that a visitor without an account
    may see: those a live page without view restriction uses (``may_see_page`` for such a
    visitor), outside the collections that carry a view restriction of their own."""
    page_type = ContentType.objects.get_for_model(Page)
    users = defaultdict(set)  # page id -> file ids
    references = (
        ReferenceIndex.get_references_to_in_bulk(model._default_manager.all())
        .filter(base_content_type=page_type)
        .values_list("to_object_id", "object_id")
    )
    for file_id, page_id in references:
        users[int(page_id)].add(int(file_id))
    for file_id, page_id in _foreign_key_uses(model):
        users[page_id].add(file_id)
    visible = public(Page.objects.live()).filter(pk__in=list(users)).values_list("pk", flat=True)
    ids = set().union(*(users[page_id] for page_id in visible))
    restricted = CollectionViewRestriction.objects.values("collection")
    return set(
        model._default_manager.filter(pk__in=ids)
        .exclude(collection__in=restricted)
        .values_list("pk", flat=True)
    )


def _parental_key_to_a_page(model):
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return field
    return None


def may_see_page(request, page):
    if page.live and all(
        restriction.accept_request(request) for restriction in page.get_view_restrictions()
    ):
        return True
    return request.user.is_authenticated and may_edit_or_review(page, request.user)


def may_handle_in_admin(user, obj, policy):
    if not user.is_authenticated:
        return False
    return any(
        policy.user_has_permission_for_instance(user, action, obj) for action in ADMIN_ACTIONS
    )


def may_edit_or_review(page, user):
    if page.permissions_for_user(user).can_edit():
        return True
    task = page.current_workflow_task
    return bool(task and task.user_can_access_editor(page, user))


def used_in_a_draft_user_may_review(user, obj, kind):
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    drafts = Page.objects.filter(has_unpublished_changes=True, latest_revision__isnull=False)
    for page in drafts.select_related("latest_revision"):
        if may_edit_or_review(page, user) and (kind, str(obj.pk)) in files_of(
            page.latest_revision.as_object()
        ):
            return True
    return False


def may_download_document(request, document):
    if any(may_see_page(request, page) for page in pages_using(document)):
        return True
    user = request.user
    return may_handle_in_admin(user, document, document_policy) or (
        user.is_authenticated and used_in_a_draft_user_may_review(user, document, DOCUMENT)
    )
