from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RecommendationStatus


class StatusForm(forms.Form):
    """The bulk status action: one new status, and a note recorded on each item."""

    status = forms.ChoiceField(
        label=_("Nouveau statut"), choices=RecommendationStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note de suivi (facultative)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ajoutée, datée d'aujourd'hui, à chaque élément sélectionné."),
    )


class ImportUploadForm(forms.Form):
    csv_file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Le fichier exporté depuis « Suivi des recommandations », modifié dans "
            "un tableur (colonnes Statut, Échéance, Nouvelle note de suivi). "
            "2 Mo au maximum."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
