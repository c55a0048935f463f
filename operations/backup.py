"""One archive per backup: the database dump, the media files and a manifest.

Layout of ``cdp-YYYYmmdd-HHMMSS.tar.gz``::

    database.sqlite3 | database.dump    the SQLite copy or pg_dump's custom format
    media/…                             every file under MEDIA_ROOT
    manifest.json                       counts per table, SHA-256 and size of every other file

The manifest is written last (it holds the other files' checksums). The archive is written
under a temporary name and renamed when complete, so a dated archive is always whole.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
from pathlib import Path

from django.utils.translation import ngettext

from .databases import BackupError, model_tables
from .progress import Progress, human_bytes

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024

# The counts a person checks first, by table (every table is counted and compared anyway).
HEADLINE = [
    ("pages", "wagtailcore_page"),
    ("révisions", "wagtailcore_revision"),
    ("documents", "wagtaildocs_document"),
    ("images", "wagtailimages_image"),
    ("recommandations", "events_recommendation"),
    ("notes de suivi", "events_followupnote"),
    ("utilisateurs", "accounts_user"),
]


def headline(counts):
    return {label: counts.get(table, 0) for label, table in HEADLINE}


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


class _HashingReader:
    """Wraps a file for tarfile.addfile: hashes what is read and reports it to progress."""

    def __init__(self, handle, progress):
        self.handle, self.progress = handle, progress
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        block = self.handle.read(size)
        self.digest.update(block)
        self.progress.advance(len(block))
        return block


def media_files(media_root):
    root = Path(media_root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _add_file(tar, path, arcname, progress):
    info = tar.gettarinfo(str(path), arcname=arcname)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = _HashingReader(handle, progress)
        tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def archive_name(now=None):
    now = now or datetime.datetime.now()
    return f"cdp-{now:%Y%m%d-%H%M%S}.tar.gz"


def create_backup(database, media_root, output_dir, write=print):
    """Writes the archive into output_dir and returns (path, manifest)."""
    started = time.monotonic()
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / archive_name()
    if target.exists():
        raise BackupError(f"{target} existe déjà : attendez une seconde et relancez.")

    def progress_factory(label, total, size=False):
        return Progress(write, label, total, size=size)

    files = {}
    with tempfile.TemporaryDirectory(prefix="cdp-backup-") as scratch:
        write(f"Base de données : {database.describe()}")
        dump_path, counts = database.dump(scratch, progress_factory)
        media = media_files(media_root)
        total_bytes = dump_path.stat().st_size + sum(p.stat().st_size for p in media)
        partial = target.with_name(target.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
                progress = progress_factory(
                    f"Archive ({len(media)} fichiers de médias)", total_bytes, size=True
                )
                files[dump_path.name] = _add_file(tar, dump_path, dump_path.name, progress)
                for path in media:
                    arcname = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
                    files[arcname] = _add_file(tar, path, arcname, progress)
                progress.finish()
                manifest = {
                    "format": FORMAT_VERSION,
                    "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                    "engine": database.engine,
                    "database_file": dump_path.name,
                    "counts": headline(counts),
                    "tables": counts,
                    "media_files": len(media),
                    "files": files,
                }
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(time.time())
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, target)
        finally:
            Path(partial).unlink(missing_ok=True)
    elapsed = time.monotonic() - started
    summary = ", ".join(f"{count} {label}" for label, count in manifest["counts"].items())
    write(
        f"Sauvegarde écrite : {target} ({human_bytes(target.stat().st_size)}, "
        f"{len(media)} fichiers de médias ; {summary}) en {elapsed:.1f} s."
    )
    return target, manifest


# Restore ---------------------------------------------------------------------------------------


def _read_manifest(tar):
    try:
        member = tar.getmember(MANIFEST)
    except KeyError as error:
        raise BackupError(
            "Archive sans manifest.json : ce n'est pas une sauvegarde du "
            "portail (ou elle est tronquée)."
        ) from error
    manifest = json.load(tar.extractfile(member))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Format de sauvegarde {manifest.get('format')} inconnu.")
    return manifest


def _media_entries(media_root):
    root = Path(media_root)
    if not root.exists():
        return []
    return [p for p in root.rglob("*") if not p.is_dir()]


def check_target(database, media_root, manifest):
    """Refuses, before anything is changed, a restore into a database or media folder that
    holds something already."""
    if manifest["engine"] != database.engine:
        raise BackupError(
            f"Sauvegarde {manifest['engine']}, base cible {database.engine} : restaurez dans "
            f"une base du même moteur (DATABASE_URL)."
        )
    non_empty = database.non_empty_tables()
    if non_empty:
        largest = sorted(non_empty.items(), key=lambda item: -item[1])[:4]
        sample = ", ".join(
            f"{table} : " + ngettext("%(n)d ligne", "%(n)d lignes", count) % {"n": count}
            for table, count in largest
        )
        tables = ngettext(
            "%(n)d table avec des lignes", "%(n)d tables avec des lignes", len(non_empty)
        ) % {"n": len(non_empty)}
        raise BackupError(
            f"Restauration refusée, rien n'a été modifié : la base {database.describe()} "
            f"n'est pas vide ({tables}, dont {sample}). "
            f"Pour restaurer, {database.emptying_hint()}."
        )
    present = _media_entries(media_root)
    if present:
        files = ngettext("%(n)d fichier", "%(n)d fichiers", len(present)) % {"n": len(present)}
        raise BackupError(
            f"Restauration refusée, rien n'a été modifié : le dossier des médias {media_root} "
            f"n'est pas vide ({files}). Videz-le, déplacez-le, ou restaurez "
            f"vers un autre dossier (MEDIA_ROOT=/chemin/vide)."
        )


def _verify(directory, manifest, progress_factory):
    """Every file of the manifest present with its checksum, and no file it does not list."""
    expected = manifest["files"]
    found = {
        p.relative_to(directory).as_posix() for p in Path(directory).rglob("*") if p.is_file()
    } - {MANIFEST}
    missing, extra = sorted(set(expected) - found), sorted(found - set(expected))
    if missing or extra:
        raise BackupError(
            f"Archive incomplète ou altérée : manquants {missing[:5]}, "
            f"en trop {extra[:5]}. Rien n'a été modifié."
        )
    progress = progress_factory(
        "Vérification des sommes SHA-256", sum(f["size"] for f in expected.values()), size=True
    )
    for name, entry in expected.items():
        if sha256_file(Path(directory) / name) != entry["sha256"]:
            raise BackupError(
                f"Somme de contrôle fausse pour {name} : archive altérée. Rien n'a été modifié."
            )
        progress.advance(entry["size"])
    progress.finish()


def restore_backup(archive, database, media_root, write=print):
    """Restores archive into an empty database and media folder; returns (manifest, counts)."""
    started = time.monotonic()
    archive, media_root = Path(archive), Path(media_root)
    if not archive.is_file():
        raise BackupError(f"Archive introuvable : {archive}")

    def progress_factory(label, total, size=False):
        return Progress(write, label, total, size=size)

    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = _read_manifest(tar)
            check_target(database, media_root, manifest)
            media_root.parent.mkdir(parents=True, exist_ok=True)
            # Unpacked next to the media folder, so that the files are moved, not copied.
            with tempfile.TemporaryDirectory(
                prefix=".cdp-restore-", dir=media_root.parent
            ) as scratch:
                tar.extractall(scratch, filter="data")
                _verify(scratch, manifest, progress_factory)
                write(f"Restauration de la base : {database.describe()}")
                database.restore(Path(scratch) / manifest["database_file"])
                media_source = Path(scratch) / MEDIA_PREFIX.rstrip("/")
                if media_source.is_dir():
                    media_root.mkdir(parents=True, exist_ok=True)
                    for entry in media_source.iterdir():
                        shutil.move(str(entry), media_root / entry.name)
    except (tarfile.TarError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(f"Archive illisible ou tronquée : {error}") from error
    except OSError as error:
        raise BackupError(f"Lecture ou écriture impossible : {error}") from error

    counts = database.counts()
    elapsed = time.monotonic() - started
    write(compare_counts(manifest, counts))
    restored_media = len(media_files(media_root))
    mismatches = [t for t, n in manifest["tables"].items() if counts.get(t) != n]
    write(
        f"Restauration terminée en {elapsed:.1f} s : {restored_media}/"
        f"{manifest['media_files']} fichiers de médias, "
        f"{len(manifest['tables']) - len(mismatches)}/{len(manifest['tables'])} tables "
        f"aux comptes identiques."
    )
    if mismatches or restored_media != manifest["media_files"]:
        raise BackupError(f"Comptes différents après restauration : {mismatches[:10]}")
    return manifest, counts


def compare_counts(manifest, counts):
    rows = [("", "manifeste", "restauré")]
    restored = headline(counts)
    for label, expected in manifest["counts"].items():
        rows.append((label, str(expected), str(restored.get(label, 0))))
    width = max(len(r[0]) for r in rows)
    lines = [
        f"{a:<{width}}  {b:>9}  {c:>9}" + ("" if b == c or not a else "  ≠") for a, b, c in rows
    ]
    return "\n".join(lines)


__all__ = ["BackupError", "create_backup", "model_tables", "restore_backup"]
