"""CSV export of the follow-up table, and import of the same format to update it in bulk.

The file is written by ``home.csv_writer`` (UTF-8 with a byte order mark, « ; », CRLF, as
spreadsheets set to French expect), dates as JJ/MM/AAAA. The import also accepts what Excel
writes back (Windows-1252, « ; » or « , »).
"""

import csv
import datetime
import io
import secrets
import unicodedata
from dataclasses import dataclass, field

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.csv_writer import csv_response
from home.csv_writer import safe_cell as _safe

from . import dates
from .models.followup import FollowUpNote, Recommendation, RecommendationStatus
from .models.imports import ImportConfirmation

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
SIGNING_SALT = "events.csv-import"
SIGNATURE_MAX_AGE = 3600

COLUMNS = [
    ("id", gettext_lazy("Identifiant")),
    ("kind", gettext_lazy("Type")),
    ("source", gettext_lazy("Origine")),
    ("source_date", gettext_lazy("Date de l'origine")),
    ("communities", gettext_lazy("Communautés")),
    ("frame", gettext_lazy("Cadre de concertation")),
    ("text", gettext_lazy("Recommandation ou action")),
    ("responsible", gettext_lazy("Responsable")),
    ("due_date", gettext_lazy("Échéance")),
    ("status", gettext_lazy("Statut")),
    ("overdue", gettext_lazy("En retard")),
    ("latest_note", gettext_lazy("Dernière note de suivi")),
    ("new_note", gettext_lazy("Nouvelle note de suivi")),
]


def _fold(text):
    """Case- and accent-insensitive key: « Échéance » == « echeance »."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("_", " ").split())


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def export_rows(items):
    for item in items:
        source = item.source
        note = item.latest_note
        yield [
            item.pk,
            str(item.kind_label),
            _safe(source.title if source else ""),
            _date(item.source_date),
            _safe(", ".join(c.title for c in item.communities)),
            _safe(
                item.meeting.concertation_frame.title
                if item.meeting_id and item.meeting.concertation_frame_id
                else ""
            ),
            _safe(item.text),
            _safe(item.responsible_display),
            _date(item.due_date),
            str(item.get_status_display()),
            _("oui") if item.is_overdue else "",
            _safe(f"{_date(note.date)} : {note.text}" if note else ""),
            "",
        ]


def export_response(items):
    return csv_response(
        [label for _key, label in COLUMNS],
        export_rows(items),
        f"suivi-recommandations-{dates.today():%Y-%m-%d}.csv",
    )


# Import -----------------------------------------------------------------------------------

HEADER_KEYS = {_fold(label): key for key, label in COLUMNS} | {key: key for key, _l in COLUMNS}
STATUS_KEYS = {}
for value, label in RecommendationStatus.choices:
    STATUS_KEYS[_fold(value)] = value
    STATUS_KEYS[_fold(label)] = value
STATUS_KEYS.update(
    {
        _fold("in progress"): "in_progress",
        _fold("realise"): "done",
        _fold("ouvert"): "open",
        _fold("abandonne"): "dropped",
    }
)


class ImportFileError(Exception):
    """The file as a whole cannot be read (too large, not text, no id/status column…)."""


@dataclass
class RowResult:
    line: int
    raw_id: str
    item: Recommendation | None = None
    status: str | None = None
    due_date: datetime.date | None = None
    due_given: bool = False
    note: str = ""
    errors: list = field(default_factory=list)

    @property
    def changes(self):
        if self.errors or not self.item:
            return {}
        changes = {}
        if self.status and self.status != self.item.status:
            changes["status"] = self.status
        if self.due_given and self.due_date != self.item.due_date:
            changes["due_date"] = self.due_date.isoformat() if self.due_date else ""
        if self.note:
            changes["note"] = self.note
        return changes

    @property
    def status_label(self):
        return RecommendationStatus(self.status).label if self.status else ""

    @property
    def due_display(self):
        return _date(self.due_date) if self.due_date else _("aucune")


def read_upload(upload):
    """The rows of an uploaded CSV as dicts keyed by column key; refuses what is not one."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".csv", ".txt")):
        raise ImportFileError(_("Le fichier doit être un CSV (extension .csv)."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("Fichier trop volumineux (%(size)s Ko) : 2 Mo au maximum.")
            % {"size": upload.size // 1024}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("Fichier trop volumineux : 2 Mo au maximum."))
    if b"\x00" in data or data[:2] == b"PK":
        raise ImportFileError(
            _(
                "Ce fichier n'est pas un CSV (un classeur Excel ?). Enregistrez-le au format "
                "« CSV (séparateur : point-virgule) »."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = text.splitlines()
    if not lines:
        raise ImportFileError(_("Le fichier est vide."))
    first = lines[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise ImportFileError(_("Le fichier est illisible.")) from error
    keys = [HEADER_KEYS.get(_fold(cell)) for cell in header]
    if "id" not in keys:
        raise ImportFileError(
            _("Colonne « Identifiant » introuvable : partez d'un fichier exporté.")
        )
    if "status" not in keys and "due_date" not in keys and "new_note" not in keys:
        raise ImportFileError(
            _("Aucune colonne à mettre à jour (Statut, Échéance, Nouvelle note de suivi).")
        )
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(_("Trop de lignes : %(max)s au maximum.") % {"max": MAX_ROWS})
            row = {
                key: cells[i].strip() if i < len(cells) else "" for i, key in enumerate(keys) if key
            }
            rows.append((number, row, set(keys)))
    except csv.Error as error:
        message = _("Le fichier est illisible : %(error)s") % {"error": error}
        raise ImportFileError(message) from error
    if not rows:
        raise ImportFileError(_("Le fichier ne contient aucune ligne de données."))
    return rows


def check_rows(rows):
    """One RowResult per line, with every problem found; nothing is written."""
    ids = set()
    for _number, row, _keys in rows:
        try:
            ids.add(int(row.get("id", "")))
        except ValueError:
            pass
    items = Recommendation.objects.select_related("meeting", "plan").in_bulk(
        [i for i in ids if 0 < i < 2**63]
    )
    seen = {}
    results = []
    for number, row, keys in rows:
        result = RowResult(line=number, raw_id=row.get("id", ""))
        raw_id = row.get("id", "")
        if not raw_id:
            result.errors.append(_("identifiant manquant"))
        elif not raw_id.isdigit():
            result.errors.append(_("identifiant « %(id)s » invalide") % {"id": raw_id})
        elif int(raw_id) not in items:
            result.errors.append(_("identifiant %(id)s inconnu") % {"id": raw_id})
        elif int(raw_id) in seen:
            result.errors.append(
                _("identifiant %(id)s déjà présent ligne %(line)s")
                % {"id": raw_id, "line": seen[int(raw_id)]}
            )
        else:
            result.item = items[int(raw_id)]
            seen[int(raw_id)] = number
        if "status" in keys:
            raw = row.get("status", "")
            status = STATUS_KEYS.get(_fold(raw))
            if not raw:
                result.errors.append(_("statut manquant"))
            elif status is None:
                choices = ", ".join(str(label) for _v, label in RecommendationStatus.choices)
                result.errors.append(
                    _("statut « %(value)s » inconnu (attendu : %(choices)s)")
                    % {"value": raw, "choices": choices}
                )
            else:
                result.status = status
        if "due_date" in keys:
            raw = row.get("due_date", "")
            result.due_given = True
            if raw:
                try:
                    result.due_date = dates.parse_csv_date(raw)
                except ValueError:
                    result.errors.append(
                        _("date « %(value)s » invalide (attendu JJ/MM/AAAA)") % {"value": raw}
                    )
                else:
                    start = result.item.source_date if result.item else None
                    if start and result.due_date < start:
                        result.errors.append(
                            _("échéance %(due)s antérieure à son origine (%(start)s)")
                            % {"due": raw, "start": _date(start)}
                        )
        note = row.get("new_note", "")
        result.note = note[1:] if note.startswith("'") else note
        results.append(result)
    return results


class AlreadyConfirmed(Exception):
    """This preview was confirmed before: its changes are written already."""


def sign_changes(results):
    """The preview's changes, signed, with a random nonce that lets them be confirmed once."""
    changes = [{"id": r.item.pk, **r.changes} for r in results if r.changes]
    payload = {"nonce": secrets.token_urlsafe(24), "changes": changes}
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def load_changes(token):
    """The (nonce, changes) of a preview. Raises signing.BadSignature (or SignatureExpired)
    when the token was tampered with, or has no nonce."""
    payload = signing.loads(token, salt=SIGNING_SALT, max_age=SIGNATURE_MAX_AGE)
    if not isinstance(payload, dict) or not payload.get("nonce"):
        raise signing.BadSignature("no nonce")
    return payload["nonce"], payload.get("changes", [])


def confirm_import(token, user=None):
    """Writes a preview's changes, once: the nonce is recorded in the same transaction, and
    its unique constraint makes a concurrent or later second confirmation raise
    AlreadyConfirmed with nothing written."""
    nonce, changes = load_changes(token)
    with transaction.atomic():
        try:
            with transaction.atomic():
                confirmation = ImportConfirmation.objects.create(
                    nonce=nonce, confirmed_by=user if user and user.is_authenticated else None
                )
        except IntegrityError as error:
            raise AlreadyConfirmed from error
        count = apply_changes(changes)
        confirmation.item_count = count
        confirmation.save(update_fields=["item_count"])
    return count


@transaction.atomic
def apply_changes(changes):
    items = Recommendation.objects.in_bulk([change["id"] for change in changes])
    notes = []
    updated = 0
    for change in changes:
        item = items.get(change["id"])
        if item is None:
            continue
        fields = []
        if change.get("status") in RecommendationStatus.values:
            item.status = change["status"]
            fields.append("status")
        if "due_date" in change:
            due = change["due_date"]
            item.due_date = datetime.date.fromisoformat(due) if due else None
            fields.append("due_date")
        if fields:
            item.save(update_fields=[*fields, "updated_at"])
        if change.get("note"):
            notes.append(FollowUpNote(recommendation=item, date=dates.today(), text=change["note"]))
        updated += 1
    FollowUpNote.objects.bulk_create(notes)
    return updated


@transaction.atomic
def set_status(items, status, note=""):
    """The admin bulk action: one status (and optionally one note) for many items."""
    ids = [item.pk for item in items]
    count = Recommendation.objects.filter(pk__in=ids).update(
        status=status, updated_at=datetime.datetime.now(tz=datetime.UTC)
    )
    if note:
        FollowUpNote.objects.bulk_create(
            FollowUpNote(recommendation_id=pk, date=dates.today(), text=note) for pk in ids
        )
    return count
