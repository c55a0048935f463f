"""Backups: one archive restored into an empty database and media folder gives back every
page, revision, document (same bytes), image, recommendation, follow-up note and user; a
restore into anything non-empty, or from an altered archive, changes nothing."""

import datetime
import hashlib
import io
import sqlite3
import tarfile
from contextlib import closing

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Revision

from events.models import FollowUpNote
from operations.backup import create_backup, restore_backup
from operations.databases import BackupError, SqliteDatabase
from tests.factories import (
    make_document,
    make_event_index,
    make_image,
    make_meeting,
    make_practice,
    make_recommendation,
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def content(
    transactional_db, django_db_serialized_rollback, media_root, site_tree, django_user_model
):
    """Committed content: the backup reads the database as another reader would (SQLite's
    backup API waits for a writer's open transaction). Serialized rollback puts back the root
    page and locale that the flush after a transactional test removes."""
    practice = make_practice(site_tree.practices, "Médiation communautaire à Ségou")
    practice.title = "Médiation communautaire à Ségou (brouillon)"
    practice.save_revision()
    document = make_document("Guide de la médiation", size=30_000)
    document.file.open("rb")
    document_bytes = document.file.read()
    document.file.close()
    image = make_image("Mur d'expression")
    meeting = make_meeting(make_event_index(site_tree), "Comité régional VBG")
    recommendation = make_recommendation(meeting, text="Assurer un suivi rigoureux")
    note = FollowUpNote.objects.create(
        recommendation=recommendation, date=datetime.date(2026, 1, 15), text="Point en comité"
    )
    user = django_user_model.objects.create_user("animatrice", "a@example.org", "mot-de-passe-1")
    return {
        "pages": dict(Page.objects.values_list("pk", "title")),
        "revisions": set(Revision.objects.values_list("pk", "object_id")),
        "document": (document.pk, document_bytes),
        "image": image.pk,
        "recommendation": (recommendation.pk, recommendation.text),
        "note": (note.pk, note.text),
        "user": (user.pk, user.username),
    }


@pytest.fixture
def archive(content, tmp_path):
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=io.StringIO())
    (path,) = (tmp_path / "backups").glob("cdp-*.tar.gz")
    return path


@pytest.fixture
def small_archive(tmp_path):
    """An archive of a one-row database file and one media file, made without Django's
    test database: enough for the refusals, and fast."""
    source = tmp_path / "source.sqlite3"
    with closing(sqlite3.connect(source)) as db:
        db.execute("CREATE TABLE accounts_user (id INTEGER PRIMARY KEY, username TEXT)")
        db.execute("INSERT INTO accounts_user (username) VALUES ('animatrice')")
        db.commit()
    media = tmp_path / "source-media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "guide.pdf").write_bytes(b"%PDF-1.4 " + b"0" * 2000)
    path, manifest = create_backup(
        SqliteDatabase(source), media, tmp_path / "backups", write=lambda line: None
    )
    assert manifest["counts"]["utilisateurs"] == 1
    return path


def _rows(db, sql):
    return db.execute(sql).fetchall()


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="restores into a second SQLite file; on PostgreSQL the round trip needs a second "
    "database and is run by hand (README, « Backups and restores »)",
)
def test_restore_into_empty_database_gives_everything_back(archive, content, tmp_path):
    target = tmp_path / "restored" / "db.sqlite3"
    media = tmp_path / "restored" / "media"
    out = []
    manifest, _counts = restore_backup(archive, SqliteDatabase(target), media, write=out.append)

    assert manifest["counts"]["pages"] == len(content["pages"])
    assert manifest["counts"]["notes de suivi"] == 1
    assert "aux comptes identiques" in out[-1]
    with closing(sqlite3.connect(target)) as db:
        assert dict(_rows(db, "SELECT id, title FROM wagtailcore_page")) == content["pages"]
        revisions = {
            (pk, object_id)
            for pk, object_id in _rows(db, "SELECT id, object_id FROM wagtailcore_revision")
        }
        assert revisions == content["revisions"]
        document_pk, document_bytes = content["document"]
        ((document_file,),) = _rows(
            db, f"SELECT file FROM wagtaildocs_document WHERE id = {document_pk}"
        )
        assert (media / document_file).read_bytes() == document_bytes
        ((image_file,),) = _rows(
            db, f"SELECT file FROM wagtailimages_image WHERE id = {content['image']}"
        )
        assert (media / image_file).stat().st_size > 0
        assert _rows(db, "SELECT id, text FROM events_recommendation") == [
            content["recommendation"]
        ]
        assert _rows(db, "SELECT id, text FROM events_followupnote") == [content["note"]]
        assert _rows(db, "SELECT id, username FROM accounts_user") == [content["user"]]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_refuses_a_database_with_rows_and_changes_nothing(small_archive, tmp_path):
    target = tmp_path / "used.sqlite3"
    with closing(sqlite3.connect(target)) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('à garder')")
        db.commit()
    before = _digest(target)
    media = tmp_path / "empty-media"
    with pytest.raises(BackupError, match="n'est pas vide .*notes : 1 ligne"):
        restore_backup(small_archive, SqliteDatabase(target), media, write=lambda line: None)
    assert _digest(target) == before
    assert not media.exists()


def test_restore_refuses_a_media_folder_with_files(small_archive, tmp_path):
    target = tmp_path / "new.sqlite3"
    media = tmp_path / "media-in-use"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "garde.pdf").write_bytes(b"%PDF")
    with pytest.raises(BackupError, match="dossier des médias .* n'est pas vide"):
        restore_backup(small_archive, SqliteDatabase(target), media, write=lambda line: None)
    assert not target.exists()
    assert [p.name for p in media.rglob("*") if p.is_file()] == ["garde.pdf"]


def test_restore_refuses_an_altered_archive(small_archive, tmp_path):
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(small_archive) as source, tarfile.open(altered, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/documents/"):
                data = data.replace(b"0", b"1", 1)
            copy.addfile(member, io.BytesIO(data))
    target = tmp_path / "new.sqlite3"
    with pytest.raises(BackupError, match="Somme de contrôle fausse pour media/documents/"):
        restore_backup(altered, SqliteDatabase(target), tmp_path / "m", write=lambda line: None)
    assert not target.exists()


def test_small_archive_restores(small_archive, tmp_path):
    target, media = tmp_path / "new.sqlite3", tmp_path / "media"
    restore_backup(small_archive, SqliteDatabase(target), media, write=lambda line: None)
    with closing(sqlite3.connect(target)) as db:
        assert _rows(db, "SELECT username FROM accounts_user") == [("animatrice",)]
    assert (media / "documents" / "guide.pdf").read_bytes().startswith(b"%PDF-1.4 000")
