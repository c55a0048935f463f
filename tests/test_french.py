"""The French a reader sees: the catalogue's plural forms (« 0 résultat », « 1 rencontre »,
« 2 rencontres »), agreements, non-breaking spaces in numbers and dates, the admin's labels
and greeting, and home figures that say what they count."""

import datetime
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import camel_case_to_spaces
from django.utils.translation import gettext, ngettext
from wagtail.models import Task, Workflow

from events import dates
from events.models import EventIndexPage, FollowUpPage, MeetingAttachment, RecommendationStatus
from home.listing import COUNT_RESULTS, format_count
from home.models import FeaturedItem, HomePage, OrganizationIndexPage, StandardPage
from practices.models import PracticeAttachment, PracticeIndexPage

from .catalogue import CATALOGUE, ROOT, french_catalogue
from .factories import (
    add_page,
    make_community,
    make_document,
    make_event_index,
    make_frame,
    make_meeting,
    make_organization,
    make_practice,
    make_recommendation,
)

NBSP = "\xa0"


def text(response):
    """The visible text, spaces collapsed but non-breaking spaces kept."""
    assert response.status_code == 200
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(strip_tags(response.content.decode())))


def plural_entries(path):
    """``{(msgid, msgid_plural): (msgstr[0], msgstr[1])}`` of a catalogue."""
    entries = {}
    for entry in french_catalogue.parse(path.read_text(encoding="utf-8")):
        fields = entry["fields"]
        if "msgid_plural" in fields:
            key = (
                french_catalogue.unquote(fields["msgid"]),
                french_catalogue.unquote(fields["msgid_plural"]),
            )
            entries[key] = tuple(
                french_catalogue.unquote(fields.get(f"msgstr[{n}]", ['""'])) for n in (0, 1)
            )
    return entries


# --- The catalogue -----------------------------------------------------------------------------


SOURCE_SUFFIXES = (".py", ".html", ".txt")
NOT_SOURCES = {"locale", "tests", "media", "static_collected", "backups", "node_modules"}


def copy_sources(target):
    """The code and templates only: makemessages run in the repository would write into
    its own locale/ (a ``locale`` folder found while walking takes precedence)."""

    def ignored(folder, names):
        return [
            name
            for name in names
            if name in NOT_SOURCES
            or name.startswith((".", "__pycache__"))
            or (Path(folder, name).is_file() and not name.endswith(SOURCE_SUFFIXES))
        ]

    for child in ROOT.iterdir():
        if child.is_dir() and child.name not in NOT_SOURCES and not child.name.startswith("."):
            shutil.copytree(child, target / child.name, ignore=ignored)


def test_every_plural_string_of_the_code_has_its_french_entry(tmp_path, monkeypatch):
    """Django's own extraction (makemessages, on a copy of the code) finds every ngettext and
    {% blocktranslate count %}; each must be filled in the committed French catalogue."""
    copy_sources(tmp_path)
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command("makemessages", locale=["fr"], verbosity=0)
    extracted = plural_entries(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    committed = plural_entries(CATALOGUE)
    assert len(extracted) > 30
    missing = [key for key in extracted if key not in committed]
    assert not missing, f"run `make messages`: {missing[:5]}"
    empty = [key for key, (one, many) in committed.items() if not one or not many]
    assert not empty


def test_catalogue_is_filled_and_compiled():
    """The script leaves nothing to fill, and the compiled .mo says what the .po says."""
    assert french_catalogue.main(["--check", str(CATALOGUE)]) == 0
    entries = plural_entries(CATALOGUE)
    with translation.override("fr"):
        for (msgid, plural), (one, many) in entries.items():
            assert ngettext(msgid, plural, 0) == one
            assert ngettext(msgid, plural, 1) == one
            assert ngettext(msgid, plural, 2) == many


def test_fill_script_fills_plurals_drops_fuzzy_guesses_and_keeps_overrides(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        "#, fuzzy\n"
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy, python-format\n#| msgid "%(count)s page"\n'
        'msgid "%(count)s rencontre"\nmsgid_plural "%(count)s rencontres"\n'
        'msgstr[0] "%(count)s page"\nmsgstr[1] ""\n\n'
        '#, fuzzy\nmsgid "Rencontres"\nmsgstr "Rencontre"\n\n'
        # French msgids typed with ordinary spaces; one with a fuzzy guess.
        '#, python-format\nmsgid "Thème : %(name)s"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "« %(query)s » ? 2 Mo au plus"\nmsgstr "Recherche"\n\n'
        '#~ msgid "Hello %(username)s,"\n#~ msgstr "Bonjour %(username)s,"\n\n'
        # makemessages wraps a long obsolete msgid over several lines.
        '#~ msgid ""\n#~ "One or more references to this %(model_name)s prevent it from being "\n'
        '#~ "deleted."\n#~ msgstr ""\n#~ "Des références."\n',
        encoding="utf-8",
    )
    assert french_catalogue.main(["--check", str(po)]) == 1
    assert french_catalogue.main([str(po)]) == 0
    assert french_catalogue.main(["--check", str(po)]) == 0
    entries = plural_entries(po)
    assert entries.pop(("%(count)s rencontre", "%(count)s rencontres")) == (
        "%(count)s rencontre",
        "%(count)s rencontres",
    )
    # What is left are the plural overrides of Wagtail's French, added once.
    overrides = {
        key: value for key, value in french_catalogue.OVERRIDES.items() if isinstance(key, tuple)
    }
    assert entries == overrides
    assert entries[("Used %(usage_count)s time", "Used %(usage_count)s times")] == (
        "%(usage_count)s utilisation",
        "%(usage_count)s utilisations",
    )
    written = po.read_text(encoding="utf-8")
    assert "fuzzy" not in written
    assert 'msgid "Rencontres"\nmsgstr ""' in written
    assert f'msgid "Thème : %(name)s"\nmsgstr "Thème{NBSP}: %(name)s"' in written
    assert (
        'msgid "« %(query)s » ? 2 Mo au plus"\n'
        f'msgstr "«{NBSP}%(query)s{NBSP}»{NBSP}? 2{NBSP}Mo au plus"' in written
    )
    assert "#~" not in written
    assert 'msgid "Hello %(username)s,"\nmsgstr "Bonjour %(username)s,"' in written
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in written


# --- Counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "count_text, expected",
    [
        (COUNT_RESULTS, ["0 résultat", "1 résultat", "2 résultats"]),
        (EventIndexPage.count_text, ["0 rencontre", "1 rencontre", "2 rencontres"]),
        (
            FollowUpPage.count_text,
            [
                "0 recommandation ou action",
                "1 recommandation ou action",
                "2 recommandations ou actions",
            ],
        ),
        (PracticeIndexPage.count_text, ["0 pratique", "1 pratique", "2 pratiques"]),
        (OrganizationIndexPage.count_text, ["0 organisation", "1 organisation", "2 organisations"]),
    ],
)
def test_listing_counts_at_zero_one_and_two(count_text, expected):
    with translation.override("fr"):
        assert [format_count(count_text, n) for n in (0, 1, 2)] == expected


def test_big_counts_keep_their_digits_together():
    with translation.override("fr"):
        assert format_count(COUNT_RESULTS, 1000) == f"1{NBSP}000 résultats"
        rendered = Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 2000}))
        assert rendered == f"2{NBSP}000"


def test_dates_in_french_with_non_breaking_spaces():
    with translation.override("fr"):
        assert dates.day(datetime.date(2022, 3, 1)) == f"1er{NBSP}mars{NBSP}2022"
        assert dates.date_range(datetime.date(2025, 5, 26), datetime.date(2025, 6, 4)) == (
            f"du 26{NBSP}mai au 4{NBSP}juin{NBSP}2025"
        )
        rendered = Template('{{ d|date:"DATE_FORMAT" }}').render(
            Context({"d": datetime.date(2025, 10, 2)})
        )
        assert rendered == f"2{NBSP}octobre{NBSP}2025"


def test_search_results_count_in_the_singular_at_zero(site_tree, client):
    page = text(client.get(reverse("search"), {"q": "zzzqqqxxyy"}))
    assert "0\xa0résultat pour «\xa0zzzqqqxxyy\xa0»" in page  # no line break before « » »
    assert "0 résultats" not in page and "0\xa0résultats" not in page


# --- Meetings, follow-up -----------------------------------------------------------------------


@pytest.fixture
def agenda(site_tree):
    return make_event_index(site_tree)


def test_meetings_held_and_participants_agree_and_unknown_is_not_zero(site_tree, agenda, client):
    kayes = make_community(site_tree, title="Kayes", region="Kayes")
    make_meeting(agenda, title="Webinaire Ségou–Kayes", communities=[kayes], start_date=None)
    page = text(client.get(kayes.url))
    assert "1 rencontre tenue" in page
    assert "1 rencontres" not in page
    assert "0 participant" not in page
    assert "nombre de participants non communiqué" in page

    make_meeting(agenda, title="Visite d'échange", communities=[kayes], participants_total=1200)
    page = text(client.get(kayes.url))
    assert "2 rencontres tenues" in page
    assert f"1{NBSP}200 participants au total" in page
    assert "nombre de participants non communiqué" not in page


def test_follow_up_status_counts_agree_with_their_number(site_tree, agenda, client):
    follow_up = add_page(
        site_tree.home,
        FollowUpPage(title="Suivi des recommandations", slug="suivi-des-recommandations"),
    )
    meeting = make_meeting(agenda, title="Comité régional VBG")
    make_recommendation(meeting=meeting, status=RecommendationStatus.OPEN)
    for _ in range(2):
        make_recommendation(meeting=meeting, status=RecommendationStatus.DONE)
    page = text(client.get(follow_up.url))
    assert "1 ouverte" in page
    assert "2 réalisées" in page
    assert "0 abandonnée" in page
    assert "0 en cours" in page
    assert "3 recommandations ou actions" in page
    assert "(s)" not in page


# --- Home figures -------------------------------------------------------------------------------


def test_home_figures_say_what_they_count_and_leave_out_zero(site_tree, client):
    segou = make_community(site_tree)
    make_organization(site_tree, title="APROFEM", communities=[segou])
    make_organization(site_tree, title="CARE Mali")
    make_organization(site_tree, title="PNUD")
    draft = make_organization(site_tree, title="Brouillon")
    draft.unpublish()
    page = text(client.get(site_tree.home.url))
    assert "1 organisation déclarée membre d'une CdP" in page
    assert "3 organisations présentes sur le portail" in page
    # No meeting, practice or tool yet: no « 0 » figure.
    for zero in ("0 rencontre", "0 participant", "0 pratique", "0 outil"):
        assert zero not in page


# --- Admin --------------------------------------------------------------------------------------


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="x"
    )
    client.force_login(user)
    return client


def test_admin_says_ajouter_un_document_joint(site_tree, admin):
    url = reverse(
        "wagtailadmin_pages:add", args=("practices", "practicepage", site_tree.practices.pk)
    )
    page = text(admin.get(url))
    assert "Ajouter un document joint" in page
    assert "Ajouter une image" in page
    assert "un(e)" not in page
    assert "Documents joints" in page


@pytest.mark.parametrize(
    "url_name, label",
    [
        ("wagtailsnippets_home_theme:list", "Ajouter un thème"),
        ("wagtailsnippets_events_recommendation:list", "Ajouter une recommandation ou une action"),
        ("wagtailsnippets_events_sustainabilityplan:list", "Ajouter un plan de pérennisation"),
    ],
)
def test_snippet_add_buttons_have_their_article(site_tree, admin, url_name, label):
    page = text(admin.get(reverse(url_name)))
    assert label in page
    assert "un(e)" not in page


def test_every_model_of_the_content_apps_has_french_names():
    """No English default (« practice attachment ») nor a plural made by adding an s
    (« page d'accueils »): every model names itself, singular and plural."""
    with translation.override("fr"):
        for label in ("home", "events", "practices"):
            for model in apps.get_app_config(label).get_models():
                singular = str(model._meta.verbose_name)
                plural = str(model._meta.verbose_name_plural)
                assert singular != camel_case_to_spaces(model.__name__), model
                assert not plural.endswith("ss"), model
        assert str(HomePage._meta.verbose_name_plural) == "pages d'accueil"
        assert str(FeaturedItem._meta.verbose_name_plural) == "contenus mis en avant"
        for model in (PracticeAttachment, MeetingAttachment):
            assert str(model._meta.verbose_name) == "document joint"
            assert str(model._meta.verbose_name_plural) == "documents joints"


def test_greeting_is_not_salut(site_tree, admin):
    with translation.override("fr"):
        rendered = Template(
            "{% load i18n %}{% blocktrans trimmed with username='admin' %}"
            "Hello {{ username }},{% endblocktrans %}"
        ).render(Context())
    assert rendered == "Bonjour admin,"
    assert "Salut" not in text(admin.get(reverse("wagtailadmin_home")))


def test_default_workflow_groups_and_tasks_have_french_names(db):
    names = set(Group.objects.values_list("name", flat=True))
    names |= set(Workflow.objects.values_list("name", flat=True))
    names |= set(Task.objects.values_list("name", flat=True))
    assert {"Éditeurs", "Modérateurs", "Validation par les modérateurs"} <= names
    assert not names & {"Editors", "Moderators", "Moderators approval"}


# --- Wagtail's own French: no « (e) » nor « (s) » ------------------------------------------------


@pytest.fixture
def catalogue_with_overrides(tmp_path):
    """The committed French catalogue as `make messages` leaves it (the fill script adds the
    overrides of Wagtail's French), compiled the way compilemessages does (msgfmt)."""
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(CATALOGUE, folder / "django.po")
    assert french_catalogue.main([str(folder / "django.po")]) == 0
    subprocess.run(
        ["msgfmt", "--check", "-o", str(folder / "django.mo"), str(folder / "django.po")],
        check=True,
        capture_output=True,
    )
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        yield


def test_no_gender_or_plural_parentheses_in_the_overrides():
    for key, value in french_catalogue.OVERRIDES.items():
        for text in value if isinstance(value, tuple) else (value,):
            assert not re.search(r"\((e|s|le|ne|tte)\)|/cette|\(la\)", text), key


def test_admin_documents_list_reads_as_french(site_tree, catalogue_with_overrides, client):
    """The documents list an editor sees: « 1 utilisation », « Création », not Wagtail's
    « Utilisé(e) 1 fois » and « Créé(e) »."""
    editor = get_user_model().objects.create_superuser("redactrice", "r@example.org", "x")
    client.force_login(editor)
    make_document()
    with translation.override("fr"):
        page = text(client.get(reverse("wagtaildocs:index"), HTTP_ACCEPT_LANGUAGE="fr"))
        # Wagtail's msgids held in variables, so that makemessages does not copy them into the
        # project's catalogues as if the project used them.
        used = ("Used %(usage_count)s time", "Used %(usage_count)s times")
        delete_page = "Are you sure you want to delete this page?"
        assert ngettext(*used, 2) == "%(usage_count)s utilisations"
        assert gettext(delete_page) == f"Voulez-vous vraiment supprimer cette page{NBSP}?"
    assert "0 utilisation" in page
    assert "Création" in page
    for wrong in ("(e)", "(s)", "Utilisé", "Créé"):
        assert wrong not in page


def test_admin_dashboard_summary_reads_as_french(site_tree, catalogue_with_overrides, client):
    """The dashboard's summary: « 1 document créé dans … », « n pages créées dans … », not
    Wagtail's « 1 Document … créé », « n Pages … créées dans… » (no space before the name)."""
    editor = get_user_model().objects.create_superuser("tableau", "t@example.org", "x")
    client.force_login(editor)
    make_document()
    with translation.override("fr"):
        html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert re.search(r'\d+ pages <span class="w-sr-only">créées dans \S', html)
    assert '1 document <span class="w-sr-only">créé dans ' in html
    for wrong in (" Pages <span", " Document <span", "dans%"):
        assert wrong not in html


# --- Plain-text fields: non-breaking spaces ------------------------------------------------------

PLAIN = "Plus de 1 000 femmes ; 90 participantes : 25 % de hausse ! Et « la suite » ?"
WITH_NBSP = (
    f"Plus de 1{NBSP}000{NBSP}femmes{NBSP}; 90{NBSP}participantes{NBSP}: 25{NBSP}% de hausse{NBSP}!"
    f" Et «{NBSP}la suite{NBSP}»{NBSP}?"
)


def test_plain_text_fields_keep_numbers_and_french_punctuation_together(site_tree, client):
    """Summaries, introductions, roles and figure labels are plain text an editor types with
    ordinary spaces: shown on the page, a number stays with what it counts and « : ; ! ? »
    with the word before them, as on the rich-text fields the demo writes."""
    org = make_organization(site_tree, title="Association des femmes", role=PLAIN)
    practice = make_practice(
        org,
        title="Pratique chiffrée",
        summary=PLAIN,
        target_groups=PLAIN,
        result_figures=[("figure", {"value": "1 000", "label": "femmes : touchées"})],
    )
    frame = make_frame(site_tree, title="Cadre chiffré", summary=PLAIN)
    community = make_community(site_tree, title="Communauté chiffrée", summary=PLAIN)
    standard = add_page(site_tree.home, StandardPage(title="Page chiffrée", introduction=PLAIN))
    for page in (org, practice, frame, community, standard):
        shown = text(client.get(page.url))
        assert WITH_NBSP in shown, page.title
        assert PLAIN not in shown, page.title
    sheet = text(client.get(practice.url + "fiche/"))
    assert WITH_NBSP in sheet
    assert f"1{NBSP}000{NBSP}femmes{NBSP}: touchées" in text(client.get(practice.url))
    # Only spaces change: the words, the numbers and the signs are the same.
    assert WITH_NBSP.replace(NBSP, " ") == PLAIN
