"""Recommendations of meetings and actions of sustainability plans, followed up together.

Both are rows of one model (``Recommendation``) kept outside page and snippet revisions:
their status changes often, one at a time or in bulk, and an older revision published
later must never put back an old status.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import LockableMixin, RevisionMixin

from home.models import organization_link
from home.panels import PortalInlinePanel

from .. import dates
from .meetings import visible_meetings


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Ouverte")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Réalisée")
    DROPPED = "dropped", _("Abandonnée")


PENDING_STATUSES = (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)

# After a count: « 1 ouverte », « 17 ouvertes » (recommandations and actions are feminine).
STATUS_COUNT_LABELS = {
    RecommendationStatus.OPEN: ngettext_lazy("ouverte", "ouvertes", "n"),
    RecommendationStatus.IN_PROGRESS: ngettext_lazy("en cours", "en cours", "n"),
    RecommendationStatus.DONE: ngettext_lazy("réalisée", "réalisées", "n"),
    RecommendationStatus.DROPPED: ngettext_lazy("abandonnée", "abandonnées", "n"),
}


class SustainabilityPlan(LockableMixin, RevisionMixin, models.Model):
    """A community's « plan de pérennisation ». A snippet with revisions and locking: a short
    structured record that editors amend now and then; its actions are Recommendation rows."""

    title = models.CharField(_("intitulé"), max_length=255)
    community = models.ForeignKey(
        "home.CommunityPage",
        on_delete=models.CASCADE,
        related_name="sustainability_plans",
        verbose_name=_("communauté"),
    )
    adopted_on = models.DateField(_("date d'adoption"), null=True, blank=True)
    source_meeting = models.ForeignKey(
        "events.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sustainability_plans",
        verbose_name=_("rencontre où il a été élaboré"),
    )
    lead_organization = organization_link(_("organisation chargée du suivi"))
    summary = models.TextField(_("résumé"), blank=True)
    monitoring = models.TextField(
        _("dispositif de suivi"),
        blank=True,
        help_text=_("Qui suit le plan, à quel rythme (par exemple suivi conjoint Ségou–Kayes)."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("community"), FieldPanel("adopted_on")]),
        FieldPanel("source_meeting"),
        FieldPanel("lead_organization"),
        FieldPanel("summary"),
        FieldPanel("monitoring"),
    ]

    class Meta:
        ordering = ["community__title", "title"]
        verbose_name = _("plan de pérennisation")
        verbose_name_plural = _("plans de pérennisation")

    def __str__(self):
        return self.title


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        """Recommendations of the meetings every visitor may see (``visible_meetings``:
        live and unrestricted), and every plan action."""
        return self.filter(Q(meeting__in=visible_meetings().values("pk")) | Q(plan__isnull=False))

    def overdue(self, on=None):
        return self.filter(due_date__lt=on or dates.today(), status__in=PENDING_STATUSES)

    def for_community(self, community):
        ids = self.filter(Q(meeting__communities=community) | Q(plan__community=community)).values(
            "pk"
        )
        return self.filter(pk__in=ids)

    def for_listing(self):
        return self.select_related(
            "meeting",
            "meeting__concertation_frame",
            "plan",
            "plan__community",
            "responsible_organization",
        ).prefetch_related("meeting__communities", "notes")


class Recommendation(ClusterableModel):
    """A recommendation or commitment of a meeting, or an action of a sustainability plan."""

    meeting = models.ForeignKey(
        "events.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("rencontre"),
    )
    plan = models.ForeignKey(
        SustainabilityPlan,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("plan de pérennisation"),
    )
    text = models.TextField(_("recommandation ou action"))
    responsible_organization = organization_link(_("organisation responsable"))
    responsible_other = models.CharField(
        _("autre responsable"),
        max_length=255,
        blank=True,
        help_text=_("Si le responsable n'est pas dans l'annuaire : « points focaux VBG »…"),
    )
    due_date = models.DateField(_("échéance"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
        db_index=True,
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("meeting"), FieldPanel("plan")],
            heading=_("Origine"),
            help_text=_(
                "Une rencontre (recommandation) ou un plan de pérennisation (action), pas les deux."
            ),
        ),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("responsible_organization"), FieldPanel("responsible_other")]),
        FieldRowPanel([FieldPanel("due_date"), FieldPanel("status")]),
        FieldPanel("position"),
        PortalInlinePanel(
            "notes",
            heading=_("Notes de suivi"),
            label=_("note de suivi"),
            add_label=_("Ajouter une note de suivi"),
        ),
    ]

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("recommandation ou action de suivi")
        verbose_name_plural = _("recommandations et actions de suivi")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(meeting__isnull=False, plan__isnull=True)
                    | Q(meeting__isnull=True, plan__isnull=False)
                ),
                name="events_recommendation_one_source",
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(90)

    def clean(self):
        super().clean()
        if bool(self.meeting_id) == bool(self.plan_id):
            raise ValidationError(
                _("Rattachez l'élément soit à une rencontre, soit à un plan de pérennisation.")
            )
        start = self.source_date
        if self.due_date and start and self.due_date < start:
            raise ValidationError(
                {
                    "due_date": _("L'échéance (%(due)s) ne peut pas précéder %(what)s (%(start)s).")
                    % {
                        "due": dates.day(self.due_date),
                        "what": _("la rencontre") if self.meeting_id else _("l'adoption du plan"),
                        "start": dates.day(start),
                    }
                }
            )

    @property
    def source_date(self):
        if self.meeting_id:
            return self.meeting.start_date
        if self.plan_id:
            return self.plan.adopted_on
        return None

    @property
    def source(self):
        return self.meeting or self.plan

    @property
    def kind_label(self):
        return _("Recommandation") if self.meeting_id else _("Action du plan")

    @property
    def responsible_display(self):
        if self.responsible_organization_id:
            org = self.responsible_organization
            return org.acronym or org.title
        return self.responsible_other

    @property
    def is_overdue(self):
        pending = self.status in PENDING_STATUSES
        return bool(self.due_date and pending and self.due_date < dates.today())

    @property
    def communities(self):
        """Uses the prefetched meeting communities (see ``for_listing``)."""
        if self.meeting_id:
            return list(self.meeting.communities.all())
        return [self.plan.community]

    @property
    def latest_note(self):
        notes = list(self.notes.all())
        return max(notes, key=lambda n: (n.date, n.pk or 0)) if notes else None


class FollowUpNote(models.Model):
    """A dated follow-up note: what was done, what blocks."""

    recommendation = ParentalKey(Recommendation, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("date"), default=dates.today)
    text = models.TextField(_("note"))

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("note de suivi")
        verbose_name_plural = _("notes de suivi")

    def __str__(self):
        return str(_("%(label)s : %(value)s")) % {
            "label": dates.day(self.date),
            "value": Truncator(self.text).chars(60),
        }
