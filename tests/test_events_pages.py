"""Agenda, meeting, follow-up and results pages: rendering, filters, bad input, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import (
    FollowUpNote,
    FollowUpPage,
    MeetingKind,
    MeetingPhoto,
    RecommendationStatus,
    ResultsPage,
    SustainabilityPlan,
)
from tests.conftest import shared_data
from tests.factories import (
    add_page,
    make_community,
    make_event_index,
    make_frame,
    make_image,
    make_meeting,
    make_organization,
    make_recommendation,
)

TODAY = datetime.date.today()


@pytest.fixture
def agenda(request, _site_tree_pks):
    """Communities, a frame, an organisation, the agenda with past and upcoming meetings, the
    follow-up and results pages: built once for consecutive tests (tests/conftest.py,
    ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_agenda)


def build_agenda(site_tree):
    tree = site_tree
    tree.segou = make_community(tree, "Ségou", slug="segou")
    tree.kayes = make_community(tree, "Kayes", region="Kayes", slug="kayes")
    tree.frame = make_frame(
        tree, "Mariage d'enfants", slug="mariage-d-enfants", communities=[tree.segou]
    )
    tree.aprofem = make_organization(
        tree,
        "Association pour la Promotion de la Femme et de l'Enfant au Mali",
        acronym="APROFEM",
        slug="aprofem",
        communities=[tree.segou],
    )
    tree.agenda = make_event_index(tree)
    tree.follow_up = add_page(
        tree.home, FollowUpPage(title="Suivi des recommandations", slug="suivi-des-recommandations")
    )
    tree.results = add_page(tree.home, ResultsPage(title="Résultats", slug="resultats"))
    tree.past = make_meeting(
        tree.agenda,
        "Comité régional VBG",
        kind=MeetingKind.COMMITTEE,
        start_date=datetime.date(2025, 10, 2),
        venue="Chambre des Métiers",
        commune="Ségou",
        communities=[tree.segou],
        organizers=[tree.aprofem],
        participants_total=40,
        participants_women=25,
        participants_men=15,
        chair_function="Conseiller du Gouverneur",
    )
    tree.session = make_meeting(
        tree.agenda,
        "Cadre sur le mariage d'enfants",
        kind=MeetingKind.CONCERTATION,
        start_date=datetime.date(2023, 5, 4),
        concertation_frame=tree.frame,
        communities=[tree.segou],
        participants_total=41,
    )
    tree.upcoming = make_meeting(
        tree.agenda,
        "Webinaire Ségou–Kayes",
        kind=MeetingKind.WEBINAR,
        start_date=TODAY + datetime.timedelta(days=20),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
        online_url="https://visio.example.org/cdp",
        communities=[tree.segou, tree.kayes],
    )
    return tree


def test_agenda_lists_upcoming_then_past(client, agenda):
    response = client.get("/agenda/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index("Webinaire Ségou–Kayes")
        < html.index("Comité régional VBG")
        < html.index("Cadre sur le mariage d&#x27;enfants")
    )
    assert "À venir" in html
    assert 'href="/agenda.ics"' in html
    assert 'href="/agenda/communautes/kayes.ics"' in html


def test_past_meeting_page_shows_its_record_and_recommendations(client, agenda):
    make_recommendation(
        agenda.past,
        text="Assurer un suivi rigoureux des recommandations.",
        responsible_organization=agenda.aprofem,
    )
    response = client.get(agenda.past.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2\xa0octobre\xa02025" in html  # dates never break across lines
    assert "Chambre des Métiers, Ségou" in html
    assert "Conseiller du Gouverneur" in html
    assert "Assurer un suivi rigoureux des recommandations." in html
    assert "APROFEM" in html
    # A past meeting offers no "add to my calendar".
    assert "Ajouter à mon agenda" not in html
    assert "calendar.google.com" not in html


def test_upcoming_meeting_offers_calendar_links_without_script(client, agenda):
    html = client.get(agenda.upcoming.url).content.decode()
    assert "Ajouter à mon agenda" in html
    assert f'href="/agenda/reunions/{agenda.upcoming.pk}.ics"' in html
    for host in (
        "https://calendar.google.com/",
        "https://outlook.live.com/",
        "https://calendar.yahoo.com/",
    ):
        assert f'href="{host}' in html
        assert f'src="{host}' not in html
    assert "<script" not in html.split("</head>", 1)[1].replace('<script src="/static/', "")


def test_meeting_with_sessions_lists_each_session_communes(client, agenda):
    meeting = make_meeting(
        agenda.agenda,
        "Ateliers CCS",
        start_date=datetime.date(2025, 5, 26),
        end_date=datetime.date(2025, 6, 4),
        participants_total=90,
        sessions=[
            {
                "title": "Session 1",
                "start_date": datetime.date(2025, 5, 26),
                "end_date": datetime.date(2025, 5, 28),
                "communes": "Ségou, Gao, Markala",
            },
            {
                "title": "Session 2",
                "start_date": datetime.date(2025, 5, 29),
                "end_date": datetime.date(2025, 5, 31),
                "communes": "Koutiala, Yorosso",
            },
        ],
    )
    html = client.get(meeting.url).content.decode()
    assert "du 26\xa0mai au 4\xa0juin\xa02025" in html
    assert "du 26 au 28\xa0mai\xa02025" in html
    assert "Ségou, Gao, Markala" in html and "Koutiala, Yorosso" in html


def test_meeting_photos_show_as_a_captioned_gallery(client, agenda):
    """The same gallery as a practice's images (practices/includes/gallery.html)."""
    meeting = make_meeting(agenda.agenda, "Visite d'échange à Kayes", communities=[agenda.kayes])
    MeetingPhoto.objects.create(
        page=meeting, image=make_image("Photo de groupe"), caption="Les participantes du comité"
    )
    body = client.get(meeting.url).content.decode()
    section = body.split('<section aria-labelledby="photos">')[1].split("</section>")[0]
    assert '<h2 id="photos">Photos</h2>' in section
    figure = section.split('<figure class="gallery-image">')[1].split("</figure>")[0]
    assert 'type="image/avif"' in figure and 'loading="lazy"' in figure
    assert "Les participantes du comité" in figure


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        (
            "communaute=kayes",
            ["Webinaire Ségou–Kayes"],
            ["Comité régional VBG", "Cadre sur le mariage"],
        ),
        ("type=committee", ["Comité régional VBG"], ["Webinaire", "Cadre sur le mariage"]),
        ("annee=2023", ["Cadre sur le mariage"], ["Comité régional VBG", "Webinaire"]),
        ("cadre=mariage-d-enfants", ["Cadre sur le mariage"], ["Comité régional VBG", "Webinaire"]),
    ],
)
def test_agenda_filters(client, agenda, query, shown, hidden):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200
    main = response.content.decode().split('id="main"', 1)[1].split("</form>", 1)[1]
    main = main.split('id="abonnement"', 1)[0]
    for title in shown:
        assert title in main
    for title in hidden:
        assert title not in main


@pytest.mark.parametrize(
    "query",
    [
        "annee=20x5",
        "annee=99999999999999999999",
        "type=inconnu",
        "communaute=%3Cscript%3E",
        "cadre=nulle-part",
        "page=abc",
        "page=99999999999999999999999",
        "page=-3",
        "annee=&type=&page=",
        "type=committee&type=committee&annee=2025&annee=abc",
    ],
)
def test_agenda_bad_input_is_a_clear_page(client, agenda, query):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("</head>", 1)[1]


def test_agenda_reports_unknown_filter_values(client, agenda):
    html = client.get("/agenda/?annee=20x5&type=inconnu").content.decode()
    assert "«\xa020x5\xa0» n&#x27;est pas une valeur connue du filtre «\xa0Année\xa0»" in html
    assert (
        "«\xa0inconnu\xa0» n&#x27;est pas une valeur connue du filtre «\xa0Type de rencontre\xa0»"
        in html
    )
    # The other meetings are still listed.
    assert "Comité régional VBG" in html


def test_title_with_html_is_escaped_everywhere(client, agenda):
    make_meeting(agenda.agenda, "<b>Réunion</b> & co", communities=[agenda.segou])
    for url in ("/agenda/", agenda.segou.url):
        html = client.get(url).content.decode()
        assert "&lt;b&gt;Réunion&lt;/b&gt; &amp; co" in html
        assert "<b>Réunion</b>" not in html


def test_community_frame_and_organisation_pages_list_their_meetings(client, agenda):
    html = client.get(agenda.segou.url).content.decode()
    section = html.split('id="rencontres"', 1)[1]
    assert "Comité régional VBG" in section and "Cadre sur le mariage" in section
    # Totals computed from the records: 40 + 41 (the webinar has no count).
    assert "<strong>81</strong> participants au total" in section
    assert 'href="/agenda/communautes/segou.ics"' in section

    frame_html = client.get(agenda.frame.url).content.decode().split('id="rencontres"', 1)[1]
    assert "Cadre sur le mariage" in frame_html and "Comité régional VBG" not in frame_html
    assert "<strong>41</strong> participants au total" in frame_html

    org_html = client.get(agenda.aprofem.url).content.decode().split('id="rencontres"', 1)[1]
    assert "Comité régional VBG" in org_html and "Cadre sur le mariage" not in org_html


def test_meeting_totals_tag(agenda):
    from django.template import Context, Template

    template = Template(
        "{% load events_tags %}{% meeting_totals page as t %}"
        "{{ t.meetings }}/{{ t.participants }}/{{ t.women }}/{{ t.men }}"
    )
    assert template.render(Context({"page": agenda.segou})) == "3/81/25/15"
    # Kayes held a meeting whose head counts nobody recorded: unknown, not 0.
    assert template.render(Context({"page": agenda.kayes})) == "1/None/None/None"
    assert template.render(Context({"page": agenda.frame})) == "1/41/None/None"


def test_draft_meetings_stay_off_public_pages(client, agenda):
    agenda.past.unpublish()
    assert "Comité régional VBG" not in client.get("/agenda/").content.decode()
    assert "Comité régional VBG" not in client.get(agenda.segou.url).content.decode()


# Follow-up page ------------------------------------------------------------------------------


@pytest.fixture
def follow_up(request, _site_tree_pks):
    """``agenda`` with recommendations, a plan and a note: built once for consecutive tests
    (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_follow_up)


def build_follow_up(site_tree):
    tree = build_agenda(site_tree)
    tree.plan = SustainabilityPlan.objects.create(
        title="Plan de pérennisation de Kayes", community=tree.kayes
    )
    tree.rec_open = make_recommendation(
        tree.past,
        text="Renforcer la synergie d'actions",
        responsible_organization=tree.aprofem,
        due_date=datetime.date(2025, 12, 31),
    )
    tree.rec_done = make_recommendation(
        tree.session, text="Signer des conventions d'abandon", status=RecommendationStatus.DONE
    )
    tree.action = make_recommendation(
        plan=tree.plan,
        text="Tenir les webinaires semestriels",
        status=RecommendationStatus.IN_PROGRESS,
    )
    FollowUpNote.objects.create(
        recommendation=tree.action, date=datetime.date(2026, 3, 1), text="Premier webinaire tenu"
    )
    return tree


def _items(html):
    return html.split('id="main"', 1)[1].split("</form>", 1)[1].split('id="plans"', 1)[0]


def test_follow_up_page_lists_everything_with_counts(client, follow_up):
    response = client.get("/suivi-des-recommandations/")
    assert response.status_code == 200
    html = response.content.decode()
    items = _items(html)
    for text in (
        "Renforcer la synergie d&#x27;actions",
        "Signer des conventions d&#x27;abandon",
        "Tenir les webinaires semestriels",
        "Premier webinaire tenu",
    ):
        assert text in items
    assert "<strong>1</strong> ouverte" in html
    assert "<strong>1</strong> en cours" in html
    assert "<strong>1</strong> réalisée" in html
    # Overdue: due 31/12/2025, still open.
    assert "<strong>1</strong> en retard" in html
    assert "Plans de pérennisation\xa0: suivi conjoint" in html


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        (
            "statut=done",
            ["Signer des conventions"],
            ["Renforcer la synergie", "Tenir les webinaires"],
        ),
        (
            "communaute=kayes",
            ["Tenir les webinaires"],
            ["Renforcer la synergie", "Signer des conventions"],
        ),
        (
            "communaute=segou",
            ["Renforcer la synergie", "Signer des conventions"],
            ["Tenir les webinaires"],
        ),
        (
            "organisation=aprofem",
            ["Renforcer la synergie"],
            ["Signer des conventions", "Tenir les webinaires"],
        ),
        (
            "cadre=mariage-d-enfants",
            ["Signer des conventions"],
            ["Renforcer la synergie", "Tenir les webinaires"],
        ),
        (
            "retard=oui",
            ["Renforcer la synergie"],
            ["Signer des conventions", "Tenir les webinaires"],
        ),
        (
            "origine=plans",
            ["Tenir les webinaires"],
            ["Renforcer la synergie", "Signer des conventions"],
        ),
    ],
)
def test_follow_up_filters(client, follow_up, query, shown, hidden):
    response = client.get(f"/suivi-des-recommandations/?{query}")
    assert response.status_code == 200
    items = _items(response.content.decode())
    for text in shown:
        assert text in items
    for text in hidden:
        assert text not in items


def test_follow_up_counts_ignore_the_status_filter_only(client, follow_up):
    html = client.get("/suivi-des-recommandations/?statut=done&communaute=segou").content.decode()
    assert "<strong>1</strong> ouverte" in html  # Ségou's open one, though only "done" is listed
    assert "<strong>0</strong> en cours" in html  # Kayes' plan action is filtered out


@pytest.mark.parametrize(
    "query, status",
    [
        ("statut=fini", 200),
        ("retard=peut-etre", 200),
        ("page=x", 200),
        ("cadre=&statut=", 200),
        # Unreadable or over-long addresses are refused before the view (MalformedUrlMiddleware).
        ("organisation=%00", 400),
        ("communaute=" + "a" * 5000, 400),
    ],
)
def test_follow_up_bad_input_is_a_clear_page(client, follow_up, query, status):
    response = client.get(f"/suivi-des-recommandations/?{query}")
    assert response.status_code == status
    assert "Suivi des recommandations" in response.content.decode() or status == 400


def test_export_link_keeps_the_filters(client, follow_up):
    html = client.get(
        "/suivi-des-recommandations/?statut=done&communaute=segou&statut=zzz"
    ).content.decode()
    assert 'href="/suivi-des-recommandations/export-csv/?communaute=segou&amp;statut=done"' in html


# Results page --------------------------------------------------------------------------------


def test_results_page_renders_accessible_charts_with_tables(client, follow_up):
    response = client.get("/resultats/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 4
    assert html.count('<title id="chart-') == 4 and html.count('<desc id="chart-') == 4
    assert html.count("<table") >= 4
    assert "<script" not in html.split("</head>", 1)[1].replace('<script src="/static/', "")
    # 40 + 41 participants, dated 2025 and 2023.
    assert "<strong>81</strong> participants" in html
    assert "2025\xa0: 40" in html and "2023\xa0: 41" in html


# Query counts ------------------------------------------------------------------------------


def _count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_meetings(tree, n, start):
    for i in range(n):
        meeting = make_meeting(
            tree.agenda,
            f"Réunion {start + i}",
            communities=[tree.segou, tree.kayes],
            concertation_frame=tree.frame,
            participants_total=10,
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=start + i),
        )
        make_recommendation(meeting, responsible_organization=tree.aprofem)
        FollowUpNote.objects.create(recommendation=meeting.recommendations.get(), text="Note")


QUERY_COUNT_URLS = [
    "/agenda/",
    "/suivi-des-recommandations/",
    "/resultats/",
    "/communautes/segou/",
    "/agenda/?communaute=segou&annee=2024",
]


def build_grown_agenda(site_tree):
    """``build_agenda`` with 3 more meetings, each page's queries counted then (``few``), and
    9 more meetings added afterwards (12 in all)."""
    from django.test import Client

    tree = build_agenda(site_tree)
    _add_meetings(tree, 3, 0)
    client = Client()
    tree.few = {url: _count_queries(client, url) for url in QUERY_COUNT_URLS}
    _add_meetings(tree, 9, 3)
    return tree


@pytest.fixture
def grown_agenda(request, _site_tree_pks):
    """``build_grown_agenda``, built once for the consecutive tests that ask for it
    (tests/conftest.py, ``shared_data``): the meetings are added once, not once per test."""
    return shared_data(request, _site_tree_pks, build_grown_agenda)


@pytest.mark.parametrize("url", QUERY_COUNT_URLS)
def test_query_count_does_not_grow_with_items(client, grown_agenda, url):
    few = grown_agenda.few[url]
    many = _count_queries(client, url)
    assert many == few, f"{url}: {few} queries for 3 meetings, {many} for 12"
