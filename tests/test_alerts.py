"""Alerts by e-mail: subscribe with double opt-in, weekly or monthly digests of what is new and
public, one-click unsubscription, and the WhatsApp text editors copy from the admin."""

import datetime
import re
import smtplib
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from alerts.digests import WHATSAPP_LIMIT, due_digest, whatsapp_text
from alerts.models import Digest, Frequency, Subscription
from alerts.sending import send_digests
from home.member_spaces import member_group_for
from home.workflows import EDITORS_GROUP, ensure_default_workflow
from practices.models import PracticePage

from .conftest import module_data
from .factories import ThemeFactory, make_community, make_organization, make_practice

SUBSCRIBE = "/alertes/"
PASSWORD = "un-mot-de-passe-assez-long"
# A moment whose last complete week includes today (when the test data is published).
NEXT_WEEK = timezone.now() + datetime.timedelta(days=7)
NEXT_MONTH = timezone.now() + datetime.timedelta(days=32)


def add_draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def build(tree):
    w = tree
    w.segou = make_community(w, title="Ségou", region="Ségou", slug="segou")
    w.kayes = make_community(w, title="Kayes", region="Kayes", slug="kayes")
    w.marriage = ThemeFactory(name="Mariage d'enfants")
    w.participation = ThemeFactory(name="Participation des femmes")
    w.avec = Tag.objects.create(name="AVEC", slug="avec")
    w.org = make_organization(w, title="APROFEM", acronym="APROFEM", communities=[w.segou])
    w.segou_practice = make_practice(
        w.org, title="Clubs d'adolescentes à Ségou", communities=[w.segou], themes=[w.marriage]
    )
    w.kayes_practice = make_practice(
        w.org,
        title="Caravane de sensibilisation à Kayes",
        communities=[w.kayes],
        themes=[w.participation],
        tags=[w.avec],
    )
    # Never in a digest: a draft, a restricted page, a page in moderation, and the pending
    # title of a live page (its published title is what shows).
    w.draft = add_draft(w.org, PracticePage(title="Pratique brouillon Ségou", summary="x"))
    w.draft.communities.set([w.segou])
    w.draft.save_revision()
    w.restricted = make_practice(w.org, title="Pratique réservée Ségou", communities=[w.segou])
    PageViewRestriction.objects.create(page=w.restricted, restriction_type="login")
    ensure_default_workflow()
    author = get_user_model().objects.create_user("autrice", "autrice@example.org", PASSWORD)
    w.moderated = add_draft(w.org, PracticePage(title="Pratique en modération Ségou", summary="x"))
    w.moderated.get_workflow().start(w.moderated, author)
    revised = PracticePage.objects.get(pk=w.segou_practice.pk)
    revised.title = "Titre en relecture, pas encore publié"
    revised.save_revision()
    w.hidden_titles = [
        "Pratique brouillon Ségou",
        "Pratique réservée Ségou",
        "Pratique en modération Ségou",
        "Titre en relecture, pas encore publié",
    ]
    return w


@pytest.fixture(scope="module")
def _world(_shared_site_tree, django_db_blocker):
    with module_data(_shared_site_tree, django_db_blocker) as tree:
        yield build(tree)


@pytest.fixture
def w(_world, site_tree):
    cache.clear()
    return _world


def subscribed(email, frequency=Frequency.WEEKLY, everything=False, **choices):
    subscription = Subscription.objects.create(
        email=email, frequency=frequency, everything=everything, confirmed_at=timezone.now()
    )
    for name, values in choices.items():
        getattr(subscription, name).set(values)
    return subscription


def mails_to(email):
    return [message for message in mail.outbox if message.to == [email]]


def link_in(message, name):
    """The path of the first link to the alerts view ``name`` in ``message``'s text."""
    prefix = reverse(name, args=["TOKEN"]).split("TOKEN")[0]
    match = re.search(re.escape(prefix) + r"[A-Za-z0-9_-]+/", message.body)
    assert match, message.body
    return match.group(0)


class TestSubscribing:
    def test_subscribe_confirm_then_receive(self, w, client):
        page = client.get(SUBSCRIBE)
        assert page.status_code == 200
        assert "Recevoir les nouveautés par courriel" in page.content.decode()

        response = client.post(
            SUBSCRIBE,
            {"email": "Awa@Example.org", "communities": [w.segou.pk], "frequency": "weekly"},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("alerts:sent")
        [confirmation] = mail.outbox
        assert confirmation.to == ["awa@example.org"]
        assert "Confirmez votre abonnement" in confirmation.subject
        subscription = Subscription.objects.get(email="awa@example.org")
        assert subscription.confirmed_at is None

        # Not confirmed yet: the digest goes to nobody.
        send_digests(Frequency.WEEKLY, NEXT_WEEK)
        assert len(mail.outbox) == 1

        confirm_path = link_in(confirmation, "alerts:confirm")
        # Opening the link (a mail server's link checker does too) confirms nothing.
        shown = client.get(confirm_path)
        assert shown.status_code == 200
        assert "Confirmer mon abonnement" in shown.content.decode()
        assert "la communauté Ségou" in shown.content.decode()
        subscription.refresh_from_db()
        assert subscription.confirmed_at is None

        confirmed = client.post(confirm_path, follow=True)
        assert "Votre abonnement est confirmé" in confirmed.content.decode()
        subscription.refresh_from_db()
        assert subscription.confirmed_at is not None

        # The digest of a later week now reaches them (this week's was already prepared).
        PracticePage.objects.filter(pk=w.segou_practice.pk).update(
            first_published_at=NEXT_WEEK + datetime.timedelta(hours=1)
        )
        send_digests(Frequency.WEEKLY, NEXT_WEEK + datetime.timedelta(days=7))
        [digest] = mails_to("awa@example.org")[1:]
        assert "Clubs d'adolescentes à Ségou" in digest.body

    def test_same_answer_whether_the_address_is_known_or_not(self, w, client):
        known = subscribed("connue@example.org", themes=[w.marriage])
        answers = []
        for email in ("connue@example.org", "inconnue@example.org"):
            response = client.post(
                SUBSCRIBE, {"email": email, "everything": "on", "frequency": "monthly"}
            )
            answers.append((response.status_code, response["Location"]))
        assert answers[0] == answers[1]
        # The subscriber's choices are theirs to change: a stranger cannot.
        known.refresh_from_db()
        assert not known.everything and known.frequency == Frequency.WEEKLY
        to_known = mails_to("connue@example.org")[0]
        assert link_in(to_known, "alerts:manage") == reverse("alerts:manage", args=[known.token])
        assert "confirmer" not in to_known.body.lower()

    def test_one_mail_per_address_however_often_asked(self, w, client):
        for _ in range(3):
            client.post(
                SUBSCRIBE, {"email": "awa@example.org", "everything": "on", "frequency": "weekly"}
            )
        assert len(mails_to("awa@example.org")) == 1

    def test_too_many_requests_from_one_client(self, w, client):
        for number in range(10):
            client.post(
                SUBSCRIBE,
                {"email": f"a{number}@example.org", "everything": "on", "frequency": "weekly"},
            )
        response = client.post(
            SUBSCRIBE, {"email": "b@example.org", "everything": "on", "frequency": "weekly"}
        )
        assert response.status_code == 429
        assert "Trop de demandes" in response.content.decode()
        assert not Subscription.objects.filter(email="b@example.org").exists()

    @pytest.mark.parametrize(
        "data, message",
        [
            ({"email": "pas-une-adresse", "everything": "on"}, "adresse de courriel valide"),
            ({"email": "awa\x00@example.org", "everything": "on"}, "caractère nul"),
            ({"email": "awa@example.org", "communities": ["999999"]}, "choix valide"),
            ({"email": "awa@example.org", "communities": ["9" * 30]}, "choix valide"),
            ({"email": "awa@example.org", "themes": ["abc"]}, "valeur correcte"),
            ({"email": "awa@example.org", "tags": ["\x00"]}, "caractère nul"),
            ({"email": "awa@example.org", "tags": ["²"]}, "valeur correcte"),
            ({"email": "awa@example.org", "frequency": "daily", "everything": "on"}, "valide"),
            ({"email": "awa@example.org"}, "Choisissez au moins une communauté"),
        ],
    )
    def test_bad_input_is_a_form_error(self, w, client, data, message):
        data.setdefault("frequency", "weekly")
        response = client.post(SUBSCRIBE, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "error-summary" in html
        assert message in html
        assert not Subscription.objects.exists()
        assert not mail.outbox

    def test_a_draft_community_is_not_a_choice(self, w, client):
        response = client.post(
            SUBSCRIBE,
            {"email": "awa@example.org", "communities": [w.draft.pk], "frequency": "weekly"},
        )
        assert response.status_code == 400

    def test_links_from_pages_preselect_the_choice(self, w, client):
        html = client.get(SUBSCRIBE, {"communaute": "segou", "theme": "inconnu"}).content.decode()
        assert re.search(rf'value="{w.segou.pk}"[^>]*checked', html)
        assert not re.search(rf'value="{w.kayes.pk}"[^>]*checked', html)
        assert client.get(SUBSCRIBE, {"communaute": "\x00"}).status_code == 400  # the site's 400
        community_page = client.get(w.segou.url).content.decode()
        assert f"{SUBSCRIBE}?communaute=segou" in community_page
        assert SUBSCRIBE in client.get("/").content.decode()  # the footer


def csrf_token_in(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match and match.group(1)


def test_the_form_is_never_kept_by_the_page_cache_nor_embedded_in_kept_pages(w, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    first, second = Client().get(SUBSCRIBE), Client().get(SUBSCRIBE)
    assert "csrftoken" in second.cookies, "each visitor gets the cookie that goes with the form"
    assert csrf_token_in(first.content.decode()) != csrf_token_in(second.content.decode())
    for url in (w.segou.url, "/"):
        Client().get(url)
        kept = Client().get(url)
        assert not kept.cookies
        assert "public" in kept["Cache-Control"]
        assert not csrf_token_in(kept.content.decode())
        assert f'href="{SUBSCRIBE}' in kept.content.decode()


class TestDigests:
    def test_each_subscriber_gets_what_is_new_in_their_choice_and_public_only(self, w):
        subscribed("segou@example.org", communities=[w.segou])
        subscribed("participation@example.org", themes=[w.participation])
        subscribed("avec@example.org", tags=[w.avec])
        subscribed("tout@example.org", everything=True)
        subscribed("mensuel@example.org", frequency=Frequency.MONTHLY, everything=True)

        outcome = send_digests(Frequency.WEEKLY, NEXT_WEEK)
        assert outcome["sent"] == 4

        [segou] = mails_to("segou@example.org")
        assert "Clubs d'adolescentes à Ségou" in segou.body
        assert "Kayes" not in segou.body
        [participation] = mails_to("participation@example.org")
        assert "Caravane de sensibilisation à Kayes" in participation.body
        assert "Clubs d'adolescentes" not in participation.body
        [avec] = mails_to("avec@example.org")
        assert "Caravane de sensibilisation à Kayes" in avec.body
        [everything] = mails_to("tout@example.org")
        assert "Clubs d'adolescentes" in everything.body and "Caravane" in everything.body
        assert "2 publications" in everything.body
        assert not mails_to("mensuel@example.org")  # weekly run only

        for message in mail.outbox:
            html = message.alternatives[0][0]
            for title in w.hidden_titles:
                assert title not in message.body and title not in html
            assert "<img" not in html
            unsubscribe = message.extra_headers["List-Unsubscribe"]
            assert unsubscribe.startswith("<http") and "/alertes/desabonnement/" in unsubscribe
            assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert unsubscribe.strip("<>") in message.body

    def test_a_page_made_private_after_the_digest_was_prepared_drops_out(self, w):
        subscribed("tout@example.org", everything=True)
        digest = due_digest(Frequency.WEEKLY, NEXT_WEEK)
        assert set(digest.pages.all()) == {w.segou_practice.page_ptr, w.kayes_practice.page_ptr}
        digest.pages.add(w.restricted, w.draft)  # even if they had been there
        PageViewRestriction.objects.create(page=w.kayes_practice, restriction_type="login")
        send_digests(Frequency.WEEKLY, NEXT_WEEK)
        [message] = mails_to("tout@example.org")
        assert "Clubs d'adolescentes" in message.body
        assert "Caravane" not in message.body
        for title in w.hidden_titles:
            assert title not in message.body

    def test_second_run_and_nothing_new_send_nothing(self, w):
        subscribed("tout@example.org", everything=True)
        send_digests(Frequency.WEEKLY, NEXT_WEEK)
        assert len(mail.outbox) == 1
        again = send_digests(Frequency.WEEKLY, NEXT_WEEK + datetime.timedelta(hours=2))
        assert again["sent"] == 0 and len(mail.outbox) == 1
        assert Digest.objects.filter(frequency=Frequency.WEEKLY).count() == 1
        # The following week: nothing was published, nothing is sent.
        later = send_digests(Frequency.WEEKLY, NEXT_WEEK + datetime.timedelta(days=7))
        assert later["pages"] == 0 and later["sent"] == 0
        assert len(mail.outbox) == 1

    def test_monthly_digest(self, w):
        subscribed("mensuel@example.org", frequency=Frequency.MONTHLY, communities=[w.kayes])
        send_digests(Frequency.MONTHLY, NEXT_MONTH)
        [message] = mails_to("mensuel@example.org")
        assert "Caravane" in message.body and "Clubs" not in message.body

    def test_unconfirmed_addresses_are_forgotten_after_a_week(self, w):
        Subscription.objects.create(email="oubli@example.org", everything=True)
        send_digests(Frequency.WEEKLY, NEXT_WEEK + datetime.timedelta(days=1))
        assert not Subscription.objects.filter(email="oubli@example.org").exists()
        assert not mail.outbox

    def test_command_runs_the_task_and_is_idempotent(self, w, capsys):
        subscribed("tout@example.org", everything=True)
        call_command("send_digests", frequency="weekly", now=NEXT_WEEK.isoformat())
        naive = timezone.localtime(NEXT_WEEK).replace(tzinfo=None).isoformat()
        call_command("send_digests", frequency="weekly", now=naive)
        output = capsys.readouterr().out
        assert "1 e-mail(s) sent" in output and "0 e-mail(s) sent" in output
        assert len(mail.outbox) == 1
        with pytest.raises(CommandError):
            call_command("send_digests", frequency="weekly", now="mardi")


MAIL_DOWN = mock.patch(
    "django.core.mail.backends.locmem.EmailBackend.send_messages",
    side_effect=smtplib.SMTPServerDisconnected("down"),
)


def test_a_mail_server_down_is_said_and_retried(w, client):
    subscribed("tout@example.org", everything=True)
    with MAIL_DOWN:
        response = client.post(
            SUBSCRIBE, {"email": "awa@example.org", "everything": "on", "frequency": "weekly"}
        )
        assert response.status_code == 503
        assert "pas pu partir" in response.content.decode()
        assert send_digests(Frequency.WEEKLY, NEXT_WEEK)["failed"] == 1
    assert not mail.outbox
    # Nothing was lost: the address may ask again at once, the digest goes at the next run.
    retried = client.post(
        SUBSCRIBE, {"email": "awa@example.org", "everything": "on", "frequency": "weekly"}
    )
    assert retried.status_code == 302
    assert send_digests(Frequency.WEEKLY, NEXT_WEEK)["sent"] == 1
    assert len(mails_to("tout@example.org")) == 1


def test_an_expired_confirmation_link_confirms_nothing(w, client):
    pending = Subscription.objects.create(email="tard@example.org", everything=True)
    Subscription.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    url = reverse("alerts:confirm", args=[pending.token])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_the_english_interface_has_the_page_too(w, client):
    html = client.get("/en/alertes/").content.decode()
    assert '<html lang="en">' in html and 'action="/en/alertes/"' in html


class TestUnsubscribing:
    def test_one_click_post_unsubscribes_and_a_tampered_token_does_not(self, w):
        awa = subscribed("awa@example.org", everything=True)
        fanta = subscribed("fanta@example.org", everything=True)
        client = Client(enforce_csrf_checks=True)  # a mail client posts without a CSRF token
        tampered = awa.token[:-1] + ("A" if awa.token[-1] != "A" else "B")
        for token in (tampered, awa.token.upper(), "x"):
            url = reverse("alerts:unsubscribe", args=[token])
            response = client.post(url, {"List-Unsubscribe": "One-Click"})
            assert response.status_code == 404
        assert Subscription.objects.count() == 2

        url = reverse("alerts:unsubscribe", args=[awa.token])
        shown = client.get(url)  # opening the link changes nothing
        assert shown.status_code == 200 and "awa@example.org" in shown.content.decode()
        assert "fanta@example.org" not in shown.content.decode()
        assert Subscription.objects.filter(pk=awa.pk).exists()
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not Subscription.objects.filter(pk=awa.pk).exists()
        assert Subscription.objects.filter(pk=fanta.pk).exists()
        assert client.post(url).status_code == 404  # gone: nothing more to reveal

    def test_manage_then_delete_removes_the_row(self, w, client):
        awa = subscribed("awa@example.org", communities=[w.segou])
        manage = reverse("alerts:manage", args=[awa.token])
        page = client.get(manage)
        assert page.status_code == 200
        assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
        assert "awa@example.org" in page.content.decode()
        changed = client.post(manage, {"themes": [w.marriage.pk], "frequency": "monthly"})
        assert changed.status_code == 302
        awa.refresh_from_db()
        assert awa.frequency == Frequency.MONTHLY
        assert list(awa.themes.all()) == [w.marriage] and not awa.communities.exists()
        assert client.post(manage, {"frequency": "monthly"}).status_code == 400

        deleted = client.post(reverse("alerts:delete", args=[awa.token]))
        assert deleted.status_code == 200
        assert not Subscription.objects.filter(email="awa@example.org").exists()
        assert client.get(manage).status_code == 404


class TestWhatsAppText:
    def digest(self):
        start = timezone.make_aware(datetime.datetime(2026, 11, 23))
        return Digest(
            frequency=Frequency.WEEKLY,
            period_start=start,
            period_end=start + datetime.timedelta(days=7),
        )

    @pytest.mark.parametrize("count", [1, 2, 9, 40])
    def test_under_the_limit_with_the_rest_counted(self, count):
        items = [
            (
                f"Pratique numéro {n} : " + "un titre vraiment très long " * 6,
                f"https://portail.example.org/pratiques/p-{n}/",
            )
            for n in range(count)
        ]
        text = whatsapp_text(self.digest(), items, "https://portail.example.org/")
        assert len(text) < WHATSAPP_LIMIT
        assert "du 23\xa0novembre\xa02026 au 29\xa0novembre\xa02026" in text
        shown = text.count("• ")
        assert shown >= 1
        rest = count - shown
        if rest == 0:
            assert "… et" not in text
        elif rest == 1:
            assert "… et 1 autre\nhttps://portail.example.org/" in text
        else:
            assert f"… et {rest} autres\nhttps://portail.example.org/" in text
        assert all(len(line) <= 100 for line in text.splitlines())

    def test_two_left_out_is_plural(self):
        items = [("T" * 80, "https://portail.example.org/" + "x" * 150 + f"{n}/") for n in range(6)]
        text = whatsapp_text(self.digest(), items)
        rest = 6 - text.count("• ")
        assert rest >= 2 and f"… et {rest} autres" in text

    def test_nothing_new(self):
        assert "Rien de nouveau" in whatsapp_text(self.digest(), [])


class TestAdminDigests:
    def test_editors_see_the_digest_with_its_whatsapp_text(self, w, client):
        send_digests(Frequency.WEEKLY, NEXT_WEEK)
        digest = Digest.objects.get()
        list_url = reverse("alerts_digest_list")
        detail_url = reverse("alerts_digest_detail", args=[digest.pk])

        anonymous = client.get(detail_url)
        assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

        member = get_user_model().objects.create_user("membre", "m@example.org", PASSWORD)
        member.groups.add(member_group_for(w.org))
        client.force_login(member)
        for url in (list_url, detail_url):
            refused = client.get(url)  # Wagtail's refusal: back to the dashboard with a message
            assert refused.status_code == 302 and refused["Location"] == reverse(
                "wagtailadmin_home"
            )
        assert (
            "Lettres de nouveautés" not in client.get(reverse("wagtailadmin_home")).content.decode()
        )

        editor = get_user_model().objects.create_user("editrice", "e@example.org", PASSWORD)
        editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
        client.force_login(editor)
        listing = client.get(list_url).content.decode()
        assert detail_url in listing
        html = client.get(detail_url).content.decode()
        assert '<textarea id="whatsapp-text"' in html and "readonly" in html
        assert 'data-copy="whatsapp-text"' in html and "js/share" in html
        assert "Clubs d&#x27;adolescentes à Ségou" in html
        for title in w.hidden_titles:
            assert title not in html
        kayes = client.get(detail_url, {"communaute": w.kayes.pk}).content.decode()
        text = kayes.split('<textarea id="whatsapp-text"')[1].split("</textarea>")[0]
        assert "Caravane" in text and "Clubs" not in text
        for bad in ("abc", "9" * 40, str(w.draft.pk)):
            assert client.get(detail_url, {"communaute": bad}).status_code == 200
        assert client.get(detail_url, {"communaute": "\x00"}).status_code == 400
        assert client.get(reverse("alerts_digest_detail", args=[9 * 10**18])).status_code == 404
