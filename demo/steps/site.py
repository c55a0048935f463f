"""The home page as the root of the default site, replacing Wagtail's welcome page, and the
index pages below it in the order of the content tree."""

from django.apps import apps
from wagtail.models import Page, Site

from demo.data.pages import HOME, INDEX_PAGES, MENU_TITLES, SITE
from demo.loader import CREATED, UNCHANGED, UPDATED, apply_fields, publish_demo_page, upsert_page
from home.models import HomePage
from home.public_url import may_align, site_address


def _home(context, root):
    existing = HomePage.objects.first()
    if existing is not None and existing.slug != HOME["slug"]:
        context.current = f"HomePage « {existing.slug} »"
        existing.slug = HOME["slug"]
        publish_demo_page(existing)
    return upsert_page(context, root, HomePage, HOME["slug"], fields={"title": HOME["title"]})


def _default_site(context, home):
    """Point the default site at the home page, at the public address (settings.PUBLIC_URL)."""
    context.current = "site par défaut"
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is None:
        Site.objects.create(
            root_page=home,
            is_default_site=True,
            site_name=SITE["site_name"],
            hostname=hostname,
            port=port,
        )
        return CREATED
    fields = {"root_page": home, "site_name": SITE["site_name"], "is_default_site": True}
    if may_align(site):
        fields.update(hostname=hostname, port=port)
    changed = apply_fields(site, fields)
    if changed:
        site.save()
    return UPDATED if changed else UNCHANGED


def _remove_welcome_page(context, root):
    """Delete Wagtail's "Welcome to your new Wagtail site!" page once no site uses it."""
    context.current = "page d'accueil de Wagtail"
    welcome = (
        Page.objects.child_of(root)
        .exact_type(Page)
        .filter(numchild=0)
        .exclude(pk__in=Site.objects.values("root_page"))
    )
    removed = welcome.count()
    for page in welcome:
        page.delete()
    return removed


def run(context):
    with context.step("site et pages d'index", total=2 + len(INDEX_PAGES)) as progress:
        root = Page.get_first_root_node()
        home, status = _home(context, root)
        progress.done(status, "accueil")
        progress.done(_default_site(context, home), "site par défaut")
        if _remove_welcome_page(context, root):
            context.write("  page « Welcome to your new Wagtail site! » remplacée par « Accueil »")
        for label, slug, title, introduction in INDEX_PAGES:
            model = apps.get_model(label)
            _, status = upsert_page(
                context,
                home,
                model,
                slug,
                fields={
                    "title": title,
                    "introduction": introduction,
                    "show_in_menus": True,
                    "menu_title": MENU_TITLES.get(slug, ""),
                },
            )
            progress.done(status, slug)
