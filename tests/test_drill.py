"""The fault drill's pure parts: percentiles, phase lengths, the sitemap reader and the
table it prints (the drill itself starts servers and runs by hand: `make drill`)."""

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "drill", Path(__file__).resolve().parent.parent / "scripts" / "drill.py"
)
drill = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(drill)


@pytest.mark.parametrize(
    "q, expected", [(0, 1), (1, 1), (50, 50), (90, 90), (99, 99), (99.5, 100), (100, 100)]
)
def test_percentile_is_nearest_rank(q, expected):
    values = list(range(100, 0, -1))  # unsorted on purpose
    assert drill.percentile(values, q) == expected


def test_percentile_of_few_values_and_of_none():
    assert drill.percentile([0.2, 0.1], 50) == 0.1
    assert drill.percentile([0.2, 0.1], 99) == 0.2
    assert drill.percentile([], 50) is None


def test_phase_counts_answers_server_errors_and_no_answers():
    stats = drill.PhaseStats("Redis stopped", seconds=10)
    for latency in (0.010, 0.020, 0.030):
        stats.record(200, latency)
    stats.record(500, 0.100)
    stats.record(503, 0.005)
    stats.record(None, 15.0)  # timed out: counted, but not as a latency nor as a 5xx
    assert stats.requests == 6
    assert stats.server_errors == 2 and stats.failures == 1
    assert stats.row() == ["Redis stopped", "10.0", "6", "0.6", "20", "100", "2", "1", ""]


def test_table_aligns_columns_and_shows_empty_phases():
    ok = drill.PhaseStats("baseline", seconds=12.04, note="")
    for _ in range(240):
        ok.record(200, 0.045)
    empty = drill.PhaseStats("Elasticsearch silent", seconds=7, note="no answer at all")
    table = drill.format_table([ok, empty]).splitlines()
    assert table[0].startswith("| phase ")
    assert table[1].startswith("|---") and table[1].count("|") == len(drill.HEADERS) + 1
    assert len({len(line) for line in table}) == 1  # every line as wide as the others
    cells = table[2].split("|")[1:-1]
    assert [cell.strip() for cell in cells] == [
        "baseline",
        "12.0",
        "240",
        "19.9",
        "45",
        "45",
        "0",
        "0",
        "",
    ]
    assert cells[0].startswith(" baseline ") and cells[2].endswith(" 240 ")  # text left,
    assert cells[2].startswith("  ")  # numbers right
    assert [cell.strip() for cell in table[3].split("|")[1:-1]] == [
        "Elasticsearch silent",
        "7.0",
        "0",
        "0.0",
        "–",
        "–",
        "0",
        "0",
        "no answer at all",
    ]


def test_phase_lengths_share_what_the_redis_outage_leaves():
    assert drill.phase_seconds(60) == 7
    assert drill.phase_seconds(125) == 20
    assert drill.phase_seconds(10) == 5  # never shorter than 5 s


def test_sitemap_paths_keep_each_path_once():
    xml = (
        "<urlset><url><loc>http://localhost/</loc></url>"
        "<url><loc>http://localhost/pratiques/avec/</loc></url>"
        "<url><loc> http://localhost/pratiques/avec/ </loc></url></urlset>"
    )
    assert drill.sitemap_paths(xml) == ["/", "/pratiques/avec/"]
