"""generate_corpus --pages N --seed S: a realistic synthetic French corpus for load tests.

Practices, tools, meetings (when the events app defines them) and a few concertation
frames, across both communities, themes, tags, organisations and tool languages. The same
seed gives the same corpus. Pages are bulk-inserted straight into the tree (no revisions,
no signals): run ``search_index update`` afterwards (``--index`` does it).
"""

import datetime
import random
import time
import uuid

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page, Site

from home.models import (
    CommunityIndexPage,
    CommunityPage,
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
    Theme,
)
from practices.models import (
    ConcertationFrameIndexPage,
    ConcertationFramePage,
    MaterialLanguage,
    PracticeIndexPage,
    PracticePage,
    ToolIndexPage,
    ToolKind,
    ToolPage,
)

MARKER = "corpus-"  # slug prefix of generated pages

COMMUNES = {
    "Ségou": [
        "Ségou",
        "San",
        "Bla",
        "Macina",
        "Niono",
        "Barouéli",
        "Tominian",
        "Markala",
        "Pelengana",
        "Sébougou",
        "Dioro",
        "Sansanding",
    ],
    "Kayes": [
        "Kayes",
        "Kita",
        "Bafoulabé",
        "Diéma",
        "Kéniéba",
        "Nioro du Sahel",
        "Yélimané",
        "Sadiola",
        "Ambidédi",
        "Séféto",
        "Sagabari",
        "Diamou",
    ],
}
THEMES = [
    "Mariage d'enfants",
    "Prévention des VBG",
    "Participation politique des femmes",
    "Autonomisation économique",
    "Prise en charge des survivantes",
    "Excision et MGF",
    "Éducation des filles",
    "Accès à la justice",
]
TAGS = [
    "leaders religieux",
    "chefs coutumiers",
    "radios communautaires",
    "clubs scolaires",
    "AVEC",
    "épargne",
    "plaidoyer",
    "loi 052",
    "comités de veille",
    "théâtre forum",
    "causeries",
    "jeunes",
    "hommes engagés",
    "sensibilisation",
    "documentation",
    "élections communales",
    "santé de la reproduction",
    "scolarisation",
    "médiation",
    "cliniques juridiques",
    "points focaux",
    "formation",
    "mobilisation communautaire",
    "état civil",
    "foncier",
    "maraîchage",
    "transformation agroalimentaire",
    "alphabétisation",
]
ACTORS = [
    "les leaders religieux",
    "les chefs de village",
    "les associations de femmes",
    "les comités de veille",
    "les animatrices relais",
    "les radios communautaires",
    "les élues communales",
    "les jeunes ambassadeurs",
    "les agents de santé",
    "les enseignants",
    "les groupes AVEC",
    "les points focaux VBG",
    "les maires",
    "les services techniques de la DRPFEF",
    "les juges de paix",
    "les mères éducatrices",
]
ACTIONS = [
    "organisent des causeries sur",
    "sensibilisent les familles sur",
    "mobilisent la communauté contre",
    "accompagnent les survivantes de",
    "forment les relais communautaires à la prévention de",
    "plaident auprès des autorités pour l'application de",
    "documentent les cas de",
    "animent des émissions radiophoniques sur",
    "négocient des conventions locales contre",
    "suivent les engagements pris contre",
    "créent des espaces d'écoute sur",
]
SUBJECTS = [
    "le mariage d'enfants",
    "les mariages précoces",
    "l'excision",
    "les mutilations génitales féminines",
    "les violences basées sur le genre",
    "les VBG",
    "la scolarisation des filles",
    "la loi 052 et le quota de 30 %",
    "la représentativité des femmes élues",
    "l'autonomisation économique des femmes",
    "l'accès des femmes à la terre",
    "les pratiques traditionnelles néfastes",
    "la prise en charge psychosociale",
    "les violences conjugales",
    "le déni de ressources",
    "l'héritage des veuves",
]
RESULTS = [
    "{n} mariages d'enfants ont été évités dans {commune}.",
    "{n} familles ont signé une convention locale d'abandon de l'excision.",
    "{n} femmes ont été élues ou nommées à {commune} après le plaidoyer.",
    "{n} survivantes ont été orientées vers les services de prise en charge.",
    "{n} groupes d'épargne ont été créés et financent des activités génératrices de revenus.",
    "{n} filles ont été réinscrites à l'école à {commune}.",
    "{n} leaders ont pris publiquement position contre les violences faites aux femmes.",
]
LESSONS = [
    "L'implication des hommes et des leaders religieux dès le départ facilite l'adhésion.",
    "Les messages en langue locale passent mieux que les supports écrits.",
    "Le suivi régulier des engagements par les comités de veille est décisif.",
    "Les autorités communales doivent être associées à chaque étape.",
    "La confidentialité des survivantes doit être garantie à chaque orientation.",
    "Un financement des activités génératrices de revenus renforce l'autonomie des femmes.",
]
TOOL_TITLES = [
    "Guide de l'animateur sur {subject}",
    "Module de formation : {subject}",
    "Fiche technique sur {subject}",
    "Canevas de rapport sur {subject}",
    "Boîte à images pour les causeries sur {subject}",
    "Argumentaire de plaidoyer sur {subject}",
    "Convention locale type contre {subject}",
    "Spot radio sur {subject}",
]
PRACTICE_TITLES = [
    "{Actor} {action} {subject} à {commune}",
    "Dialogue intergénérationnel sur {subject} à {commune}",
    "Théâtre forum contre {subject} à {commune}",
    "Clubs scolaires et {subject} à {commune}",
    "Caravane de sensibilisation sur {subject} dans le cercle de {commune}",
]
MEETING_TITLES = [
    "Rencontre semestrielle de la CdP de {region} ({year})",
    "Réunion du noyau de la CdP de {region} à {commune}",
    "Partage d'expériences sur {subject} à {commune}",
    "Atelier de formation sur {subject} à {commune}",
    "Session du cadre de concertation sur {subject}",
]
RECOMMENDATIONS = [
    "Renforcer le suivi des engagements des leaders sur {subject}.",
    "Impliquer davantage les élues communales dans le plaidoyer sur {subject}.",
    "Traduire les supports sur {subject} en bambara et en soninké.",
    "Créer un fonds d'appui aux groupes AVEC des survivantes.",
    "Saisir le préfet de {commune} pour l'application de la loi 052.",
]
ORGANIZATIONS = [
    ("APROFEM", "Association pour la promotion de la femme et de l'enfant"),
    ("AMSOPT", "Association malienne pour le suivi et l'orientation des pratiques traditionnelles"),
    ("WILDAF", "Women in Law and Development in Africa – Mali"),
    ("CAFO", "Coordination des associations et ONG féminines"),
    ("ADDAD", "Association pour le développement durable et les droits"),
    ("GRAADECOM", "Groupe de recherche et d'appui au développement communautaire"),
    ("AJM", "Association des juristes maliennes"),
    ("ASDAP", "Association de soutien au développement des activités de population"),
    ("REFAD", "Réseau des femmes pour les droits"),
    ("COFEM", "Collectif des femmes du Mali"),
    ("FENASCOM", "Fédération nationale des associations de santé communautaire"),
    ("AFEMA", "Association des femmes éducatrices du Mali"),
    ("RFLPM", "Réseau des femmes leaders pour la paix"),
    ("ACODEP", "Association pour la conception et la diffusion d'éditions populaires"),
    ("AMPPF", "Association malienne pour la protection et la promotion de la famille"),
    ("DRPFEF-S", "Direction régionale de la promotion de la femme de Ségou"),
    ("DRPFEF-K", "Direction régionale de la promotion de la femme de Kayes"),
    ("RADIO-K", "Radio communautaire Kayes Rurale"),
    ("JEUNESSE", "Conseil communal de la jeunesse"),
    ("UNION-AVEC", "Union des groupes AVEC du cercle de Kita"),
]


def _local_fields(model):
    return [field for field in model._meta.local_concrete_fields]


class Tree:
    """Bulk insertion of pages below a parent, keeping treebeard's paths consistent."""

    def __init__(self, locale):
        self.locale = locale
        self.content_types = {}

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        return self.content_types[model]

    def add(self, parent, model, items, published):
        """Insert pages of ``model`` under ``parent``; ``items`` are dicts of fields (title,
        slug and the model's own fields). Returns the new page ids."""
        parent.refresh_from_db(fields=["numchild", "path", "depth", "url_path"])
        start = parent.numchild
        base_rows, specific_rows = [], []
        for offset, item in enumerate(items, start=1):
            item = dict(item)
            title, slug = item.pop("title"), item.pop("slug")
            first = published.pop(0) if isinstance(published, list) else published
            base_rows.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(parent.path, parent.depth + 1, start + offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    content_type=self.content_type(model),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=first,
                    last_published_at=first,
                    live_revision=None,
                    locale=self.locale,
                    translation_key=uuid.uuid4(),
                )
            )
            specific_rows.append(item)
        created = Page.objects.bulk_create(base_rows, batch_size=300)
        objects = []
        for base, fields in zip(created, specific_rows, strict=True):
            m2m = {key: fields.pop(key) for key in list(fields) if key.startswith("m2m_")}
            obj = model(page_ptr_id=base.pk, **fields)
            obj._m2m = m2m
            for field in Page._meta.concrete_fields:
                setattr(obj, field.attname, getattr(base, field.attname))
            objects.append(obj)
        fields = _local_fields(model)
        for start_index in range(0, len(objects), 200):
            models.QuerySet(model)._insert(objects[start_index : start_index + 200], fields=fields)
        Page.objects.filter(pk=parent.pk).update(numchild=start + len(objects))
        return objects


class Command(BaseCommand):
    help = "Generate a deterministic synthetic French corpus (practices, tools, meetings…)."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--index", action="store_true", help="run search_index update after")

    def handle(self, pages, seed, index, **options):
        started = time.monotonic()
        self.random = random.Random(seed)
        with transaction.atomic():
            skeleton = self.skeleton()
            existing = Page.objects.filter(slug__startswith=MARKER).count()
            wanted = max(0, pages - existing)
            self.stdout.write(f"corpus : {existing} pages déjà générées, {wanted} à créer")
            if wanted:
                self.random = random.Random(f"{seed}-{existing}")
                self.generate(skeleton, wanted, existing)
        elapsed = time.monotonic() - started
        total = Page.objects.filter(slug__startswith=MARKER).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Corpus : {total} pages générées ({wanted} nouvelles en {elapsed:.1f} s, "
                f"{wanted / max(elapsed, 1e-6):.0f} pages/s)."
            )
        )
        if index:
            call_command("search_index", "update", stdout=self.stdout)

    # --- skeleton --------------------------------------------------------------------

    def _child(self, parent, model, **fields):
        found = model.objects.child_of(parent).first()
        if found:
            return found
        page = model(**fields)
        parent.add_child(instance=page)
        return page

    def skeleton(self):
        """The home page and index pages (created if this is an empty database)."""
        home = HomePage.objects.first()
        if home is None:
            root = Page.objects.get(depth=1)
            home = HomePage(title="Accueil", slug="accueil-corpus")
            root.add_child(instance=home)
            site = Site.objects.filter(is_default_site=True).first()
            if site:
                site.root_page = home
                site.save()
            else:
                Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        s = {"home": home}
        s["communities_index"] = self._child(
            home, CommunityIndexPage, title="Communautés", slug="communautes"
        )
        s["organizations_index"] = self._child(
            home, OrganizationIndexPage, title="Organisations", slug="organisations"
        )
        s["practices"] = self._child(home, PracticeIndexPage, title="Pratiques", slug="pratiques")
        s["tools"] = self._child(home, ToolIndexPage, title="Outils et modèles", slug="outils")
        s["frames"] = self._child(
            home,
            ConcertationFrameIndexPage,
            title="Cadres de concertation",
            slug="cadres-de-concertation",
        )
        s["communities"] = {}
        for region in COMMUNES:
            community = CommunityPage.objects.filter(title=region).first()
            if community is None:
                community = CommunityPage(title=region, region=region, slug=slugify(region))
                s["communities_index"].add_child(instance=community)
            s["communities"][region] = community
        s["themes"] = [
            Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in THEMES
        ]
        s["tags"] = [
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in TAGS
        ]
        s["languages"] = list(MaterialLanguage.objects.all())
        s["organizations"] = []
        for position, (acronym, name) in enumerate(ORGANIZATIONS):
            org = OrganizationPage.objects.filter(acronym=acronym).first()
            if org is None:
                org = OrganizationPage(
                    title=name,
                    acronym=acronym,
                    slug=f"{slugify(acronym)}-{position}",
                    description=f"<p>{name} intervient dans les régions de Ségou et Kayes.</p>",
                )
                s["organizations_index"].add_child(instance=org)
            s["organizations"].append(org)
        try:
            EventIndexPage = apps.get_model("events", "EventIndexPage")
            s["meeting_model"] = apps.get_model("events", "MeetingPage")
            s["events"] = self._child(
                home, EventIndexPage, title="Agenda et comptes rendus", slug="agenda"
            )
        except LookupError:
            s["meeting_model"] = None
        return s

    # --- text ------------------------------------------------------------------------

    def fill(self, template, region, subject=None):
        r = self.random
        subject = subject or r.choice(SUBJECTS)
        actor = r.choice(ACTORS)
        return template.format(
            subject=subject,
            actor=actor,
            Actor=actor[0].upper() + actor[1:],
            action=r.choice(ACTIONS),
            commune=r.choice(COMMUNES[region]),
            region=region,
            year=r.randint(2018, 2026),
            n=r.randint(3, 250),
        )

    def paragraph(self, region, sentences=4, subject=None):
        """Sentences mostly about the page's own subject, as real pages are."""
        r = self.random
        parts = []
        for _ in range(sentences):
            actor = r.choice(ACTORS)
            about = subject if subject and r.random() < 0.8 else r.choice(SUBJECTS)
            parts.append(
                f"{actor[0].upper()}{actor[1:]} de {r.choice(COMMUNES[region])} "
                f"{r.choice(ACTIONS)} "
                f"{about}."
            )
        return " ".join(parts)

    def when(self):
        start = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)
        return start + datetime.timedelta(
            days=self.random.randint(0, 3200), hours=self.random.randint(8, 17)
        )

    # --- pages -----------------------------------------------------------------------

    def generate(self, s, count, offset):
        r = self.random
        tree = Tree(Locale.get_default())
        meeting_share = 0.18 if s["meeting_model"] else 0
        kinds = r.choices(
            ["practice", "tool", "meeting", "frame"],
            weights=[0.47, 0.34, meeting_share, 0.01],
            k=count,
        )
        plan = {kind: kinds.count(kind) for kind in ("practice", "tool", "meeting", "frame")}
        made = 0
        started = time.monotonic()

        def progress(added):
            nonlocal made
            made += added
            rate = made / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"pages : {made}/{count} ({rate:.0f}/s)")

        for kind, total in plan.items():
            for chunk_start in range(0, total, 1000):
                size = min(1000, total - chunk_start)
                getattr(self, f"make_{kind}s")(s, tree, size, offset + made)
                progress(size)

    def _classify(self, s, region):
        r = self.random
        communities = [s["communities"][region].pk]
        if r.random() < 0.15:
            communities = [c.pk for c in s["communities"].values()]
        themes = [t.pk for t in r.sample(s["themes"], k=r.randint(1, 2))]
        tags = [t.pk for t in r.sample(s["tags"], k=r.randint(1, 4))]
        return communities, themes, tags

    def _relations(self, model, objects, m2m_names, tag_model=None):
        for name in m2m_names:
            through = model._meta.get_field(name).remote_field.through
            source, target = None, None
            for field in through._meta.concrete_fields:
                if field.is_relation and field.related_model is not None:
                    if issubclass(model, field.related_model) and source is None:
                        source = field.attname
                    else:
                        target = field.attname
            rows = [
                through(**{source: obj.pk, target: value})
                for obj in objects
                for value in obj._m2m.get(f"m2m_{name}", [])
            ]
            through.objects.bulk_create(rows, batch_size=500)
        if tag_model is not None:
            tag_model.objects.bulk_create(
                [
                    tag_model(content_object_id=obj.pk, tag_id=tag)
                    for obj in objects
                    for tag in obj._m2m.get("m2m_tags", [])
                ],
                batch_size=500,
            )

    def _parent(self, s, default):
        if self.random.random() < 0.5:
            return self.random.choice(s["organizations"])
        return default

    def _grouped(self, s, default, items):
        groups = {}
        for item in items:
            groups.setdefault(self._parent(s, default).pk, []).append(item)
        return groups

    def make_practices(self, s, tree, count, offset):
        r = self.random
        items = []
        for number in range(count):
            region = r.choice(list(COMMUNES))
            communities, themes, tags = self._classify(s, region)
            subject = r.choice(SUBJECTS)
            title = self.fill(r.choice(PRACTICE_TITLES), region, subject)[:250]
            start = datetime.date(r.randint(2016, 2025), r.randint(1, 12), 1)
            items.append(
                {
                    "title": title,
                    "slug": f"{MARKER}p{offset + number}",
                    "summary": self.paragraph(region, 2, subject)[:600],
                    "problem": f"<p>{self.paragraph(region, 3, subject)}</p>",
                    "context": f"<p>{self.paragraph(region, 2, subject)}</p>",
                    "places": ", ".join(r.sample(COMMUNES[region], k=2)),
                    "approach": f"<p>{self.paragraph(region, 5, subject)}</p>",
                    "results": (
                        f"<p>{self.fill(r.choice(RESULTS), region)} "
                        f"{self.fill(r.choice(RESULTS), region)}</p>"
                    ),
                    "lessons_learned": f"<p>{r.choice(LESSONS)} {r.choice(LESSONS)}</p>",
                    "target_groups": r.choice(
                        [
                            "Filles de 10 à 17 ans",
                            "Femmes rurales",
                            "Leaders communautaires",
                            "Élues",
                        ]
                    ),
                    "period_start": start,
                    "period_end": start + datetime.timedelta(days=r.randint(90, 900)),
                    "m2m_communities": communities,
                    "m2m_themes": themes,
                    "m2m_tags": tags,
                }
            )
        self._insert_grouped(
            s,
            tree,
            PracticePage,
            s["practices"],
            items,
            ["communities", "themes"],
            apps.get_model("practices", "PracticePageTag"),
        )

    def make_tools(self, s, tree, count, offset):
        r = self.random
        items = []
        kinds = [k for k, _ in ToolKind.choices]
        for number in range(count):
            region = r.choice(list(COMMUNES))
            communities, themes, tags = self._classify(s, region)
            languages = [lang.pk for lang in r.sample(s["languages"], k=r.randint(1, 3))]
            subject = r.choice(SUBJECTS)
            items.append(
                {
                    "title": self.fill(r.choice(TOOL_TITLES), region, subject)[:250],
                    "slug": f"{MARKER}t{offset + number}",
                    "kind": r.choice(kinds),
                    "summary": self.paragraph(region, 2, subject)[:600],
                    "description": (
                        f"<p>{self.paragraph(region, 6, subject)}</p><p>{r.choice(LESSONS)}</p>"
                    ),
                    "audience": r.choice(
                        [
                            "Animatrices relais",
                            "Leaders religieux",
                            "Agents de santé",
                            "Enseignants",
                            "Élues",
                        ]
                    ),
                    "year": r.randint(2012, 2026),
                    "m2m_communities": communities,
                    "m2m_themes": themes,
                    "m2m_tags": tags,
                    "m2m_languages": languages,
                }
            )
        self._insert_grouped(
            s,
            tree,
            ToolPage,
            s["tools"],
            items,
            ["communities", "themes", "languages"],
            apps.get_model("practices", "ToolPageTag"),
        )

    def make_frames(self, s, tree, count, offset):
        r = self.random
        items = []
        for number in range(count):
            region = r.choice(list(COMMUNES))
            communities, themes, tags = self._classify(s, region)
            items.append(
                {
                    "title": f"Cadre de concertation sur {r.choice(SUBJECTS)} ({offset + number})"[
                        :250
                    ],
                    "slug": f"{MARKER}c{offset + number}",
                    "summary": self.paragraph(region, 2)[:600],
                    "objectives": f"<p>{self.paragraph(region, 3)}</p>",
                    "strategies": f"<p>{self.paragraph(region, 3)}</p>",
                    "m2m_communities": communities,
                    "m2m_themes": themes,
                    "m2m_tags": tags,
                }
            )
        objects = tree.add(s["frames"], ConcertationFramePage, items, [self.when() for _ in items])
        self._relations(
            ConcertationFramePage,
            objects,
            ["communities", "themes"],
            apps.get_model("practices", "ConcertationFramePageTag"),
        )

    def make_meetings(self, s, tree, count, offset):
        r = self.random
        model = s["meeting_model"]
        kinds = [k for k, _ in model._meta.get_field("kind").choices]
        items, recommendations = [], []
        for number in range(count):
            region = r.choice(list(COMMUNES))
            communities, themes, tags = self._classify(s, region)
            start = datetime.date(r.randint(2018, 2026), r.randint(1, 12), r.randint(1, 28))
            subject = r.choice(SUBJECTS)
            items.append(
                {
                    "title": self.fill(r.choice(MEETING_TITLES), region, subject)[:250],
                    "slug": f"{MARKER}m{offset + number}",
                    "kind": r.choice(kinds),
                    "summary": self.paragraph(region, 2, subject)[:600],
                    "start_date": start,
                    "commune": r.choice(COMMUNES[region]),
                    "venue": f"Salle de la mairie de {r.choice(COMMUNES[region])}",
                    "agenda": f"<p>{self.paragraph(region, 2, subject)}</p>",
                    "decisions": f"<p>{self.paragraph(region, 2, subject)}</p>",
                    "outcomes": f"<p>{self.fill(r.choice(RESULTS), region)}</p>",
                    "participants_total": r.randint(12, 120),
                    "m2m_communities": communities,
                    "m2m_themes": themes,
                    "m2m_tags": tags,
                    "m2m_organizers": [r.choice(s["organizations"]).pk],
                }
            )
            recommendations.append(
                [
                    self.fill(r.choice(RECOMMENDATIONS), region, subject)
                    for _ in range(r.randint(1, 3))
                ]
            )
        objects = tree.add(s["events"], model, items, [self.when() for _ in items])
        self._relations(
            model,
            objects,
            ["communities", "themes", "organizers"],
            apps.get_model("events", "MeetingPageTag"),
        )
        try:
            Recommendation = apps.get_model("events", "Recommendation")
        except LookupError:
            return
        Recommendation.objects.bulk_create(
            [
                Recommendation(meeting_id=obj.pk, text=text)
                for obj, texts in zip(objects, recommendations, strict=True)
                for text in texts
            ],
            batch_size=500,
        )

    def _insert_grouped(self, s, tree, model, default_parent, items, m2m_names, tag_model):
        parents = {page.pk: page for page in [default_parent, *s["organizations"]]}
        for parent_pk, group in self._grouped(s, default_parent, items).items():
            parent = parents[parent_pk]
            for item in group:
                if isinstance(parent, OrganizationPage):
                    item["organization_id"] = parent.pk
            objects = tree.add(parent, model, group, [self.when() for _ in group])
            self._relations(model, objects, m2m_names, tag_model)
