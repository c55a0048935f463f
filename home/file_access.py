"""Who may download a document: whoever may see a page that uses it (images: see README).

A page « uses » a document when it refers to it anywhere: an attachment row, a foreign key,
a document link in rich text, a DocumentChooserBlock. Wagtail's reference index knows all of
them for the page's row (the live content, or the content of a page never published); the
foreign keys of the pages and of their child rows are also read directly, so that a page
published a moment ago counts even before a queued reference-index update has run.

A page is visible when it is live and every view restriction on it accepts the request
(login, groups, password already given in this session), or when the user may edit it or
review it in the workflow. Whoever may choose or change the file in the admin may download
it too (they see it in the chooser anyway): that covers an upload not used by any page yet,
and a file used only in a draft revision of a live page.
"""

from django.contrib.contenttypes.models import ContentType
from modelcluster.fields import ParentalKey
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.models import Page, ReferenceIndex

ADMIN_ACTIONS = ("choose", "change")


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
    ids = set()
    for relation in obj._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and relation.one_to_many):
            continue
        holder = relation.related_model
        rows = holder._default_manager.filter(**{relation.field.name: obj})
        if issubclass(holder, Page):
            ids.update(rows.values_list("pk", flat=True))
            continue
        parent_key = _parental_key_to_a_page(holder)
        if parent_key is not None:
            ids.update(rows.values_list(parent_key.attname, flat=True))
    return ids


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
    user = request.user
    if not user.is_authenticated:
        return False
    if page.permissions_for_user(user).can_edit():
        return True
    task = page.current_workflow_task
    return bool(task and task.user_can_access_editor(page, user))


def may_handle_in_admin(user, obj, policy):
    if not user.is_authenticated:
        return False
    return any(
        policy.user_has_permission_for_instance(user, action, obj) for action in ADMIN_ACTIONS
    )


def may_download_document(request, document):
    if any(may_see_page(request, page) for page in pages_using(document)):
        return True
    return may_handle_in_admin(request.user, document, document_policy)
