"""The installed dependencies: requirements.lock follows pyproject.toml (scripts/check_lock.py,
run by `make install`), and the apps and URLs the portal does not use are gone."""

import importlib.util
import re
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("check_lock", ROOT / "scripts" / "check_lock.py")
check_lock = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(check_lock)

PYPROJECT = """
[project]
dependencies = ["Django==5.2.19", "psycopg[binary]==3.3.9"]
[project.optional-dependencies]
dev = ["factory_boy==3.3.3"]
"""
LOCK = """\
django==5.2.19 \\
    --hash=sha256:aaaa
psycopg==3.3.9 \\
    --hash=sha256:bbbb
factory-boy==3.3.3 \\
    --hash=sha256:cccc
"""


def test_the_committed_lock_has_every_pin_of_pyproject():
    problems = check_lock.mismatches(
        (ROOT / "pyproject.toml").read_text(), (ROOT / "requirements.lock").read_text()
    )
    assert problems == []


def test_every_locked_package_is_pinned_with_a_hash():
    text = (ROOT / "requirements.lock").read_text()
    entries = re.split(r"\n(?=[A-Za-z])", text[text.index("\n", text.index("\n") + 1) + 1 :])
    assert len(entries) > 50
    for entry in entries:
        assert re.match(r"[A-Za-z0-9._-]+==\S+ \\\n", entry), entry.splitlines()[0]
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_names_are_compared_normalised_and_a_matching_lock_passes():
    assert check_lock.mismatches(PYPROJECT, LOCK) == []


def test_a_dependency_missing_from_the_lock_is_reported():
    pyproject = PYPROJECT.replace('"factory_boy==3.3.3"', '"factory_boy==3.3.3", "uv==0.13.9"')
    assert check_lock.mismatches(pyproject, LOCK) == ["uv==0.13.9: not in the lock"]


def test_a_pin_changed_without_relocking_is_reported():
    pyproject = PYPROJECT.replace("Django==5.2.19", "Django==5.2.20")
    assert check_lock.mismatches(pyproject, LOCK) == ["Django==5.2.20: the lock has django==5.2.19"]


def test_the_script_exits_non_zero_on_a_stale_lock(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT.replace("3.3.9", "3.4.0"))
    (tmp_path / "requirements.lock").write_text(LOCK)
    argv = ["check_lock.py", str(tmp_path / "pyproject.toml"), str(tmp_path / "requirements.lock")]
    assert check_lock.main(argv) == 1
    assert "make lock" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert check_lock.main(argv) == 0


@pytest.mark.parametrize(
    "module, label",
    [
        ("wagtail.contrib.forms", "wagtailforms"),
        ("wagtail.embeds", "wagtailembeds"),
        ("django.contrib.admin", "admin"),
    ],
)
def test_unused_apps_are_not_installed(module, label):
    assert not apps.is_installed(module)
    assert label not in apps.app_configs


def test_the_django_admin_is_gone_and_not_listed_in_robots_txt(client, site_tree):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404
    assert "django-admin" not in client.get("/robots.txt").content.decode()
    assert client.get("/admin/login/").status_code == 200, "the Wagtail admin stays"
