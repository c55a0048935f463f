from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    quick_exit_url = models.URLField(
        _("adresse de sortie rapide"),
        default="https://www.google.com/",
        help_text=_("Site neutre qui remplace la page quand on clique sur « Quitter ce site »."),
    )
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=40, blank=True)
    contact_address = models.CharField(_("adresse"), max_length=255, blank=True)
    footer_text = models.CharField(_("texte du pied de page"), max_length=255, blank=True)
    help_line = models.CharField(
        _("numéro d'aide aux survivantes"),
        max_length=120,
        blank=True,
        help_text=_("Numéro vert ou service d'écoute à afficher dans le pied de page."),
    )
    data_licence = models.CharField(
        _("licence des données ouvertes"),
        max_length=160,
        default="Creative Commons Attribution 4.0 (CC BY 4.0)",
        help_text=_(
            "Licence sous laquelle les flux et les jeux de données (« Données ouvertes ») "
            "sont réutilisables."
        ),
    )
    data_licence_url = models.URLField(
        _("adresse du texte de la licence"),
        blank=True,
        default="https://creativecommons.org/licenses/by/4.0/deed.fr",
    )

    panels = [
        FieldPanel("quick_exit_url"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("help_line"),
        MultiFieldPanel(
            [FieldPanel("data_licence"), FieldPanel("data_licence_url")],
            heading=_("Données ouvertes"),
        ),
    ]

    class Meta:
        verbose_name = _("réglages du portail")
        verbose_name_plural = _("réglages du portail")
