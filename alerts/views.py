"""The public pages of the alerts: subscribe (its own address, linked from the footer and the
community, theme and tag pages, never a form embedded in a cached page), then the pages a
subscriber reaches through the links of their e-mails: confirm, manage, delete, unsubscribe.

The subscribe form answers the same whatever the address (new, pending or subscribed): only
the mailbox learns which. Token pages are never cached, never indexed, and a token only ever
opens its own subscription (an unknown or altered one is « page introuvable »)."""

import logging
import smtplib
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from home.listing import PARAM_COMMUNITY, PARAM_TAG, PARAM_THEME

from .forms import ChoicesForm, SubscribeForm
from .mail import confirmation_message, manage_link_message
from .models import Subscription
from .throttle import over_limit

logger = logging.getLogger(__name__)

# One e-mail per address per interval, however often the form is sent for it.
MAIL_INTERVAL = timedelta(minutes=10)


def _initial_from_query(form, query):
    """Choices ticked by the link that led here (``?communaute=segou``, ``?theme=…``,
    ``?mot-cle=…``); unknown values are ignored."""
    initial = {}
    for param, name in (
        (PARAM_COMMUNITY, "communities"),
        (PARAM_THEME, "themes"),
        (PARAM_TAG, "tags"),
    ):
        slugs = [slug for slug in query.getlist(param) if slug and "\x00" not in slug][:20]
        if slugs:
            queryset = form.fields[name].queryset.filter(slug__in=slugs)
            initial[name] = list(queryset.values_list("pk", flat=True))
    return initial


def _request_subscription(form):
    """Create or refresh the subscription asked for, then e-mail its address: a confirmation
    link for a new or pending one, a link to its choices for a confirmed one (whose choices
    only its owner may change). False when the e-mail could not leave (the mail server is
    down), whatever the address: the visitor may try again."""
    email = form.cleaned_data["email"]
    now = timezone.now()
    try:
        with transaction.atomic():
            subscription = Subscription.objects.select_for_update().filter(email=email).first()
            if subscription is not None and subscription.confirmation_expired(now):
                subscription.delete()
                subscription = None
            if subscription is None:
                subscription = form.apply_to(Subscription(email=email))
            elif not subscription.confirmed:
                form.apply_to(subscription)
            if subscription.mailed_at and subscription.mailed_at > now - MAIL_INTERVAL:
                return True
            subscription.mailed_at = now
            subscription.save(update_fields=["mailed_at"])
    except IntegrityError:
        return True  # the same address sent twice at once: the other request writes to it
    message = (
        manage_link_message(subscription)
        if subscription.confirmed
        else confirmation_message(subscription)
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Alerts: e-mail to subscription %s not sent", subscription.pk)
        Subscription.objects.filter(pk=subscription.pk).update(mailed_at=None)
        return False
    return True


@require_http_methods(["GET", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if over_limit(request):
            form.is_valid()
            form.add_error(
                None,
                _("Trop de demandes depuis votre connexion. Réessayez dans une heure."),
            )
            status = 429
        elif form.is_valid():
            if _request_subscription(form):
                return redirect("alerts:sent")
            form.add_error(
                None, _("Le courriel n'a pas pu partir. Réessayez dans quelques minutes.")
            )
            status = 503
        else:
            status = 400
    else:
        form = SubscribeForm()
        form.initial.update(_initial_from_query(form, request.GET))
    return TemplateResponse(request, "alerts/subscribe.html", {"form": form}, status=status)


def sent(request):
    return TemplateResponse(request, "alerts/sent.html", {})


def _subscription_or_none(token):
    return Subscription.objects.filter(token=token).first()


def _invalid_link(request):
    return TemplateResponse(request, "alerts/invalid_link.html", {}, status=404)


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = _subscription_or_none(token)
    if subscription is None or subscription.confirmation_expired():
        return _private(_invalid_link(request))
    if subscription.confirmed:
        return redirect("alerts:manage", token=token)
    if request.method == "POST":
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        messages.success(
            request, _("Votre abonnement est confirmé : vous recevrez les prochaines nouveautés.")
        )
        return redirect("alerts:manage", token=token)
    return _private(
        TemplateResponse(request, "alerts/confirm.html", {"subscription": subscription})
    )


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscription = _subscription_or_none(token)
    if subscription is None:
        return _private(_invalid_link(request))
    if not subscription.confirmed:
        return redirect("alerts:confirm", token=token)
    status = 200
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            form.apply_to(subscription)
            messages.success(request, _("Vos choix sont enregistrés."))
            return redirect("alerts:manage", token=token)
        status = 400
    else:
        form = ChoicesForm(
            initial={
                "everything": subscription.everything,
                "frequency": subscription.frequency,
                "communities": list(subscription.communities.values_list("pk", flat=True)),
                "themes": list(subscription.themes.values_list("pk", flat=True)),
                "tags": list(subscription.tags.values_list("pk", flat=True)),
            }
        )
    context = {"subscription": subscription, "form": form}
    return _private(TemplateResponse(request, "alerts/manage.html", context, status=status))


@never_cache
@require_POST
def delete(request, token):
    subscription = _subscription_or_none(token)
    if subscription is None:
        return _private(_invalid_link(request))
    subscription.delete()
    return _private(TemplateResponse(request, "alerts/deleted.html", {}))


@never_cache
@csrf_exempt  # RFC 8058: the mail client posts « List-Unsubscribe=One-Click », without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button (link checkers of mail servers open links: a GET changes nothing);
    POST, from that button or from the mail client's one-click, deletes the subscription."""
    subscription = _subscription_or_none(token)
    if subscription is None:
        return _private(_invalid_link(request))
    if request.method == "POST":
        subscription.delete()
        return _private(TemplateResponse(request, "alerts/deleted.html", {}))
    return _private(
        TemplateResponse(request, "alerts/unsubscribe.html", {"subscription": subscription})
    )
