"""A member on a 360 px phone goes through the « Proposer une pratique » form in Chromium.

Apart from tests/test_contribution.py: its module-wide data sits in a transaction that a
live-server test (which flushes the database) must not share."""

import pytest
from django.contrib.auth import get_user_model

from home.member_spaces import member_group_for
from home.workflows import ensure_default_workflow
from practices.models import PracticePage

from .factories import make_organization
from .test_contribution import PASSWORD, PRACTICE_URL


@pytest.mark.browser
def test_a_member_on_a_phone_gets_through_the_form(live_tree, browser_page):
    org = make_organization(live_tree, title="Association APROFEM", acronym="APROFEM")
    ensure_default_workflow()
    member = get_user_model().objects.create_user("awa", "awa@example.org", PASSWORD)
    member.groups.add(member_group_for(org))
    phone = browser_page
    phone.goto(live_tree.url + PRACTICE_URL)
    phone.fill("#id_username", "awa")
    phone.fill("#id_password", PASSWORD)
    with phone.expect_navigation():
        phone.click("button[type=submit]")
    assert phone.url == live_tree.url + PRACTICE_URL
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_label("Résumé").fill("Une caravane a parcouru six communes.")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Envoyer pour relecture").click()
    summary = phone.get_by_role("alert")
    assert "Titre\xa0: Champ requis." in summary.inner_text()
    assert phone.get_by_label("Résumé").input_value() == "Une caravane a parcouru six communes."
    summary.get_by_role("link", name="Titre\xa0: Champ requis.").click()
    assert phone.evaluate("document.activeElement.id") == "id_title"

    phone.get_by_label("Titre").fill("Caravane de sensibilisation")
    phone.get_by_label("Ce qui a été fait").fill("Des causeries dans chaque commune.")
    phone.get_by_label("J'ai vérifié", exact=False).check()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Envoyer pour relecture").click()
    assert phone.get_by_role("heading", level=1).inner_text() == (
        "Merci\xa0: votre proposition attend sa relecture"
    )
    practice = PracticePage.objects.get(title="Caravane de sensibilisation")
    assert practice.get_parent().pk == org.pk and not practice.live
