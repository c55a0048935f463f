"""The meetings' and the results' open-data datasets (see home.opendata)."""

from django.db.models import Max
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.datasets import dated_columns, live_titles, page_columns, page_row
from home.opendata import Column, Dataset, export_prefetch, related
from practices.datasets import voice_note_column
from practices.voice_notes import voice_note_urls

from . import stats
from .models.meetings import COUNT_FIELDS, MeetingPage, visible_meetings


def meeting_row(meeting, root):
    frame = meeting.concertation_frame
    return {
        **page_row(meeting, root),
        "kind": str(meeting.get_kind_display()),
        "summary": meeting.summary,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "venue": meeting.venue,
        "commune": meeting.commune,
        "communities": live_titles(related(meeting, "communities")),
        "concertation_frame": frame.title if frame is not None and frame.live else None,
        "organizers": [org.display_name for org in related(meeting, "organizers") if org.live],
        "participating_organizations": [
            org.display_name for org in related(meeting, "participating_organizations") if org.live
        ],
        **{name: getattr(meeting, name) for name in COUNT_FIELDS},
        "themes": [theme.name for theme in related(meeting, "themes")],
        "tags": [tag.name for tag in related(meeting, "tags")],
        "voice_notes": voice_note_urls(meeting, root),
    }


def prepare_meetings(queryset):
    return export_prefetch(
        queryset.select_related("concertation_frame"),
        "communities",
        "organizers",
        "participating_organizations",
        "themes",
        "tags",
    ).prefetch_related("voice_notes")


MEETINGS = Dataset(
    slug="rencontres",
    title=_("Rencontres et comptes rendus"),
    description=_(
        "Les réunions, ateliers, sessions de concertation et campagnes enregistrés : dates, "
        "lieux, organisations présentes et effectifs des participants (femmes, hommes, jeunes)."
    ),
    columns=[
        *page_columns(),
        Column("kind", _("Type de rencontre")),
        Column("summary", _("Résumé")),
        Column("start_date", _("Premier jour")),
        Column("end_date", _("Dernier jour")),
        Column("venue", _("Lieu")),
        Column("commune", _("Commune")),
        Column("communities", _("Communautés")),
        Column("concertation_frame", _("Cadre de concertation")),
        Column("organizers", _("Organisateurs")),
        Column("participating_organizations", _("Organisations participantes")),
        *(Column(name, MeetingPage._meta.get_field(name).verbose_name) for name in COUNT_FIELDS),
        Column("themes", _("Thèmes")),
        Column("tags", _("Mots-clés")),
        voice_note_column(),
        *dated_columns(),
    ],
    queryset=lambda: visible_meetings().order_by("-start_date", "-pk"),
    row=meeting_row,
    position=40,
    filterset="events.filters.MeetingFilterSet",
    prepare=prepare_meetings,
)


def results_rows(root):
    """The Résultats page's figures, one row per figure (series, label, indicator, value)."""
    results = stats.results()
    headline = results["headline"]
    key_figures = gettext("Chiffres clés")
    meetings, participants = gettext("rencontres"), gettext("participants")
    rows = [
        (key_figures, gettext("Rencontres tenues"), meetings, headline["held"]),
        (key_figures, gettext("Participants"), participants, headline["participants"]),
        (key_figures, gettext("Femmes participantes"), participants, headline["women"]),
        (key_figures, gettext("Hommes participants"), participants, headline["men"]),
        (key_figures, gettext("Jeunes participants"), participants, headline["youth"]),
        (
            key_figures,
            gettext("Personnes touchées par les campagnes"),
            gettext("personnes"),
            headline["people_reached"],
        ),
        (
            key_figures,
            gettext("Organisations sensibilisées"),
            gettext("organisations"),
            headline["organizations_reached"],
        ),
    ]
    for series, key in (
        (gettext("Participants par année"), "by_year"),
        (gettext("Participants par communauté"), "by_community"),
        (gettext("Participants par cadre de concertation"), "by_frame"),
    ):
        for label, total, count in results[key]:
            rows.append((series, str(label), meetings, count))
            rows.append((series, str(label), participants, total))
    publications = results["publications"]
    series = gettext("Pratiques et outils publiés")
    for label, practices, tools in publications["by_community"]:
        rows.append((series, label, gettext("pratiques"), practices))
        rows.append((series, label, gettext("outils et modèles"), tools))
    rows.append((series, gettext("Total"), gettext("pratiques"), publications["practices"]))
    rows.append((series, gettext("Total"), gettext("outils et modèles"), publications["tools"]))
    series = gettext("Recommandations et actions par statut")
    for row in results["follow_up"]:
        rows.append((series, str(row["label"]), gettext("recommandations"), row["recommendations"]))
        rows.append((series, str(row["label"]), gettext("actions des plans"), row["actions"]))
    return [
        {"series": s, "label": label, "indicator": indicator, "value": value}
        for s, label, indicator, value in rows
    ]


RESULTS = Dataset(
    slug="resultats",
    title=_("Résultats chiffrés"),
    description=_(
        "Les chiffres de la page Résultats, calculés à partir des comptes rendus publiés : "
        "participants par année, communauté et cadre, publications, suivi des recommandations."
    ),
    columns=[
        Column("series", _("Série")),
        Column("label", _("Libellé")),
        Column("indicator", _("Indicateur")),
        Column("value", _("Valeur")),
    ],
    queryset=visible_meetings,
    row=None,
    position=50,
    rows_override=results_rows,
    updated=lambda: visible_meetings().aggregate(latest=Max("last_published_at"))["latest"],
)
