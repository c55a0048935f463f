"""Admin view « Ajouter une organisation membre »: the same flow as
``manage.py add_member_organisation`` (``home.onboarding``), for editors."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CommunityPage, OrganizationKind
from .onboarding import ACRONYM_MAX, NAME_MAX, OnboardingError, add_member_organisation
from .workflows import EDITORS_GROUP, is_superuser_or_in

TEMPLATE = "home/admin/add_member_organisation.html"


def can_add_member_organisations(user):
    """Editors and superusers only (a member must not open spaces for others)."""
    return is_superuser_or_in(user, EDITORS_GROUP)


class MemberOrganisationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nom de l'organisation"), max_length=NAME_MAX)
    acronym = forms.CharField(label=gettext_lazy("Sigle"), max_length=ACRONYM_MAX, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Type d'organisation"),
        choices=OrganizationKind.choices,
        initial=OrganizationKind.NGO,
        widget=forms.Select(attrs={"class": "w-w-full"}),
    )
    community = forms.ModelChoiceField(
        label=gettext_lazy("Communauté de pratique"),
        required=False,
        queryset=CommunityPage.objects.order_by("title"),
        empty_label=gettext_lazy("— aucune pour l'instant —"),
        widget=forms.Select(attrs={"class": "w-w-full"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Courriel du premier membre"),
        help_text=gettext_lazy(
            "Cette personne reçoit un lien pour choisir son mot de passe ; "
            "aucun mot de passe n'est envoyé."
        ),
    )


def add_member_organisation_view(request):
    if not can_add_member_organisations(request.user):
        raise PermissionDenied
    form = MemberOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = add_member_organisation(**form.cleaned_data, invited_by=request.user)
        except OnboardingError as error:
            form.add_error(None, str(error))
        else:
            organization = result.organization
            if result.organization_created:
                messages.success(
                    request,
                    _(
                        "Organisation « %(name)s » créée en brouillon : elle sera publique après "
                        "relecture."
                    )
                    % {"name": organization.title},
                )
            else:
                messages.info(
                    request,
                    _("Organisation « %(name)s » déjà présente : son espace est complété.")
                    % {"name": organization.title},
                )
            if result.invitation_sent:
                messages.success(
                    request,
                    _("Invitation envoyée à %(email)s pour choisir un mot de passe.")
                    % {"email": result.user.email},
                )
            else:
                messages.info(
                    request,
                    _(
                        "%(email)s est déjà membre et a choisi son mot de passe : aucune "
                        "invitation envoyée."
                    )
                    % {"email": result.user.email},
                )
            if organization.permissions_for_user(request.user).can_edit():
                return redirect("wagtailadmin_pages:edit", organization.pk)
            return redirect("add_member_organisation")
    return TemplateResponse(request, TEMPLATE, {"form": form})
