"""Site-wide settings of the default site: quick-exit target, contact, footer."""

from wagtail.models import Site

from demo.data.pages import PORTAL_SETTINGS
from demo.loader import CREATED, UNCHANGED, UPDATED, apply_fields
from home.models import PortalSettings


def run(context):
    with context.step("réglages du portail", total=1) as progress:
        context.current = "réglages du portail (PortalSettings)"
        site = Site.objects.get(is_default_site=True)
        settings = PortalSettings.objects.filter(site=site).first()
        status = UNCHANGED
        if settings is None:
            settings, status = PortalSettings(site=site), CREATED
        if apply_fields(settings, PORTAL_SETTINGS) and status == UNCHANGED:
            status = UPDATED
        if status != UNCHANGED:
            settings.full_clean()
            settings.save()
        progress.done(status, "réglages")
