from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from home.rich_text import FULL


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    speaker = blocks.CharBlock(label=_("personne citée"), required=False)
    role = blocks.CharBlock(label=_("fonction"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Le suivi rigoureux des recommandations est la clé de notre réussite.",
            "speaker": "Présidente du comité",
            "role": "Gouvernorat de Ségou",
        }


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("chiffre"), help_text=_("Par exemple « 41 » ou « 2 000 »."))
    label = blocks.CharBlock(label=_("ce que le chiffre compte"))

    class Meta:
        icon = "order"
        label = _("Chiffre clé")
        template = "blocks/figure_block.html"
        preview_value = {"value": "41", "label": "participants au cadre sur le mariage d'enfants"}

    def get_searchable_content(self, value):
        # One text, so that a search excerpt reads « 41 participants … », the figure and what
        # it counts kept together (the search record puts « · » between separate texts).
        return [" ".join(str(value.get(name) or "").strip() for name in ("value", "label")).strip()]


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("titre affiché"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "blocks/document_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The rich body shared by every page type."""

    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        label=_("Intertitre"),
        template="blocks/heading_block.html",
    )
    paragraph = blocks.RichTextBlock(
        features=FULL,
        label=_("Paragraphe"),
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock(label=_("Image"), template="blocks/image_block.html")
    quote = QuoteBlock()
    figure = FigureBlock()
    document = DocumentBlock()

    class Meta:
        template = "blocks/body_stream.html"
