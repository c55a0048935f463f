def test_home_page_renders_with_quick_exit(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quitter ce site" in html
    assert 'href="/sortie-rapide/"' in html
    assert 'lang="fr"' in html


def test_unknown_page_is_a_french_404(client, site_tree):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
