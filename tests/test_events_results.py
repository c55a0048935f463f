"""Résultats: every figure is a sum or count of the records; the demo adds up to the texts."""

import datetime
import random

import pytest
from django.core.management import call_command

from events import stats
from events.charts import bar_chart
from events.models import MeetingPage, Recommendation, RecommendationStatus, ResultsPage
from tests.conftest import shared_data
from tests.factories import (
    add_page,
    make_community,
    make_event_index,
    make_frame,
    make_meeting,
    make_practice,
    make_recommendation,
    make_tool,
)


@pytest.fixture
def records(request, _site_tree_pks):
    """Meetings with random figures (seeded) and recommendations: built once for consecutive
    tests (tests/conftest.py, ``shared_data``)."""
    return shared_data(request, _site_tree_pks, build_records)


def build_records(site_tree):
    tree = site_tree
    rng = random.Random(52)
    tree.segou = make_community(tree, "Ségou", slug="segou")
    tree.kayes = make_community(tree, "Kayes", region="Kayes", slug="kayes")
    tree.frames = [make_frame(tree, f"Cadre {i}", slug=f"cadre-{i}") for i in range(3)]
    tree.agenda = make_event_index(tree)
    add_page(tree.home, ResultsPage(title="Résultats", slug="resultats"))
    tree.meetings = []
    for i in range(12):
        total = rng.choice([None, 10, 25, 41])
        women = rng.randint(0, total) if total else None
        meeting = make_meeting(
            tree.agenda,
            f"Rencontre {i}",
            start_date=rng.choice(
                [
                    None,
                    datetime.date(2022, 3, 10),
                    datetime.date(2023, 7, 13),
                    datetime.date(2025, 10, 2),
                ]
            ),
            communities=rng.choice([[tree.segou], [tree.kayes], [tree.segou, tree.kayes], []]),
            concertation_frame=rng.choice([None, *tree.frames]),
            participants_total=total,
            participants_women=women,
            people_reached=rng.choice([None, 0, 1000, 2000]),
            organizations_reached=rng.choice([None, 40]),
        )
        tree.meetings.append(meeting)
        for _ in range(rng.randint(0, 3)):
            make_recommendation(meeting, status=rng.choice(RecommendationStatus.values))
    make_practice(tree.practices, communities=[tree.segou])
    make_practice(tree.practices, communities=[tree.segou, tree.kayes])
    make_tool(tree.tools, communities=[tree.kayes])
    return tree


def known_sum(values):
    """The sum of the known values; None (unknown, not 0) when none is known."""
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def test_figures_are_the_sums_of_the_records(records):
    meetings = list(MeetingPage.objects.live())
    result = stats.results()
    headline = result["headline"]
    assert headline["meetings"] == len(meetings)
    assert headline["participants"] == sum(m.participants_total or 0 for m in meetings)
    assert headline["women"] == sum(m.participants_women or 0 for m in meetings)
    assert headline["people_reached"] == sum(m.people_reached or 0 for m in meetings)
    assert headline["organizations_reached"] == sum(m.organizations_reached or 0 for m in meetings)
    # By year (undated meetings in their own row), the rows add up to the total.
    assert sum(total or 0 for _label, total, _n in result["by_year"]) == headline["participants"]
    assert sum(n for _label, _total, n in result["by_year"]) == len(meetings)
    for label, total, n in result["by_year"]:
        dated = [m for m in meetings if m.start_date and str(m.start_date.year) == label]
        if dated:
            assert total == known_sum(m.participants_total for m in dated) and n == len(dated)
    # By community: each community's meetings.
    for title, total, n in result["by_community"]:
        own = [m for m in meetings if title in {c.title for c in m.communities.all()}]
        assert (total, n) == (known_sum(m.participants_total for m in own), len(own))
    # By frame.
    for title, total, n in result["by_frame"]:
        own = [m for m in meetings if m.concertation_frame and m.concertation_frame.title == title]
        assert (total, n) == (known_sum(m.participants_total for m in own), len(own))
    # Publications and follow-up.
    assert result["publications"]["practices"] == 2 and result["publications"]["tools"] == 1
    assert result["publications"]["by_community"] == [("Kayes", 1, 1), ("Ségou", 2, 0)]
    for row in result["follow_up"]:
        assert row["total"] == Recommendation.objects.filter(status=row["value"]).count()
    assert result["follow_up_done"] == Recommendation.objects.filter(status="done").count()
    assert (
        result["follow_up_pending"]
        == Recommendation.objects.filter(status__in=["open", "in_progress"]).count()
    )


def test_results_page_shows_the_computed_totals(client, records):
    html = client.get("/resultats/").content.decode()
    participants = sum(m.participants_total or 0 for m in records.meetings)
    assert f"<strong>{participants}</strong> participants" in html.replace("\u202f", "")
    # The status chart counts every status of recommendations and actions: its title says so.
    assert '<h2 id="suivi">Recommandations et actions par statut</h2>' in html


def test_unpublished_meetings_do_not_count(records):
    before = stats.results()["headline"]["meetings"]
    records.meetings[0].unpublish()
    assert stats.results()["headline"]["meetings"] == before - 1


def test_bar_chart_geometry():
    chart = bar_chart(
        "c",
        "Titre",
        "Description",
        [{"label": "A", "value": 41}, {"label": "B", "value": 0}, {"label": "C", "value": 82}],
    )
    widths = [bar["width"] for bar in chart["bars"]]
    assert widths[1] == 0 and widths[2] == 2 * widths[0] > 0
    assert chart["total"] == 123
    assert bar_chart("c", "T", "D", [])["empty"]
    # An unknown value is said, not drawn as a 0 bar.
    chart = bar_chart(
        "c", "T", "D", [{"label": "2022", "value": None}, {"label": "2025", "value": 90}]
    )
    assert [(bar["width"], bar["display"]) for bar in chart["bars"]] == [
        (0, "non communiqué"),
        (82, "90"),
    ]
    assert chart["total"] == 90


def test_a_year_or_community_without_any_head_count_reads_non_communique(client, site_tree):
    agenda = make_event_index(site_tree)
    make_meeting(
        agenda, "Rencontre comptée", start_date=datetime.date(2025, 3, 4), participants_total=90
    )
    make_meeting(
        agenda,
        "Rencontre sans effectif",
        start_date=datetime.date(2022, 5, 6),
        participants_total=None,
    )
    add_page(site_tree.home, ResultsPage(title="Résultats", slug="resultats"))
    by_year = {label: total for label, total, _n in stats.results()["by_year"]}
    assert by_year == {"2022": None, "2025": 90}
    html = client.get("/resultats/").content.decode()
    assert '<th scope="row">2022</th><td>1</td><td>non communiqué</td>' in html
    assert '<th scope="row">2022</th><td>1</td><td>0</td>' not in html


def test_undated_meetings_are_a_note_beside_the_year_chart_not_a_bar(client, records):
    result = stats.results()
    undated = [m for m in MeetingPage.objects.live() if m.start_date is None]
    assert undated, "the seeded records include meetings without a date"
    labels = [bar["label"] for bar in result["charts"]["year"]["bars"]]
    assert labels == sorted(labels) and all(label.isdigit() for label in labels)
    assert result["undated"] == {
        "participants": sum(m.participants_total or 0 for m in undated),
        "meetings": len(undated),
    }
    html = client.get("/resultats/").content.decode()
    assert "sans date connue" in html and "Date non communiquée</th>" in html
    # Bars are sized in percent of the chart's width: the chart fills its column.
    bars = result["charts"]["year"]["bars"]
    assert any(bar["value"] for bar in bars)
    assert max(bar["width"] for bar in bars) == 82 and 'width="100%"' in html


def test_a_reach_nobody_recorded_is_left_out_of_the_headline(client, site_tree):
    agenda = make_event_index(site_tree)
    add_page(site_tree.home, ResultsPage(title="Résultats", slug="resultats"))
    make_meeting(agenda, "Rencontre sans chiffres", participants_total=None)
    html = client.get("/resultats/").content.decode()
    headline = html[html.index('class="figures"') :].split("</ul>")[0]
    assert "1</strong> rencontre tenue" in headline
    for unknown in ("touchée", "sensibilisée", "</strong> participant"):
        assert unknown not in headline, unknown


# On the demo (after the records' tests: they share their records, tests/conftest.py).
def test_demo_figures_add_up_to_the_texts(demo_db):
    """On the demo as ``load_demo`` leaves it (loaded once per worker, tests/conftest.py)."""
    from demo.data.meetings import EXPECTED
    from home.models import CommunityPage
    from practices.models import ConcertationFramePage

    result = stats.results()
    assert result["headline"]["participants"] == EXPECTED["participants_total"] == 204
    assert result["headline"]["people_reached"] == EXPECTED["people_reached"] == 2000 + 1000
    assert result["headline"]["organizations_reached"] == 40
    by_frame = {title: total for title, total, _n in result["by_frame"]}
    for slug, expected in EXPECTED["frame_participants"].items():
        frame = ConcertationFramePage.objects.get(slug=slug)
        assert by_frame[frame.title] == expected
        # The frame's declared figure (from the text) equals what its sessions record.
        assert stats.totals(stats.meetings_for(frame))["participants"] == frame.participant_count
    ccs = MeetingPage.objects.get(slug="ateliers-ccs-communaux-segou-2025")
    assert ccs.participants_total == 90
    assert [s.communes_list for s in ccs.sessions.all()] == [
        ["Ségou", "Gao", "Markala", "Niono", "Macina", "Saye"],
        ["Koutiala", "Yorosso", "San", "Tominian", "Bla", "Timissa"],
        ["Mopti", "Djenné", "Sio", "Konna", "Koro", "Bankass", "Bandiagara"],
    ]
    assert MeetingPage.objects.get(
        slug="comite-regional-vbg-2-octobre-2025"
    ).start_date == datetime.date(2025, 10, 2)
    # Both plans, with their actions, from the exchange visit.
    for slug in ("segou", "kayes"):
        plan = CommunityPage.objects.get(slug=slug).sustainability_plans.get()
        assert plan.source_meeting.slug == "visite-d-echange-segou-kayes"
        assert plan.actions.count() == 6
    # Running it again changes nothing.
    counts = (MeetingPage.objects.count(), Recommendation.objects.count())
    call_command("load_demo", "--skip-index", verbosity=0)
    assert (MeetingPage.objects.count(), Recommendation.objects.count()) == counts
