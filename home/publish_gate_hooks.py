"""Admin hooks of the publish gate: the routes around the safety review are hidden, and a
forged request for one of them gets a French explanation and changes nothing.

The model guard (``SafetyGatedPageMixin.publish``) is what makes it impossible; these hooks
make it understandable: « Publier » disappears from portal pages, and a POST that asks for
it anyway is answered before the view saves anything.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.log_actions import LogFormatter

from .models.safety import LOG_ACTION as SAFETY_LOG_ACTION
from .models.safety import SAFETY_CHECKS, SafetyGatedPageMixin
from .models.workflows import OWN_PAGE, SurvivorSafetyTask, is_author

PUBLISH_REFUSED = _(
    "La publication directe est fermée : une page du portail n'est publiée qu'après la "
    "relecture de sécurité. Utilisez « Soumettre pour relecture » ; une autre personne du "
    "groupe « Modérateurs » la publiera après vérification."
)
BULK_PUBLISH_REFUSED = _(
    "La publication groupée est fermée : chaque page du portail passe par la relecture de "
    "sécurité. Soumettez-les pour relecture une à une."
)
COPY_PUBLISH_REFUSED = _(
    "Les copies ne peuvent pas être publiées directement : la copie est créée en brouillon "
    "et passe par la relecture de sécurité. Décochez « Publier les copies »."
)
EDITED_WHILE_APPROVING = _(
    "Vous avez modifié la page en l'approuvant : vous deviendriez l'auteur de la version "
    "publiée. Rien n'a été enregistré. Approuvez la version soumise sans la modifier, ou "
    "enregistrez vos corrections en brouillon et soumettez-les : une autre personne du "
    "groupe « Modérateurs » les relira."
)

AUTOSAVE = _("L'enregistrement automatique n'approuve ni ne renvoie une page.")
NOT_IN_REVIEW = _(
    "Cette page n'est plus en relecture : elle a déjà été approuvée ou renvoyée à son "
    "auteur. Rien n'a été modifié."
)


def is_gated(page_or_class):
    """Whether publishing this page (or page type) needs a safety confirmation."""
    if isinstance(page_or_class, type):
        model = page_or_class
    else:
        model = page_or_class.specific_class or type(page_or_class)
    return issubclass(model, SafetyGatedPageMixin)


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    page = context.get("page")
    if page is not None:
        gated = is_gated(page)
    else:  # create view: the page type is in the URL
        kwargs = request.resolver_match.kwargs if request.resolver_match else {}
        try:
            model = ContentType.objects.get_by_natural_key(
                kwargs["content_type_app_name"], kwargs["content_type_model_name"]
            ).model_class()
        except (KeyError, ContentType.DoesNotExist):
            model = None
        gated = model is None or is_gated(model)
    if gated:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_edit_page")
def refuse_publish_from_edit(request, page):
    # Also covers revert-and-publish and scheduling (a go-live date is set through « Publier »).
    if request.method == "POST" and request.POST.get("action-publish") and is_gated(page):
        messages.error(request, PUBLISH_REFUSED)
        return redirect(_edit_url(page))
    if _is_workflow_action(request) and not request.accepts("text/html"):
        # The editor's autosave posts the whole form, including the workflow action the
        # modal has just set: it must not approve a second time (a 500 once the first
        # approval has finished the workflow). The browser's own submission does it.
        return JsonResponse(
            {"success": False, "error_code": "workflow_action", "error_message": str(AUTOSAVE)},
            status=409,
        )
    if _is_workflow_action(request) and page.current_workflow_task is None:
        # e.g. the form sent twice: the first one already finished the review
        messages.error(request, NOT_IN_REVIEW)
        return redirect(_edit_url(page))
    if _is_approval(request) and is_gated(page) and _form_changes(request, page):
        messages.error(request, EDITED_WHILE_APPROVING)
        return redirect(_edit_url(page))
    if request.method == "GET" and _reviewer_is_author(page, request.user):
        messages.info(request, OWN_PAGE)
    return None


def _is_workflow_action(request):
    return request.method == "POST" and bool(request.POST.get("action-workflow-action"))


def _is_approval(request):
    return _is_workflow_action(request) and request.POST.get("workflow-action-name") == "approve"


def _form_changes(request, page):
    """Whether the edit form posted with an approval changes the page, as the edit view will
    judge it (``form.has_changed()``): the approver would then be the author of the revision
    that gets published, and the approval would be refused after saving it."""
    form_class = type(page).get_edit_handler().get_form_class()
    form = form_class(
        request.POST,
        request.FILES,
        instance=page.get_latest_revision_as_object(),  # a copy: validation changes it
        parent_page=page.get_parent(),
        for_user=request.user,
    )
    return form.is_valid() and form.has_changed()


def _reviewer_is_author(page, user):
    """A reviewer opens a page under review that they wrote: they may not approve it."""
    task = page.current_workflow_task
    if task is None or not isinstance(task.specific, SurvivorSafetyTask):
        return False
    return task.specific.is_reviewer(user) and is_author(page, user)


@hooks.register("before_create_page")
def refuse_publish_from_create(request, parent_page, page_class):
    if request.method == "POST" and request.POST.get("action-publish") and is_gated(page_class):
        messages.error(request, PUBLISH_REFUSED)
        return redirect(reverse("wagtailadmin_explore", args=[parent_page.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish" and any(is_gated(page) for page in objects):
        messages.error(request, BULK_PUBLISH_REFUSED)
        return redirect(action_class_instance.next_url)
    return None


@hooks.register("before_copy_page")
def refuse_copy_and_publish(request, page):
    if request.method == "POST" and request.POST.get("publish_copies") and is_gated(page):
        messages.error(request, COPY_PUBLISH_REFUSED)
        return redirect(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    return None


@hooks.register("register_log_actions")
def register_safety_log_action(actions):
    @actions.register_action(SAFETY_LOG_ACTION)
    class SafetyConfirmedFormatter(LogFormatter):
        label = _("Relecture de sécurité confirmée")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            checked = set(data.get("checks", []))
            labels = [str(label) for name, label, _help in SAFETY_CHECKS if name in checked]
            text = _("Relecture de sécurité confirmée : %(checks)s") % {
                "checks": " ; ".join(labels) or _("aucune vérification")
            }
            if data.get("code_route"):
                text = _("%(text)s (publication par le code)") % {"text": text}
            if data.get("note"):
                text = f"{text} — {data['note']}"
            return text
