#!/usr/bin/env python3
"""Fill the French catalogue after ``makemessages -l fr`` (``make messages`` runs it).

The msgids of this project are French, so most entries need no msgstr. Three kinds do:

- plural entries (``ngettext``, ``{% blocktranslate count %}``): without them gettext applies
  the English rule and writes « 0 résultats »; with the catalogue's ``plural=(n > 1)`` it writes
  « 0 résultat », « 1 rencontre », « 2 rencontres ». Their msgstr[0] and msgstr[1] are the
  msgid and msgid_plural, always (a fuzzy guess from msgmerge is replaced), with the spaces
  below.
- msgids whose French wants non-breaking spaces (« Thème : %(name)s », « … « %(query)s » »,
  « 2 Mo »): msgids are typed with ordinary spaces, and the msgstr is the msgid with the
  non-breaking spaces of cdp_portal.typography (the rule of the template filter
  ``french_spaces`` too). The msgids stay as typed so that the English catalogue keeps its
  entries and English pages get no French spacing.
- overrides of other packages' French (``OVERRIDES``): the project's catalogue comes first in
  ``LOCALE_PATHS``, so these replace Wagtail's wording where it reads badly.

Standard library only. ``--check`` changes nothing and exits 1 when the file is not filled.

Usage: python scripts/french_catalogue.py [--check] [locale/fr/LC_MESSAGES/django.po]
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the project's (stdlib-only) typography module

from cdp_portal import typography  # noqa: E402

DEFAULT_PATH = ROOT / "locale/fr/LC_MESSAGES/django.po"
PLURAL_FORMS = "nplurals=2; plural=(n > 1);"

# Wagtail's French that a reader would correct (msgid from Wagtail: msgstr here). A key that
# is a pair (msgid, msgid_plural) is a plural entry; its value is (msgstr[0], msgstr[1]).
OVERRIDES = {
    # Moderation e-mails greet « Salut admin, »: too familiar for an institution.
    "Hello %(username)s,": "Bonjour %(username)s,",
    # No « (e) » nor « (s) » (Wagtail's French cannot know the gender of a model's name): the
    # sentence names « cet élément », a noun (« création », « publication »), or asks
    # « Voulez-vous vraiment … ». Each msgid is Wagtail's English, as in its fr catalogues.
    # Lists of documents and images, usage counts.
    (
        "Used %(usage_count)s time",
        "Used %(usage_count)s times",
    ): ("%(usage_count)s utilisation", "%(usage_count)s utilisations"),
    ("Referenced %(count)s time", "Referenced %(count)s times"): (
        "%(count)s référence",
        "%(count)s références",
    ),
    (
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
    ): (
        "Cet élément (%(model_name)s) fait l'objet de %(usage_count)s référence.",
        "Cet élément (%(model_name)s) fait l'objet de %(usage_count)s références.",
    ),
    "One or more references to this %(model_name)s prevent it from being deleted.": (
        "Des références à cet élément (%(model_name)s) empêchent de le supprimer."
    ),
    # The dashboard's summary: « 8 Pages » capitalised, « créées dans%(site_name)s » without
    # its space, « Documents … créé » and « Image … créé » not agreed.
    (
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ): (
        '%(total)s page <span class="w-sr-only">créée dans %(site_name)s</span>',
        '%(total)s pages <span class="w-sr-only">créées dans %(site_name)s</span>',
    ),
    (
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ): (
        '%(total)s document <span class="w-sr-only">créé dans %(site_name)s</span>',
        '%(total)s documents <span class="w-sr-only">créés dans %(site_name)s</span>',
    ),
    (
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ): (
        '%(total)s image <span class="w-sr-only">créée dans %(site_name)s</span>',
        '%(total)s images <span class="w-sr-only">créées dans %(site_name)s</span>',
    ),
    "Created": "Création",
    "Oldest": "Les plus anciennes",
    "None": "Aucune valeur",
    # History and statuses (the same msgid names an action and a state).
    "Published": "Publication",
    "Renamed": "Changement de titre",
    "Moved": "Déplacement",
    "Reordered": "Changement d'ordre",
    "Reordered under '%(parent)s'": "Changement d'ordre sous « %(parent)s »",
    "Unknown %(action)s": "Action inconnue : %(action)s",
    "Disabled": "Hors service",
    "Locked": "Verrou posé",
    "Unlocked": "Verrou levé",
    "Locked by you": "Verrou posé par vous",
    "Locked by another user": "Verrou posé par une autre personne",
    "Locked by workflow": "Verrou posé par le workflow",
    "Locked by schedule": "Verrou posé par la programmation",
    "Locked by <b>you</b> at <b>%(locking_date)s</b>": (
        "Verrou posé par <b>vous</b> le <b>%(locking_date)s</b>"
    ),
    "Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>": (
        "Verrou posé par <b>%(locked_by)s</b> le <b>%(locking_date)s</b>"
    ),
    "Locked at <b>%(locking_date)s</b>": "Verrou posé le <b>%(locking_date)s</b>",
    "<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>.": (
        "<b>Verrou posé sur « {title} »</b> par <b>vous</b> le <b>{datetime}</b>."
    ),
    "<b>'{title}' is locked</b> by <b>you</b>.": (
        "<b>Verrou posé sur « {title} »</b> par <b>vous</b>."
    ),
    "<b>'{title}' was locked</b> by <b>{user}</b> on <b>{datetime}</b>.": (
        "<b>Verrou posé sur « {title} »</b> par <b>{user}</b> le <b>{datetime}</b>."
    ),
    "<b>'{title}' is locked</b>.": "<b>Verrou posé sur « {title} »</b>.",
    "No one can make changes while the %(model_name)s is locked": (
        "Personne ne peut modifier cet élément (%(model_name)s) tant que le verrou est posé"
    ),
    "Only you can make changes while the %(model_name)s is locked": (
        "Vous êtes la seule personne à pouvoir modifier cet élément (%(model_name)s) tant que "
        "le verrou est posé"
    ),
    "Only %(user)s can make changes while the %(model_name)s is locked": (
        "%(user)s est la seule personne à pouvoir modifier cet élément (%(model_name)s) tant "
        "que le verrou est posé"
    ),
    "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}": (
        "{model_name} « {title} » : verrou posé, publication programmée le {datetime}"
    ),
    "Currently locked and will go live on the scheduled date": (
        "Verrou posé jusqu'à la publication, à la date programmée"
    ),
    "The %(model_name)s could not be saved as it is locked": (
        "Impossible d'enregistrer cet élément (%(model_name)s) : il est verrouillé"
    ),
    # Confirmations.
    "Are you sure you want to unpublish this %(model_name)s?": (
        "Voulez-vous vraiment dépublier cet élément (%(model_name)s) ?"
    ),
    "Would you still like to publish this %(model_name)s?": (
        "Voulez-vous quand même publier cet élément (%(model_name)s) ?"
    ),
    "Would you still like to publish this page?": "Voulez-vous quand même publier cette page ?",
    "Are you sure you want to delete these pages?": "Voulez-vous vraiment supprimer ces pages ?",
    "Are you sure you want to move these pages?": "Voulez-vous vraiment déplacer ces pages ?",
    "Are you sure you want to publish these pages?": "Voulez-vous vraiment publier ces pages ?",
    "Are you sure you want to unpublish these pages?": (
        "Voulez-vous vraiment dépublier ces pages ?"
    ),
    "Are you sure you want to convert this alias into an ordinary page?": (
        "Voulez-vous vraiment convertir cet alias en une page ordinaire ?"
    ),
    "Are you sure you want to delete this page?": "Voulez-vous vraiment supprimer cette page ?",
    "Are you sure you want to move this page into '%(title)s'?": (
        "Voulez-vous vraiment déplacer cette page dans « %(title)s » ?"
    ),
    "Are you sure you want to move this page and all of its children into '%(title)s'?": (
        "Voulez-vous vraiment déplacer cette page et l'ensemble de ses sous-pages dans "
        "« %(title)s » ?"
    ),
    "Are you sure you want to unpublish this page?": (
        "Voulez-vous vraiment dépublier cette page ?"
    ),
    "Are you sure you want to delete this %(model_name)s?": (
        "Voulez-vous vraiment supprimer cet élément (%(model_name)s) ?"
    ),
    "Are you sure you want to delete this %(snippet_type_name)s?": (
        "Voulez-vous vraiment supprimer cet élément (%(snippet_type_name)s) ?"
    ),
    "Are you sure you want to delete %(count)s %(snippet_type_name)s?": (
        "Voulez-vous vraiment supprimer %(count)s éléments (%(snippet_type_name)s) ?"
    ),
    "Are you sure you want to delete this collection?": (
        "Voulez-vous vraiment supprimer cette collection ?"
    ),
    "Are you sure you want to delete this redirect?": (
        "Voulez-vous vraiment supprimer cette redirection ?"
    ),
    "Are you sure you want to delete all promoted results for this search term?": (
        "Voulez-vous vraiment supprimer tous les résultats mis en avant pour ce terme de "
        "recherche ?"
    ),
    "Are you sure you want to disable this workflow?": (
        "Voulez-vous vraiment désactiver ce workflow ?"
    ),
    "Are you sure you want to disable this task?": "Voulez-vous vraiment désactiver cette tâche ?",
    "Are you sure you want to delete this locale?": (
        "Voulez-vous vraiment supprimer cette langue ?"
    ),
    "Are you sure you want to delete this site?": "Voulez-vous vraiment supprimer ce site ?",
    "Are you sure you want to delete this group?": "Voulez-vous vraiment supprimer ce groupe ?",
    (
        "Are you sure you want to delete this document?",
        "Are you sure you want to delete these documents?",
    ): (
        "Voulez-vous vraiment supprimer ce document ?",
        "Voulez-vous vraiment supprimer ces documents ?",
    ),
    (
        "Are you sure you want to tag the following document?",
        "Are you sure you want to tag the following documents?",
    ): (
        "Voulez-vous vraiment ajouter des mots-clés au document sélectionné ?",
        "Voulez-vous vraiment ajouter des mots-clés aux documents sélectionnés ?",
    ),
    (
        "Are you sure you want to add the following document to the selected collection?",
        "Are you sure you want to add the following documents to the selected collection?",
    ): (
        "Voulez-vous vraiment ajouter le document suivant à la collection sélectionnée ?",
        "Voulez-vous vraiment ajouter les documents suivants à la collection sélectionnée ?",
    ),
    (
        "Are you sure you want to delete this image?",
        "Are you sure you want to delete these images?",
    ): (
        "Voulez-vous vraiment supprimer cette image ?",
        "Voulez-vous vraiment supprimer ces images ?",
    ),
    (
        "Are you sure you want to tag the following image?",
        "Are you sure you want to tag the following images?",
    ): (
        "Voulez-vous vraiment ajouter des mots-clés à l'image sélectionnée ?",
        "Voulez-vous vraiment ajouter des mots-clés aux images sélectionnées ?",
    ),
    (
        "Are you sure you want to add the following image to the selected collection?",
        "Are you sure you want to add the following images to the selected collection?",
    ): (
        "Voulez-vous vraiment ajouter l'image suivante à la collection sélectionnée ?",
        "Voulez-vous vraiment ajouter les images suivantes à la collection sélectionnée ?",
    ),
    (
        "Are you sure you want to delete this form submission?",
        "Are you sure you want to delete these form submissions?",
    ): (
        "Voulez-vous vraiment supprimer cette soumission ?",
        "Voulez-vous vraiment supprimer ces soumissions ?",
    ),
    (
        "This workflow is currently in progress on %(workflow_states_in_progress)s pages. "
        "Deleting this workflow will cancel moderation on these page. Are you sure you want to "
        "delete this workflow?"
    ): (
        "Ce workflow est en cours sur %(workflow_states_in_progress)s pages. Le supprimer "
        "annulera les étapes de modération sur ces pages. Voulez-vous vraiment supprimer ce "
        "workflow ?"
    ),
    # Messages after an action.
    "%(model_name)s '%(object)s' updated.": (
        "%(model_name)s « %(object)s » : modifications enregistrées."
    ),
    "%(model_name)s '%(object)s' created.": "%(model_name)s « %(object)s » : création enregistrée.",
    "%(model_name)s '%(object)s' created and scheduled for publishing.": (
        "%(model_name)s « %(object)s » : création enregistrée, publication programmée."
    ),
    "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing.": (
        "%(model_name)s « %(object)s » : en ligne ; cette version est programmée pour publication."
    ),
    "%(model_name)s '%(object)s' updated and published.": (
        "%(model_name)s « %(object)s » : modifications enregistrées et publiées."
    ),
    "%(model_name)s '%(object)s' created and published.": (
        "%(model_name)s « %(object)s » : création enregistrée et publication faite."
    ),
    "%(model_name)s '%(object)s' has been submitted for moderation.": (
        "%(model_name)s « %(object)s » : soumission pour modération faite."
    ),
    "%(model_name)s '%(object)s' created and submitted for moderation.": (
        "%(model_name)s « %(object)s » : création enregistrée et soumission pour modération faite."
    ),
    "%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s.": (
        "%(model_name)s « %(object)s » : version du %(timestamp)s rétablie."
    ),
    "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for "
    "publishing.": (
        "La version du %(timestamp)s de %(model_name)s « %(object)s » est programmée pour "
        "publication."
    ),
    "%(model_name)s '%(object)s' deleted.": "%(model_name)s « %(object)s » : suppression faite.",
    ("%(count)d %(model_name)s deleted.", "%(count)d %(model_name)s deleted."): (
        "%(count)d élément supprimé (%(model_name)s).",
        "%(count)d éléments supprimés (%(model_name)s).",
    ),
    "'%(object)s' unpublished.": "« %(object)s » : dépublication faite.",
    'Version %(revision_id)s of "%(object)s" unscheduled.': (
        "Version %(revision_id)s de « %(object)s » déprogrammée."
    ),
    "%(model_name)s '%(title)s' is now unlocked.": "%(model_name)s « %(title)s » : verrou levé.",
    "The %(model_name)s could not be created due to errors.": (
        "Impossible de créer cet élément (%(model_name)s) : le formulaire contient des erreurs."
    ),
    "The %(model_name)s could not be saved due to errors.": (
        "Impossible d'enregistrer cet élément (%(model_name)s) : le formulaire contient des "
        "erreurs."
    ),
    # Moderation steps (messages and e-mails).
    'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".': (
        "%(model_name)s « %(title)s » : approbation à l'étape « %(task)s »."
    ),
    'The %(model_name)s "%(title)s" has been approved in "%(task)s".': (
        "%(model_name)s « %(title)s » : approbation à l'étape « %(task)s »."
    ),
    'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".': (
        "%(model_name)s « %(title)s » : refus à l'étape « %(task)s »."
    ),
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s".': (
        "%(model_name)s « %(title)s » : refus à l'étape « %(task)s »."
    ),
    'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
    '"%(task)s".': (
        "%(model_name)s « %(title)s » : soumission pour validation à l'étape « %(task)s »."
    ),
    'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage '
    '"%(task)s".': (
        "%(model_name)s « %(title)s » : soumission pour validation à l'étape « %(task)s »."
    ),
    'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
    '"%(task)s"': (
        "%(model_name)s « %(title)s » : soumission pour validation à l'étape « %(task)s »."
    ),
    'The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".': (
        "%(model_name)s « %(title)s » : approbation dans le workflow « %(workflow)s »."
    ),
    'The %(model_name)s "%(title)s" has been approved in "%(workflow)s".': (
        "%(model_name)s « %(title)s » : approbation dans « %(workflow)s »."
    ),
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
    '"%(workflow)s" by %(rejector)s.': (
        "%(model_name)s « %(title)s » : refus à l'étape « %(task)s » du workflow "
        "« %(workflow)s » par %(rejector)s."
    ),
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
    '"%(workflow)s".': (
        "%(model_name)s « %(title)s » : refus à l'étape « %(task)s » du workflow « %(workflow)s »."
    ),
    'The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".': (
        "%(model_name)s « %(title)s » : refus dans « %(workflow)s »."
    ),
    'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
    '"%(workflow)s" by %(requester)s.': (
        "%(model_name)s « %(title)s » : soumission pour modération dans le workflow "
        "« %(workflow)s » par %(requester)s."
    ),
    'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
    '"%(workflow)s".': (
        "%(model_name)s « %(title)s » : soumission pour modération dans le workflow "
        "« %(workflow)s »."
    ),
    'The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"': (
        "%(model_name)s « %(title)s » : soumission dans le workflow « %(workflow)s »."
    ),
    # Forms, choosers, buttons.
    "Add %(label)s": "Ajouter : %(label)s",
    "Add %(model_name)s": "Ajouter : %(model_name)s",
    "New: %(model_name)s": "Nouvel élément : %(model_name)s",
    "Create a new %(model_name)s": "Créer un nouvel élément : %(model_name)s",
    "Choose another": "Changer",
    "No %(model_name)s match your query.": (
        "Aucun élément (%(model_name)s) ne correspond à votre recherche."
    ),
    "(Private %(object)s)": "(%(object)s, accès restreint)",
    "Choose when this %(model_name)s should go live and/or expire": (
        "Choisissez quand publier cet élément (%(model_name)s) et, si besoin, quand le retirer"
    ),
    'Why not <a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" '
    'data-w-tabs-target="trigger" data-w-tabs-focus-param="true">create one now</a>?': (
        'Pourquoi ne pas <a class="create-one-now" href="#tab-new" '
        'data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" '
        'data-w-tabs-focus-param="true">en créer maintenant</a> ?'
    ),
    'Why not <a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" '
    'data-w-tabs-target="trigger" data-w-tabs-focus-param="true">upload one now</a>?': (
        'Pourquoi ne pas <a class="upload-one-now" href="#tab-upload" '
        'data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" '
        'data-w-tabs-focus-param="true">en transférer maintenant</a> ?'
    ),
    "Tag(s) %(value_too_long)s are over %(max_tag_length)d characters.": (
        "Mots-clés de plus de %(max_tag_length)d caractères : %(value_too_long)s."
    ),
    "Search term(s)/phrase": "Termes ou expression de recherche",
    "Search term(s)": "Termes de recherche",
    "the %(model_name)s will also be deleted": (
        "cet élément (%(model_name)s) sera également supprimé"
    ),
    "will be set to the default %(model_name)s": ("prendra la valeur par défaut (%(model_name)s)"),
    "will be set to a %(model_name)s specified by the system": (
        "prendra une valeur (%(model_name)s) fixée par le système"
    ),
    (
        "It will also delete 1 translation and its combined "
        "%(translation_descendant_count)s translated child page.",
        "It will also delete 1 translation and its combined "
        "%(translation_descendant_count)s translated child pages.",
    ): (
        "Cela supprimera également 1 traduction et %(translation_descendant_count)s sous-page "
        "traduite.",
        "Cela supprimera également 1 traduction et %(translation_descendant_count)s sous-pages "
        "traduites.",
    ),
    (
        "It will also delete %(translation_count)s translations and their combined "
        "%(translation_descendant_count)s translated child page.",
        "It will also delete %(translation_count)s translations and their combined "
        "%(translation_descendant_count)s translated child pages.",
    ): (
        "Cela supprimera également %(translation_count)s traductions et "
        "%(translation_descendant_count)s sous-page traduite.",
        "Cela supprimera également %(translation_count)s traductions et "
        "%(translation_descendant_count)s sous-pages traduites.",
    ),
    (
        "Deleting this page will also delete 1 translation and its combined "
        "%(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete 1 translation and its combined "
        "%(translation_descendant_count)s translated child pages.",
    ): (
        "Supprimer cette page supprimera également 1 traduction et "
        "%(translation_descendant_count)s sous-page traduite.",
        "Supprimer cette page supprimera également 1 traduction et "
        "%(translation_descendant_count)s sous-pages traduites.",
    ),
    (
        "Deleting this page will also delete %(translation_count)s translations and their "
        "combined %(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete %(translation_count)s translations and their "
        "combined %(translation_descendant_count)s translated child pages.",
    ): (
        "Supprimer cette page supprimera également %(translation_count)s traductions et "
        "%(translation_descendant_count)s sous-page traduite.",
        "Supprimer cette page supprimera également %(translation_count)s traductions et "
        "%(translation_descendant_count)s sous-pages traduites.",
    ),
    (
        "Deleting this page will also delete %(translation_count)s translation of this page.",
        "This will also delete %(descendant_count)s more child pages. Deleting this page will "
        "also delete %(translation_count)s translations of this page.",
    ): (
        "Supprimer cette page supprimera également %(translation_count)s traduction associée.",
        "Cela supprimera également %(descendant_count)s sous-pages et les "
        "%(translation_count)s traductions associées.",
    ),
}


def french_spaces(text):
    """The French text a reader gets for ``text`` (a msgid, or an override's French): the
    non-breaking spaces of cdp_portal.typography, HTML tags left as they are."""
    return typography.french_spaces(text, markup=True)


OVERRIDES = {
    key: tuple(map(french_spaces, value)) if isinstance(value, tuple) else french_spaces(value)
    for key, value in OVERRIDES.items()
}


def override_msgids():
    """The first msgid of each override (for its obsolete copy in the catalogue)."""
    return [key[0] if isinstance(key, tuple) else key for key in OVERRIDES]


KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def parse(text):
    """Entries as dicts: ``comments`` (lines) and, per keyword, the list of quoted lines."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        entry = {"comments": [], "fields": {}}
        current = None
        for line in block.splitlines():
            match = KEYWORD.match(line)
            if line.startswith("#"):
                entry["comments"].append(line)
            elif match:
                current = match.group(1)
                entry["fields"][current] = [match.group(2)]
            elif line.startswith('"') and current:
                entry["fields"][current].append(line)
            else:
                raise ValueError(f"Unexpected line in the catalogue: {line!r}")
        entries.append(entry)
    return entries


def unquote(lines):
    return "".join(
        line[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape") for line in lines
    )


def quote(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return [f'"{escaped}"']


def serialise(entries):
    blocks = []
    for entry in entries:
        lines = list(entry["comments"])
        for keyword, values in entry["fields"].items():
            lines.append(f"{keyword} {values[0]}")
            lines.extend(values[1:])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def without_fuzzy(comments):
    """Comments without the ``fuzzy`` flag and msgmerge's ``#|`` previous msgid."""
    kept = []
    for line in comments:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [flag.strip() for flag in line[2:].split(",") if flag.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        kept.append(line)
    return kept


def fill_header(entry):
    header = unquote(entry["fields"]["msgstr"])
    lines = [line for line in header.split("\n") if line]
    settings = {"Language": "fr", "Plural-Forms": PLURAL_FORMS}
    for key, value in settings.items():
        lines = [line for line in lines if not line.startswith(f"{key}:")]
        lines.append(f"{key}: {value}")
    entry["fields"]["msgstr"] = ['""'] + [quote(line + "\n")[0] for line in lines]
    entry["comments"] = [c for c in without_fuzzy(entry["comments"]) if not c.startswith("#, ")]


def override_entry(key, value):
    """A catalogue entry for an override that makemessages did not keep."""
    if isinstance(key, tuple):
        fields = {
            "msgid": quote(key[0]),
            "msgid_plural": quote(key[1]),
            "msgstr[0]": quote(value[0]),
            "msgstr[1]": quote(value[1]),
        }
    else:
        fields = {"msgid": quote(key), "msgstr": quote(value)}
    comments = ["# Override of Wagtail's French (scripts/french_catalogue.py)."]
    if any("%(" in part for part in (key if isinstance(key, tuple) else (key,))):
        comments.append("#, python-format")
    return {"comments": comments, "fields": fields}


def obsolete_msgid(comments):
    """The msgid of an obsolete entry (``#~ msgid``, wrapped or not), or None."""
    lines = []
    for line in comments:
        text = line[len("#~ ") :] if line.startswith("#~ ") else None
        if text is None:
            continue
        if text.startswith("msgid "):
            lines = [text[len("msgid ") :]]
        elif lines and text.startswith('"'):
            lines.append(text)
        elif lines:
            break
    return unquote(lines) if lines else None


def fill(entries):
    """The filled entries and the msgids that were changed."""
    changed = []
    seen = set()
    filled = []
    for entry in entries:
        fields = entry["fields"]
        obsolete = not fields and any(line.startswith("#~") for line in entry["comments"])
        if obsolete and obsolete_msgid(entry["comments"]) in override_msgids():
            changed.append("(obsolete override)")
            continue
        if "msgid" not in fields:
            filled.append(entry)
            continue
        msgid = unquote(fields["msgid"])
        seen.add(msgid)
        before = serialise([entry])
        if msgid == "":
            fill_header(entry)
        elif "msgid_plural" in fields and (msgid, unquote(fields["msgid_plural"])) in OVERRIDES:
            one, many = OVERRIDES[msgid, unquote(fields["msgid_plural"])]
            fields["msgstr[0]"], fields["msgstr[1]"] = quote(one), quote(many)
            entry["comments"] = without_fuzzy(entry["comments"])
            seen.add((msgid, unquote(fields["msgid_plural"])))
        elif "msgid_plural" in fields:
            fields["msgstr[0]"] = quote(french_spaces(msgid))
            fields["msgstr[1]"] = quote(french_spaces(unquote(fields["msgid_plural"])))
            entry["comments"] = without_fuzzy(entry["comments"])
        elif msgid in OVERRIDES:
            fields["msgstr"] = quote(OVERRIDES[msgid])
            entry["comments"] = without_fuzzy(entry["comments"])
        elif french_spaces(msgid) != msgid:
            fields["msgstr"] = quote(french_spaces(msgid))
            entry["comments"] = without_fuzzy(entry["comments"])
        elif without_fuzzy(entry["comments"]) != entry["comments"]:
            # A guess from a neighbouring msgid: the French msgid is right, the guess is not.
            fields["msgstr"] = ['""']
            entry["comments"] = without_fuzzy(entry["comments"])
        if serialise([entry]) != before:
            changed.append(msgid)
        filled.append(entry)
    for key, value in OVERRIDES.items():
        if key not in seen:
            filled.append(override_entry(key, value))
            changed.append(key)
    return filled, changed


def main(argv):
    check = "--check" in argv
    paths = [arg for arg in argv if not arg.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    text = path.read_text(encoding="utf-8")
    entries, changed = fill(parse(text))
    result = serialise(entries)
    if check:
        if result != text:
            print(f"{path}: {len(changed)} entries to fill, first: {changed[:3]}", file=sys.stderr)
            print("Run `make messages`.", file=sys.stderr)
            return 1
        return 0
    if result != text:
        path.write_text(result, encoding="utf-8")
    print(f"{path}: {len(changed)} entries filled.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
