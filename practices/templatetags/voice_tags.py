"""How a voice note's length and weight read in French: « 1 min 05 s », « 160 ko »."""

from django import template
from django.utils.translation import gettext as _

from home.templatetags.portal_tags import human_size

register = template.Library()


@register.filter
def audio_duration(seconds):
    """'45 s', '1 min 05 s', '1 h 02 min'; '' when unknown."""
    if seconds in (None, ""):
        return ""
    total = max(1, round(float(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        text = _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    elif minutes:
        text = _("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": secs}
    else:
        text = _("%(seconds)d s") % {"seconds": secs}
    return text.replace(" ", "\xa0")


@register.filter
def audio_size(size):
    return human_size(size) if size else ""
