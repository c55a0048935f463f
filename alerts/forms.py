"""The subscription forms: what to follow (everything, communities, themes, tags) and how
often; the address only when subscribing. Unknown ids, NUL bytes and malformed addresses are
form errors (Django's own validation), never a crash."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from home import registry
from home.content_version import public
from home.models import CommunityPage, Theme

from .models import Frequency


def public_communities():
    return public(CommunityPage.objects.live()).order_by("title")


def public_tags():
    """Tags carried by at least one public page (a tag only a draft carries stays unknown)."""
    public_pages = public(Page.objects.live()).values("pk")
    condition = Q(pk__in=[])
    for model in registry.classified_models:
        if hasattr(model, "tags"):
            carried = model.tags.through.objects.filter(content_object__in=public_pages)
            condition |= Q(pk__in=carried.values("tag_id"))
    return Tag.objects.filter(condition).order_by("name")


# Larger ids cannot exist; asking the database for them would overflow its integer.
MAX_ID = 2**31 - 1
NUMBER = re.compile(r"[0-9]+")


class IdsField(forms.ModelMultipleChoiceField):
    """Checkboxes of model ids: an id too large to exist is an invalid choice, not a crash."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        for item in value or ():
            if NUMBER.fullmatch(str(item)) and int(item) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super().clean(value)


class ChoicesForm(forms.Form):
    everything = forms.BooleanField(
        label=_("Toutes les nouveautés du portail"),
        required=False,
    )
    communities = IdsField(
        label=_("Communautés"),
        queryset=CommunityPage.objects.none(),
        required=False,
    )
    themes = IdsField(
        label=_("Thèmes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
    )
    tags = IdsField(
        label=_("Mots-clés"),
        queryset=Tag.objects.none(),
        required=False,
    )
    frequency = forms.ChoiceField(
        label=_("Fréquence"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = public_communities()
        self.fields["tags"].queryset = public_tags()

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("everything") or any(
            cleaned.get(name) for name in ("communities", "themes", "tags")
        )
        if not chosen and not self.errors:
            raise forms.ValidationError(
                _(
                    "Choisissez au moins une communauté, un thème ou un mot-clé, "
                    "ou toutes les nouveautés."
                ),
                code="nothing_chosen",
            )
        return cleaned

    def apply_to(self, subscription):
        """Write the choices into ``subscription`` (saved)."""
        data = self.cleaned_data
        subscription.everything = data["everything"]
        subscription.frequency = data["frequency"]
        subscription.save()
        subscription.communities.set(data["communities"])
        subscription.themes.set(data["themes"])
        subscription.tags.set(data["tags"])
        return subscription


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        help_text=_("Elle ne sert qu'à vous envoyer les nouveautés choisies."),
    )
    field_order = ["email", "everything", "communities", "themes", "tags", "frequency"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
