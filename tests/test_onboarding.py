"""Adding a member organisation (command and admin view): its draft page, its space, and the
first member's e-mailed link to choose a password."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from home.member_spaces import member_group_for
from home.models import OrganizationPage
from home.workflows import EDITORS_GROUP

from .factories import make_community, make_organization, root_page

BASE_URL = "https://portail.example.org"
NEW_PASSWORD = "Un-mot-de-passe-bien-a-moi-2026"


def add_member(**options):
    arguments = {
        "name": "Réseau des femmes de Kita",
        "acronym": "RFK",
        "email": "awa@example.org",
        "kind": "ngo",
        **options,
    }
    output = io.StringIO()
    call_command(
        "add_member_organisation", *[f"--{k}={v}" for k, v in arguments.items()], stdout=output
    )
    return output.getvalue()


def state():
    """What the flow may create, counted."""
    return {
        "organisations": OrganizationPage.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "mails": len(mail.outbox),
    }


def invitation_link(message):
    links = re.findall(r"https?://\S+/compte/mot-de-passe/\S+/", message.body)
    assert len(links) == 1, message.body
    return links[0]


def choose_password(client, link):
    """Follow the e-mailed link as the invited member and choose a password."""
    response = client.get(link.removeprefix(BASE_URL), follow=True)
    assert response.status_code == 200
    assert "Choisir votre mot de passe" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


@pytest.fixture
def directory(site_tree, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    site_tree.segou = make_community(site_tree, title="Ségou", region="Ségou", slug="segou")
    return site_tree


class TestCommand:
    def test_creates_a_draft_page_its_space_and_invites_the_member(self, directory, client):
        output = add_member(community="segou")
        organisation = OrganizationPage.objects.get(acronym="RFK")
        assert organisation.get_parent().pk == directory.organizations.pk
        assert not organisation.live and organisation.latest_revision is not None
        assert list(organisation.communities.all()) == [directory.segou]
        assert "brouillon" in output and "relecture" in output
        group = member_group_for(organisation)
        assert set(
            GroupPagePermission.objects.filter(group=group, page=organisation).values_list(
                "permission__codename", flat=True
            )
        ) == {"add_page", "change_page"}
        assert GroupCollectionPermission.objects.filter(
            group=group, collection__name="RFK", permission__codename="add_document"
        ).exists()
        user = get_user_model().objects.get(email="awa@example.org")
        assert list(user.groups.all()) == [group]
        assert not user.has_usable_password()

        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["awa@example.org"]
        assert "Réseau des femmes de Kita" in message.subject
        link = invitation_link(message)
        assert link.startswith(BASE_URL + "/compte/mot-de-passe/")
        assert "mot de passe" in message.body and "awa@example.org" in message.body

        response = choose_password(client, link)
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        response = client.post(
            reverse("wagtailadmin_login"), {"username": "awa@example.org", "password": NEW_PASSWORD}
        )
        assert response.status_code == 302
        assert (
            client.get(reverse("wagtailadmin_pages:edit", args=[organisation.pk])).status_code
            == 200
        )

    def test_the_link_works_once(self, directory, client):
        add_member()
        link = invitation_link(mail.outbox[0])
        choose_password(client, link)
        client.logout()
        response = client.get(link.removeprefix(BASE_URL), follow=True)
        assert "plus valable" in response.content.decode()
        assert "new_password1" not in response.content.decode()

    def test_running_it_again_completes_and_duplicates_nothing(self, directory, client):
        add_member()
        before = state()
        output = add_member(name="réseau des femmes de kita")  # same organisation
        after = state()
        # The member has not chosen a password yet: the invitation is sent again.
        assert after == {**before, "mails": before["mails"] + 1}
        assert "renvoyée" in output
        choose_password(client, invitation_link(mail.outbox[-1]))
        output = add_member()
        assert state() == {**after}
        assert "Aucune invitation" in output

    def test_an_organisation_that_lost_its_group_gets_it_back(self, directory):
        organisation = make_organization(directory, title="Association Benkadi", acronym="AB")
        member_group_for(organisation).delete()
        add_member(name="Association Benkadi", acronym="AB", email="fatou@example.org")
        group = member_group_for(organisation)
        assert group is not None
        assert OrganizationPage.objects.filter(acronym="AB").count() == 1
        assert get_user_model().objects.get(email="fatou@example.org").groups.get() == group

    @pytest.mark.parametrize("email", ["awa-at-example.org", "awa@", "", "a" * 150 + "@ex.org"])
    def test_a_bad_email_changes_nothing(self, directory, email):
        before = state()
        with pytest.raises(CommandError) as error:
            add_member(email=email)
        assert "adresse" in str(error.value)
        assert state() == before

    def test_an_existing_account_of_someone_else_changes_nothing(self, directory):
        other = make_organization(directory, title="Réseau de Kayes", acronym="RK")
        user = get_user_model().objects.create_user("awa", "Awa@example.org", NEW_PASSWORD)
        user.groups.add(member_group_for(other))
        before = state()
        with pytest.raises(CommandError) as error:
            add_member()
        message = str(error.value)
        assert "awa@example.org" in message and "«\xa0awa\xa0»" in message
        assert "autre adresse" in message
        assert state() == before
        assert user.groups.get() == member_group_for(other)

    @pytest.mark.parametrize(
        ("name", "acronym", "says"),
        [
            (
                "Réseau des femmes de Kita",
                "RK",
                "«\xa0RK\xa0» est déjà celui de «\xa0Réseau de Kayes\xa0»",
            ),
            ("Réseau de Kayes", "RDK", "existe déjà avec le sigle «\xa0RK\xa0»"),
        ],
    )
    def test_a_sigle_of_another_organisation_changes_nothing(self, directory, name, acronym, says):
        make_organization(directory, title="Réseau de Kayes", acronym="RK")
        before = state()
        with pytest.raises(CommandError) as error:
            add_member(name=name, acronym=acronym)
        assert says in str(error.value)
        assert state() == before

    def test_a_failed_email_says_so_and_the_next_run_sends_it(self, directory, monkeypatch):
        def refuse(*args, **kwargs):
            raise ConnectionRefusedError("serveur SMTP injoignable")

        monkeypatch.setattr("home.onboarding.send_mail", refuse)
        with pytest.raises(CommandError) as error:
            add_member()
        assert "serveur SMTP injoignable" in str(error.value) and "EMAIL_URL" in str(error.value)
        monkeypatch.undo()
        before = state()
        add_member()
        assert state() == {**before, "mails": before["mails"] + 1}
        assert mail.outbox[-1].to == ["awa@example.org"]

    def test_an_unknown_community_changes_nothing(self, directory):
        before = state()
        with pytest.raises(CommandError) as error:
            add_member(community="tombouctou")
        assert "tombouctou" in str(error.value) and "segou" in str(error.value)
        assert state() == before


# --- The admin view ----------------------------------------------------------------------------

URL = "/admin/organisations/ajouter-membre/"
FORM = {
    "name": "Réseau des femmes de Kita",
    "acronym": "RFK",
    "kind": "ngo",
    "community": "",
    "email": "awa@example.org",
}


def admin_user(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", NEW_PASSWORD)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def editor(directory):
    """An editor as Wagtail's « Éditeurs » group makes one: add and change from the root."""
    group = Group.objects.get_or_create(name=EDITORS_GROUP)[0]
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root_page(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return admin_user("editrice", group)


@pytest.fixture
def member(directory):
    organisation = make_organization(directory, title="Réseau de Kayes", acronym="RK")
    return admin_user("membre", member_group_for(organisation))


def test_url_of_the_view():
    assert reverse("add_member_organisation") == URL


def test_anonymous_visitors_are_sent_to_the_login(directory, client):
    before = state()
    for response in (client.get(URL), client.post(URL, FORM)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert state() == before


def test_a_member_can_neither_see_nor_use_it(member, client):
    client.force_login(member)
    assert "Ajouter une organisation membre" not in client.get("/admin/").content.decode()
    before = state()
    for response in (client.get(URL), client.post(URL, FORM)):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert state() == before


def test_an_editor_adds_an_organisation_and_its_member_is_invited(editor, client):
    client.force_login(editor)
    assert "Ajouter une organisation membre" in client.get("/admin/").content.decode()
    assert client.get(URL).status_code == 200
    response = client.post(URL, {**FORM, "community": directory_segou_pk()})
    organisation = OrganizationPage.objects.get(acronym="RFK")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[organisation.pk])
    assert not organisation.live
    assert organisation.communities.get().slug == "segou"
    assert member_group_for(organisation).user_set.get().email == "awa@example.org"
    assert len(mail.outbox) == 1
    assert invitation_link(mail.outbox[0]).startswith(BASE_URL)


def directory_segou_pk():
    from home.models import CommunityPage

    return CommunityPage.objects.get(slug="segou").pk


def test_the_editor_sees_what_to_fix_and_nothing_is_created(editor, client):
    get_user_model().objects.create_user("awa", "awa@example.org", NEW_PASSWORD)
    client.force_login(editor)
    before = state()
    response = client.post(URL, {**FORM, "email": "pas-une-adresse"})
    assert response.status_code == 200
    assert "Réseau des femmes de Kita" in response.content.decode()  # what was typed stays
    response = client.post(URL, FORM)
    assert response.status_code == 200
    assert "Un compte existe déjà" in response.content.decode()
    assert state() == before
