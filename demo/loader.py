"""The loader's machinery: a context shared by the steps, progress reporting, and
idempotent upserts that publish a new revision only when the content really changed.

A step (see ``demo.steps``) is a module with ``run(context)``. It typically does::

    with context.step("organisations", total=len(ORGANISATIONS)) as progress:
        for spec in ORGANISATIONS:
            page, status = upsert_page(context, parent, OrganizationPage, spec["slug"], fields=...)
            progress.done(status)

Objects a step creates are kept in ``context.pages`` (by slug), ``context.themes``,
``context.tags``, ``context.documents`` and ``context.images`` so that later steps
(meetings, for instance) can refer to them with ``context.page("aprofem")``.
"""

import datetime
import json
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page

from home.safety import publish_confirmed

from .data.sources import source_date
from .text import resolve_links

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
STATUSES = (CREATED, UPDATED, UNCHANGED)
STATUS_LABELS = {CREATED: "créés", UPDATED: "modifiés", UNCHANGED: "inchangés"}


class LoadError(Exception):
    """A step failed: says which object and what to do about it."""

    def __init__(self, step, obj, message, hint):
        self.step, self.obj, self.message, self.hint = step, obj, message, hint
        super().__init__(f"Étape « {step} », {obj} : {message}\n→ {hint}")


def hint_for(exc):
    """What the person running the command can do about ``exc``."""
    text = str(exc).lower()
    if isinstance(exc, ValidationError):
        return (
            "Corrigez la donnée correspondante dans demo/data/ (champ et message ci-dessus), "
            "puis relancez « python manage.py load_demo »."
        )
    if isinstance(exc, DatabaseError) and (
        "no such table" in text or "does not exist" in text or "no such column" in text
    ):
        return (
            "La base n'est pas à jour : lancez « python manage.py migrate », "
            "puis relancez load_demo."
        )
    if isinstance(exc, DatabaseError):
        return (
            "Vérifiez que la base de données répond (DATABASE_URL) et qu'elle est migrée, "
            "puis relancez load_demo."
        )
    return "Relancez avec --traceback pour le détail, corrigez la cause, puis relancez load_demo."


def describe_error(exc):
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        return "; ".join(f"{name} : {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc) or exc.__class__.__name__


class Progress:
    """Counts what one step did and prints ``done/total`` with the rate when it ends."""

    def __init__(self, context, name, total):
        self.context, self.name, self.total = context, name, total
        self.counts = Counter()
        self.started = time.perf_counter()

    @property
    def done_count(self):
        return sum(self.counts.values())

    def done(self, status, label=""):
        self.counts[status] += 1
        self.context.counts[status] += 1
        if self.context.verbosity >= 2:
            self.context.write(
                f"    {self.done_count}/{self.total} {label} : {STATUS_LABELS[status]}"
            )

    def finish(self):
        elapsed = time.perf_counter() - self.started
        rate = self.done_count / elapsed if elapsed > 0 else 0.0
        detail = ", ".join(f"{self.counts[s]} {STATUS_LABELS[s]}" for s in STATUSES)
        self.context.write(
            f"  {self.name:<26} {self.done_count:>3}/{self.total:<3} "
            f"{elapsed:6.2f} s  {rate:7.1f} objets/s  ({detail})"
        )


@dataclass
class Context:
    stdout: object = None
    verbosity: int = 1
    pages: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    current: str = ""
    extra: dict = field(default_factory=dict)

    def write(self, line):
        if self.stdout is not None and self.verbosity > 0:
            self.stdout.write(line)

    def page(self, slug):
        """A page created earlier in this run, by slug (raises a clear error otherwise)."""
        try:
            return self.pages[slug]
        except KeyError:
            raise KeyError(
                f"la page « {slug} » n'a pas été créée par une étape précédente "
                "(vérifiez l'ordre de STEPS dans demo/steps/__init__.py et le slug)"
            ) from None

    @contextmanager
    def step(self, name, total):
        progress = Progress(self, name, total)
        self.current = ""
        try:
            yield progress
        except LoadError:
            raise
        except Exception as exc:
            raise LoadError(
                name, self.current or "(avant le premier objet)", describe_error(exc), hint_for(exc)
            ) from exc
        progress.finish()


# ---------------------------------------------------------------------------------------------
# Comparing and applying values


def _stream_raw(value):
    """A StreamField value as comparable raw data, without the block ids Wagtail adds."""
    if value is None:
        return []
    raw = value.raw_data if hasattr(value, "raw_data") else value
    return [{"type": block["type"], "value": block["value"]} for block in raw]


def _same_json(a, b):
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def apply_fields(obj, fields):
    """Set ``fields`` on ``obj``; returns True when one of them differs from what it held.

    Model instances given for foreign keys are compared by primary key; StreamField values
    are compared without their block ids.
    """
    changed = False
    for name, wanted in fields.items():
        model_field = obj._meta.get_field(name)
        if isinstance(model_field, StreamField):
            if not _same_json(_stream_raw(getattr(obj, name)), _stream_raw(wanted)):
                setattr(obj, name, wanted)
                changed = True
        elif model_field.many_to_one or model_field.one_to_one:
            wanted_pk = wanted.pk if wanted is not None else None
            if getattr(obj, model_field.attname) != wanted_pk:
                setattr(obj, name, wanted)
                changed = True
        elif getattr(obj, name) != wanted:
            setattr(obj, name, wanted)
            changed = True
    return changed


def apply_m2m(page, m2m):
    """Set ParentalManyToManyField values (lists of objects); True when a set changed."""
    changed = False
    for name, objects in m2m.items():
        manager = getattr(page, name)
        current = {obj.pk for obj in manager.all()} if page.pk else set()
        wanted = {obj.pk for obj in objects}
        if current != wanted:
            manager.set(list(objects))
            changed = True
    return changed


def apply_tags(page, tags):
    current = sorted(tag.name for tag in page.tags.all()) if page.pk else []
    if current != sorted(tag.name for tag in tags):
        page.tags.set(list(tags))
        return True
    return False


def _row_key(model, names, get):
    key = {}
    for name in names:
        value = get(model._meta.get_field(name))
        key[name] = value.pk if isinstance(value, models.Model) else value
    return key


def apply_children(page, children):
    """Replace orderable child relations (``{relation: [{field: value}]}``) when they differ."""
    changed = False
    for relation, rows in children.items():
        manager = getattr(page, relation)
        model = manager.model
        names = sorted({name for row in rows for name in row})
        current = [
            _row_key(model, names, lambda f, o=obj: getattr(o, f.attname))
            for obj in (manager.all() if page.pk else [])
        ]
        wanted = [_row_key(model, names, lambda f, r=row: r.get(f.name)) for row in rows]
        if current != wanted:
            manager.set([model(**row) for row in rows])
            changed = True
    return changed


def find_page(model, slug, parent):
    """The page of ``model`` with ``slug`` below ``parent`` first, else anywhere below the
    site's home (an editor may have moved it)."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        home = parent if parent.depth <= 2 else Page.objects.ancestor_of(parent).get(depth=2)
        page = model.objects.descendant_of(home).filter(slug=slug).first()
    return page


def _refuse_clash(parent, slug, model, page=None):
    clash = parent.get_children().filter(slug=slug)
    if page is not None:
        clash = clash.exclude(pk=page.pk)
    clash = clash.first()
    if clash is not None:
        raise ValidationError(
            f"l'adresse « {clash.url_path} » est déjà prise par une page de type "
            f"{clash.specific_class.__name__}, pas {model.__name__} : renommez ou supprimez "
            "cette page dans l'administration"
        )


def move_under(context, page, parent):
    """Move ``page`` (found elsewhere) to the last place under ``parent``; the fresh page."""
    _refuse_clash(parent, page.slug, type(page), page)
    page.move(parent, pos="last-child")
    context.write(f"  « {page.slug} » déplacée sous « {parent.title} »")
    return type(page).objects.get(pk=page.pk)


DEMO_NOTE = "chargé depuis les textes sources publics"


def publish_demo_page(page):
    """Publish ``page`` as loaded: the demo content is written from the public source texts
    and names no survivor, which the safety confirmation records (code route)."""
    publish_confirmed(page.save_revision(), note=DEMO_NOTE)


def apply_source_date(page):
    """Give a page written from a source text that text's date as its publication dates
    (demo.data.sources). A page from an undated source gets no publication date at all
    (neither « Mise à jour » nor a first publication: no listing, feed, API field or digest
    dates it to the day of the load). True if changed."""
    from_source, day = source_date(page.slug)
    if not from_source:
        return False
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))) if day else None
    stored = Page.objects.filter(pk=page.pk)
    current = stored.values_list("first_published_at", "last_published_at").get()
    if current == (moment, moment):
        return False
    stored.update(first_published_at=moment, last_published_at=moment)
    page.first_published_at, page.last_published_at = moment, moment
    return True


def upsert_page(
    context, parent, model, slug, fields, m2m=None, tags=None, children=None, move_to_parent=False
):
    """Create or update the page ``slug`` of type ``model`` under ``parent``.

    A revision is saved and published only when the page is new or one of the given values
    differs from the live page, so a second run changes nothing. With ``move_to_parent``
    (pages whose place says who owns them: practices, tools), a page found elsewhere is moved
    under ``parent`` (no new revision). Returns ``(page, status)``.
    """
    context.current = f"{model.__name__} « {slug} »"
    fields = {name: resolve_links(value, context.pages) for name, value in fields.items()}
    page = find_page(model, slug, parent)
    moved = False
    if page is not None and move_to_parent and not page.is_child_of(parent):
        page = move_under(context, page, parent)
        moved = True
    if page is None:
        _refuse_clash(parent, slug, model)
        page = model(slug=slug)
        apply_fields(page, fields)
        apply_m2m(page, m2m or {})
        if tags is not None:
            apply_tags(page, tags)
        apply_children(page, children or {})
        parent.add_child(instance=page)
        publish_demo_page(page)
        status = CREATED
    else:
        changed = apply_fields(page, fields)
        changed = apply_m2m(page, m2m or {}) or changed
        if tags is not None:
            changed = apply_tags(page, tags) or changed
        changed = apply_children(page, children or {}) or changed
        if changed:
            publish_demo_page(page)
        status = UPDATED if changed or moved else UNCHANGED
    if apply_source_date(page) and status == UNCHANGED:
        status = UPDATED
    context.pages[slug] = page
    return page, status


def upsert_object(context, model, lookup, fields):
    """Create or update a plain model instance found by ``lookup``; ``(obj, status)``."""
    context.current = f"{model.__name__} « {', '.join(str(v) for v in lookup.values())} »"
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup)
        apply_fields(obj, fields)
        obj.full_clean()
        obj.save()
        return obj, CREATED
    if apply_fields(obj, fields):
        obj.full_clean()
        obj.save()
        return obj, UPDATED
    return obj, UNCHANGED
