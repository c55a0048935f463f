"""The e-mails of the alerts, in French, plain text with a simple HTML version, through
Django's e-mail API. No image, no tracking: links lead straight to the pages."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.feeds import site_root_url


def site_url(path=""):
    """An absolute address on the site's public root (``PUBLIC_URL``, through the Site)."""
    return site_root_url(None) + path


def token_url(name, subscription):
    with translation.override("fr"):
        return site_url(reverse(name, args=[subscription.token]))


def _message(template, context, to, headers=None):
    with translation.override("fr"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscription):
    """To a new (unconfirmed) address: the link to confirm, nothing else."""
    context = {
        "subscription": subscription,
        "confirm_url": token_url("alerts:confirm", subscription),
    }
    return _message("alerts/email/confirm", context, subscription.email)


def manage_link_message(subscription):
    """To an address already subscribed that asks again: the link to change its choices."""
    context = {
        "subscription": subscription,
        "manage_url": token_url("alerts:manage", subscription),
    }
    return _message("alerts/email/manage_link", context, subscription.email)


def digest_message(subscription, digest, pages, period):
    unsubscribe_url = token_url("alerts:unsubscribe", subscription)
    with translation.override("fr"):
        links = [(page, page.get_full_url()) for page in pages]
    context = {
        "subscription": subscription,
        "digest": digest,
        "pages": links,
        "period": period,
        "manage_url": token_url("alerts:manage", subscription),
        "unsubscribe_url": unsubscribe_url,
        "site_url": site_url("/"),
    }
    headers = {
        # RFC 2369 and RFC 8058: one-click unsubscription from the mail client.
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return _message("alerts/email/digest", context, subscription.email, headers)
