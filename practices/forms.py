"""The public « Proposer une pratique / un outil » forms of logged-in members.

Plain text only: whatever HTML a member types or pastes is stripped, and long texts become
paragraphs. Files are checked here (type, content, size) so that nothing is stored before
every field is valid."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.utils import parse_tags

from home.models import CommunityPage, Theme
from home.templatetags.portal_tags import human_size

from .models import (
    MaterialLanguage,
    PracticeAttachment,
    PracticePage,
    ToolDocument,
    ToolKind,
    ToolPage,
)
from .uploads import allowed_extensions, max_upload_size, validate_document_upload

MAX_FILES = 5
MAX_TAGS = 10
TAG_MAX_LENGTH = 100
FIGURE_ROWS = 3


def plain_text(value):
    """The text without any HTML tag, trimmed."""
    return strip_tags(value or "").strip()


def paragraphs(value):
    """Plain text typed in a textarea as rich-text HTML paragraphs (escaped)."""
    text = plain_text(value)
    return linebreaks(text, autoescape=True) if text else ""


def _files_help():
    return _(
        "%(count)s fichiers au plus, %(size)s au plus chacun. Formats acceptés : %(formats)s."
    ) % {
        "count": MAX_FILES,
        "size": human_size(max_upload_size()),
        "formats": ", ".join(extension.upper() for extension in allowed_extensions()),
    }


files_help = lazy(_files_help, str)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files in one input; each one checked by ``validate_document_upload``."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        if not uploads:
            return []
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                ngettext("%(count)s fichier au plus.", "%(count)s fichiers au plus.", MAX_FILES)
                % {"count": MAX_FILES}
            )
        errors = []
        for upload in uploads:
            try:
                super().clean(upload, initial)
                validate_document_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads


def checkboxes(queryset, label, help_text=""):
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class ProposalForm(forms.Form):
    """Fields shared by the practice and tool forms."""

    organization = forms.ModelChoiceField(
        queryset=None,
        label=_("Au nom de"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez une de vos organisations.")},
    )
    title = forms.CharField(
        label=_("Titre"),
        max_length=255,
        help_text=_("Court et parlant, par exemple « Caravane de sensibilisation à Kayes »."),
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Deux ou trois phrases, 600 signes au plus."),
    )
    # The live, public communities are looked up per form (``public()`` reads the
    # restrictions when called).
    communities = checkboxes(CommunityPage.objects.none(), _("Communautés de pratique concernées"))
    themes = checkboxes(Theme.objects.order_by("name"), _("Thèmes"))
    tags = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        max_length=500,
        help_text=_("Séparés par des virgules, par exemple « mariage d'enfants, radio »."),
    )
    files = DocumentsField(label=_("Documents à joindre"), required=False, help_text=files_help)
    safety_checked = forms.BooleanField(
        label=_(
            "J'ai vérifié : ni nom, ni visage, ni village, ni date d'incident ne permet de "
            "reconnaître une survivante ou un enfant ; les personnes photographiées ont donné "
            "leur accord ; les sources des chiffres sont citées."
        ),
        error_messages={"required": _("Cochez cette case après avoir relu votre texte.")},
    )

    plain_fields = ("title", "summary")
    rich_fields = ()

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["communities"].queryset = (
            CommunityPage.objects.live().public().order_by("title")
        )
        if len(organizations) == 1:
            self.fields["organization"].widget = forms.HiddenInput()
            self.fields["organization"].initial = organizations[0].pk

    def clean(self):
        cleaned = super().clean()
        for name in (*self.plain_fields, *self.rich_fields):
            if name not in cleaned:  # already refused
                continue
            text = plain_text(cleaned[name])
            if not text and self.fields[name].required:
                self.add_error(name, _("Écrivez du texte, sans balises HTML."))
            else:
                cleaned[name] = paragraphs(text) if name in self.rich_fields else text
        organization = cleaned.get("organization")
        if organization is not None and organization.get_workflow() is None:
            raise ValidationError(
                _(
                    "La relecture n'est pas encore en place pour votre organisation : "
                    "rien n'a été enregistré. Prévenez la coordination du portail."
                )
            )
        return cleaned

    def clean_tags(self):
        tags = [plain_text(tag) for tag in parse_tags(self.cleaned_data.get("tags", ""))]
        tags = [tag for tag in tags if tag]
        if len(tags) > MAX_TAGS:
            raise ValidationError(_("%(count)s mots-clés au plus.") % {"count": MAX_TAGS})
        if any(len(tag) > TAG_MAX_LENGTH for tag in tags):
            raise ValidationError(
                _("Un mot-clé fait %(count)s signes au plus.") % {"count": TAG_MAX_LENGTH}
            )
        return tags

    def build_page(self, documents):
        """The unsaved draft page of this proposal, with ``documents`` attached."""
        data = self.cleaned_data
        page = self.page_model(title=data["title"], summary=data["summary"], live=False)
        page.communities = list(data["communities"])
        page.themes = list(data["themes"])
        page.tags.set(data["tags"])
        return page

    @property
    def typed_files(self):
        """True when files were sent: the browser cannot keep them after an error."""
        return bool(self.files.getlist(self.add_prefix("files")))


class PracticeProposalForm(ProposalForm):
    approach = forms.CharField(
        label=_("Ce qui a été fait"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text=_("Les étapes, qui a agi (organisations, services, comités), avec quels moyens."),
    )
    results = forms.CharField(
        label=_("Résultats"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text=_("Ce qui a changé. Citez la source de chaque chiffre (rapport, registre…)."),
    )
    places = forms.CharField(
        label=_("Lieux"),
        required=False,
        max_length=500,
        help_text=_(
            "Communes ou cercles, séparés par des virgules. Pas de hameau ni de petit village."
        ),
    )

    field_order = [
        "organization",
        "title",
        "summary",
        "approach",
        "results",
        *[
            f"figure_{row}_{part}"
            for row in range(1, FIGURE_ROWS + 1)
            for part in ("value", "label")
        ],
        "places",
        "communities",
        "themes",
        "tags",
        "files",
        "safety_checked",
    ]
    plain_fields = ("title", "summary", "places")
    rich_fields = ("approach", "results")
    page_model = PracticePage
    fallback_slug = "pratique"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(1, FIGURE_ROWS + 1):
            self.fields[f"figure_{row}_value"] = forms.CharField(
                label=_("Chiffre %(row)s") % {"row": row},
                required=False,
                max_length=30,
            )
            self.fields[f"figure_{row}_label"] = forms.CharField(
                label=_("Ce que le chiffre %(row)s compte") % {"row": row},
                required=False,
                max_length=200,
            )
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        for row in range(1, FIGURE_ROWS + 1):
            value_name, label_name = f"figure_{row}_value", f"figure_{row}_label"
            value = plain_text(cleaned.get(value_name))
            label = plain_text(cleaned.get(label_name))
            cleaned[value_name], cleaned[label_name] = value, label
            if value and not label:
                self.add_error(label_name, _("Dites ce que ce chiffre compte."))
            elif label and not value:
                self.add_error(value_name, _("Indiquez le chiffre."))
        return cleaned

    def build_page(self, documents):
        page = super().build_page(documents)
        data = self.cleaned_data
        page.approach = data["approach"]
        page.results = data["results"]
        page.places = data["places"]
        page.result_figures = [("figure", figure) for figure in self.figures()]
        page.attachments = [PracticeAttachment(document=document) for document in documents]
        return page

    def figures(self):
        return [
            {"value": self.cleaned_data[f"figure_{row}_value"], "label": label}
            for row in range(1, FIGURE_ROWS + 1)
            if (label := self.cleaned_data[f"figure_{row}_label"])
        ]

    def figure_rows(self):
        """(value field, label field) pairs, for the template."""
        return [
            (self[f"figure_{row}_value"], self[f"figure_{row}_label"])
            for row in range(1, FIGURE_ROWS + 1)
        ]


class ToolProposalForm(ProposalForm):
    kind = forms.ChoiceField(label=_("Type d'outil"), choices=ToolKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text=_("Comment l'utiliser, ce qu'il contient, d'où il vient."),
    )
    languages = checkboxes(MaterialLanguage.objects.all(), _("Langues du support"))
    year = forms.IntegerField(
        label=_("Année"),
        required=False,
        min_value=1960,
        max_value=2100,
        help_text=_("L'année de la version jointe, par exemple 2024."),
    )

    field_order = [
        "organization",
        "title",
        "kind",
        "summary",
        "description",
        "languages",
        "year",
        "communities",
        "themes",
        "tags",
        "files",
        "safety_checked",
    ]
    rich_fields = ("description",)
    page_model = ToolPage
    fallback_slug = "outil"

    def build_page(self, documents):
        page = super().build_page(documents)
        data = self.cleaned_data
        page.kind = data["kind"]
        page.description = data["description"]
        page.year = data["year"]
        page.languages = list(data["languages"])
        page.documents = [ToolDocument(document=document) for document in documents]
        return page
