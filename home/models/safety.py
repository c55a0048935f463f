"""The safety confirmation every revision needs before it goes live, and the guard that
enforces it on every portal page type.

``Page.publish(revision)`` is the single door to « live » in Wagtail: the workflow, the
« Publier » button, bulk publishing, scheduled publishing (``publish_scheduled``) and code all
go through ``Revision.publish`` → ``page.publish``. ``SafetyGatedPageMixin`` closes that door
to any revision without a ``SafetyConfirmation`` given by someone other than its author.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm
from wagtail.log_actions import log

from cdp_portal.i18n import InterfaceLanguageUrlMixin
from home.content_version import CachedViewRestrictionsMixin

# The named checks, in the order the reviewer reads them: (field name, short label, help).
SAFETY_CHECKS = (
    (
        "no_identifiable_person",
        _("Aucune survivante ni aucun mineur identifiable"),
        _(
            "Ni nom, ni visage, ni village assez petit pour reconnaître quelqu'un, ni date "
            "d'un incident : rien ne permet de retrouver une survivante, un enfant ou une "
            "personne qu'une publication mettrait en danger. Seuls des responsables publics "
            "peuvent être nommés, dans leur rôle public (présidence ou intervention à une "
            "rencontre officielle), comme dans les articles de presse publics."
        ),
    ),
    (
        "photo_consent",
        _("Consentement des personnes photographiées"),
        _(
            "Chaque personne reconnaissable sur une photo a donné son accord pour cette "
            "publication (ou il n'y a pas de photo de personnes)."
        ),
    ),
    (
        "audio_safe",
        _("Enregistrements sans nom ni voix à protéger"),
        _(
            "Les notes vocales ne font entendre ni le nom ni la voix d'une survivante, d'un "
            "mineur ou d'une personne que leur diffusion mettrait en danger (ou il n'y a pas "
            "d'enregistrement)."
        ),
    ),
    (
        "sources_cited",
        _("Sources citées"),
        _("Les chiffres, citations et documents repris d'ailleurs indiquent leur source."),
    ),
)
CHECK_NAMES = tuple(name for name, _label, _help in SAFETY_CHECKS)


class SafetyGateError(PermissionDenied):
    """A revision was about to go live without a valid safety confirmation."""


class SafetyConfirmation(models.Model):
    """A reviewer's confirmation, for one revision, that it may be published safely."""

    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        related_name="safety_confirmations",
        verbose_name=_("version"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmée par"),
        help_text=_("Vide quand le contenu a été publié par le code (chargement de la démo)."),
    )
    confirmed_at = models.DateTimeField(_("confirmée le"), auto_now_add=True)
    no_identifiable_person = models.BooleanField(SAFETY_CHECKS[0][1], default=False)
    photo_consent = models.BooleanField(SAFETY_CHECKS[1][1], default=False)
    audio_safe = models.BooleanField(SAFETY_CHECKS[2][1], default=False)
    sources_cited = models.BooleanField(SAFETY_CHECKS[3][1], default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("confirmation de sécurité")
        verbose_name_plural = _("confirmations de sécurité")
        ordering = ["-confirmed_at", "-pk"]

    def __str__(self):
        return str(_("Confirmation de sécurité de la version %(revision)s")) % {
            "revision": self.revision_id
        }

    @property
    def all_checked(self):
        return all(getattr(self, name) for name in CHECK_NAMES)

    def checked_labels(self):
        return [str(label) for name, label, _help in SAFETY_CHECKS if getattr(self, name)]


def valid_confirmation(revision):
    """The confirmation that lets ``revision`` go live, or None: every check ticked, given by
    someone other than the revision's author (or by the code route, ``confirmed_by`` empty)."""
    confirmations = SafetyConfirmation.objects.filter(
        revision=revision, **{name: True for name in CHECK_NAMES}
    )
    if revision.user_id is not None:
        confirmations = confirmations.exclude(confirmed_by_id=revision.user_id)
    return confirmations.first()


LOG_ACTION = "home.safety_confirmed"


def record_confirmation(revision, confirmed_by=None, note="", **checks):
    """Store a confirmation for ``revision`` and write it in the page's history."""
    values = {name: bool(checks.get(name, False)) for name in CHECK_NAMES}
    confirmation = SafetyConfirmation.objects.create(
        revision=revision, confirmed_by=confirmed_by, note=note, **values
    )
    log(
        instance=revision.content_object,
        action=LOG_ACTION,
        user=confirmed_by,
        revision=revision,
        data={
            "checks": [name for name in CHECK_NAMES if values[name]],
            "note": note,
            "code_route": confirmed_by is None,
        },
        content_changed=False,
    )
    return confirmation


class DraftCopyForm(CopyForm):
    """The admin's copy form without « Publier les copies »: a copy is a new page, it goes
    through the safety review like any other (``CopyPageAction(keep_live=True)`` would set it
    live without ``publish``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)


class SafetyGatedPageMixin(InterfaceLanguageUrlMixin, CachedViewRestrictionsMixin):
    """Put first in the bases of every portal page type: ``publish`` refuses a revision that
    has no valid safety confirmation (see ``home.safety.publish_confirmed`` for code), and
    copies stay drafts. Through it every page type also links in the interface language
    (``cdp_portal.i18n``)."""

    copy_form_class = DraftCopyForm

    def copy(self, *args, keep_live=None, **kwargs):
        # ``keep_live`` is ignored: a copy never goes live without its own review.
        return super().copy(*args, keep_live=False, **kwargs)

    def publish(self, revision, *args, **kwargs):
        if valid_confirmation(revision) is None:
            raise SafetyGateError(
                _(
                    "Cette version n'a pas été confirmée par la relecture de sécurité : "
                    "soumettez-la pour relecture ; une autre personne du groupe "
                    "« Modérateurs » la publiera après vérification."
                )
            )
        return super().publish(revision, *args, **kwargs)
