"""Admin view: update many recommendations from a CSV in the export's format.

Upload → preview (every change and every row error, nothing written) → confirm. The
changes travel signed in the confirmation form, so nothing is stored between the steps;
confirming records the preview's nonce, so that the same preview is confirmed once only.
"""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import csv_io
from .forms import ImportConfirmForm, ImportUploadForm

TEMPLATE = "events/admin/import.html"


def import_recommendations(request):
    if not request.user.has_perm("events.change_recommendation"):
        raise PermissionDenied
    listing_url = reverse("wagtailsnippets_events_recommendation:list")
    context = {"listing_url": listing_url, "columns": [str(label) for _k, label in csv_io.COLUMNS]}
    if request.method == "POST" and "token" in request.POST:
        form = ImportConfirmForm(request.POST)
        try:
            count = csv_io.confirm_import(form.data.get("token", ""), request.user)
        except signing.BadSignature:
            messages.error(
                request,
                _("La confirmation a expiré ou a été altérée : importez le fichier de nouveau."),
            )
            return redirect(request.path)
        except csv_io.AlreadyConfirmed:
            messages.warning(
                request,
                _(
                    "Cet import a déjà été confirmé : rien n'a été enregistré de nouveau. "
                    "Pour d'autres modifications, importez un nouveau fichier."
                ),
            )
            return redirect(listing_url)
        messages.success(
            request,
            ngettext("%(count)s élément mis à jour.", "%(count)s éléments mis à jour.", count)
            % {"count": count},
        )
        return redirect(listing_url)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = csv_io.read_upload(form.cleaned_data["csv_file"])
            except csv_io.ImportFileError as error:
                form.add_error("csv_file", str(error))
            else:
                results = csv_io.check_rows(rows)
                errors = [r for r in results if r.errors]
                changed = [r for r in results if r.changes]
                context.update(
                    results=results,
                    errors=errors,
                    changed=changed,
                    unchanged_count=len(results) - len(errors) - len(changed),
                    confirm_form=ImportConfirmForm(initial={"token": csv_io.sign_changes(results)})
                    if changed and not errors
                    else None,
                )
                return TemplateResponse(request, "events/admin/import_preview.html", context)
    else:
        form = ImportUploadForm()
    context["form"] = form
    return TemplateResponse(request, TEMPLATE, context)
