"""The index follows the content (publish, unpublish, move, delete, privacy, documents,
glossary), the records, the commands and the admin screens of the search app."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from practices.models import MaterialLanguage, ToolDocument
from search.engines import FallbackEngine, SearchRequest, get_database_engine, get_engine
from search.glossary import glossary_case_sensitive_acronyms, glossary_synonym_rules
from search.models import DocumentText, GlossaryTerm, SearchEntry, SearchQueryStat
from search.records import record_for_page, records_for_pages

from .factories import (
    ThemeFactory,
    make_community,
    make_practice,
    make_tool,
    publish,
    publish_revision,
)


def found(query, **filters):
    response = get_database_engine().search(SearchRequest(query=query, filters=filters))
    return {hit.page_id for hit in response.hits}


# --- the index follows the pages ---------------------------------------------------------


def test_publish_unpublish_and_delete(site_tree):
    practice = make_practice(site_tree.practices, "Caravane de sensibilisation")
    assert practice.pk in found("caravane")
    practice.unpublish()
    assert practice.pk not in found("caravane")
    publish(practice)
    assert practice.pk in found("caravane")
    practice.delete()
    assert found("caravane") == set()
    assert not SearchEntry.objects.filter(page_id=practice.pk).exists()


def test_edits_are_searchable_once_published(site_tree):
    practice = make_practice(site_tree.practices, "Titre provisoire")
    practice.title = "Jardins maraîchers des femmes"
    practice.save_revision()  # a draft: the public index keeps the live version
    assert practice.pk not in found("maraichers")
    publish_revision(practice.get_latest_revision())
    assert practice.pk in found("maraichers")


def test_moving_a_page_updates_its_url(site_tree):
    tool = make_tool(
        site_tree.practices.get_parent()
        .specific.get_children()
        .type(type(site_tree.tools))
        .first()
        .specific,
        "Boîte à images",
    )
    from .factories import make_organization

    organization = make_organization(site_tree, "Association Benkadi")
    tool.move(organization, pos="last-child")
    response = get_database_engine().search(SearchRequest(query="boite images"))
    assert response.hits[0].url.startswith("/organisations/association-benkadi")


def test_private_pages_leave_the_index(site_tree):
    practice = make_practice(site_tree.practices, "Atelier réservé aux membres")
    assert practice.pk in found("atelier")
    restriction = PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.LOGIN
    )
    assert practice.pk not in found("atelier")
    restriction.delete()
    assert practice.pk in found("atelier")


# --- documents ------------------------------------------------------------------------


def _pdf(text):
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF".encode()
    )
    return out.getvalue()


def _docx(text):
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt(text):
    from odf import text as odf_text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.text.addElement(odf_text.P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("extension", "build"), [("pdf", _pdf), ("docx", _docx), ("odt", _odt)])
def test_text_of_attached_documents_is_found_and_follows_replacement(site_tree, extension, build):
    Document = get_document_model()
    document = Document.objects.create(
        title="Annexe",
        file=ContentFile(
            build("Grille de suivi des cantines scolaires"), name=f"annexe.{extension}"
        ),
    )
    assert "cantines" in DocumentText.objects.get(document=document).text
    tool = make_tool(site_tree.tools, "Outil de suivi")
    tool.documents = [
        ToolDocument(document=document, language=MaterialLanguage.objects.get(code="bm"))
    ]
    publish(tool)
    assert tool.pk in found("cantine")
    assert tool.pk in found("", language=("bm",))

    document.file = ContentFile(
        build("Registre des forages villageois"), name=f"nouveau.{extension}"
    )
    document.save()
    assert tool.pk not in found("cantine")
    assert tool.pk in found("forages")


def test_corrupt_document_keeps_the_page_searchable(site_tree):
    Document = get_document_model()
    document = Document.objects.create(
        title="Cassé", file=ContentFile(b"%PDF-1.4 not really", name="casse.pdf")
    )
    stored = DocumentText.objects.get(document=document)
    assert stored.text == ""
    tool = make_tool(site_tree.tools, "Outil avec pièce jointe cassée")
    tool.documents = [ToolDocument(document=document)]
    publish(tool)
    assert tool.pk in found("jointe")


# --- glossary ---------------------------------------------------------------------------


def test_initial_glossary_is_loaded_and_exported_for_elasticsearch(initial_data):
    assert GlossaryTerm.objects.filter(term="VBG").exists()
    rules = glossary_synonym_rules()
    assert any(rule.startswith("VBG, violences basées sur le genre") for rule in rules)
    vsla = next(rule for rule in rules if rule.startswith("VSLA"))
    assert "AVEC" not in vsla.split(", ")
    assert glossary_case_sensitive_acronyms() == {"AVEC": "VSLA", "EU": "UE"}
    assert "AVEC" in next(
        r for r in glossary_synonym_rules(include_case_sensitive=True) if r.startswith("VSLA")
    )


def test_editors_glossary_changes_apply_without_reindexing(site_tree):
    practice = make_practice(
        site_tree.practices, "Champs collectifs", summary="Les champs collectifs des femmes de Bla."
    )
    assert practice.pk not in found("parcelles")
    GlossaryTerm.objects.create(term="champ collectif", variants="parcelles communes\nparcelles")
    assert practice.pk in found("parcelles")


# --- records --------------------------------------------------------------------------


def test_record_carries_facets_and_text(site_tree):
    segou = make_community(site_tree)
    theme = ThemeFactory(name="Éducation des filles")
    tool = make_tool(
        site_tree.tools,
        "Guide des clubs",
        communities=[segou],
        themes=[theme],
        tags=["clubs scolaires"],
        year=2022,
        languages=[MaterialLanguage.objects.get(code="fr")],
    )
    record = record_for_page(tool)
    assert record["content_type"] == "tool"
    assert record["communities"] == [segou.pk] and record["themes"] == [theme.pk]
    assert record["tags"] == ["clubs-scolaires"] and record["languages"] == ["fr"]
    assert record["year"] == 2022 and record["url"] == tool.url
    assert record["summary"] == "Résumé de Guide des clubs."
    assert record["keywords"] == "clubs scolaires"


def test_facets_follow_a_republished_page(site_tree):
    segou = make_community(site_tree)
    kayes = make_community(site_tree, title="Kayes", region="Kayes")
    practice = make_practice(site_tree.practices, "Foyers améliorés", communities=[segou])
    assert practice.pk in found("foyers", community=[str(segou.pk)])
    practice.communities.set([kayes])
    publish(practice)
    assert practice.pk not in found("foyers", community=[str(segou.pk)])
    assert practice.pk in found("foyers", community=[str(kayes.pk)])
    response = get_database_engine().search(SearchRequest(query="foyers"))
    counts = {value.value: value.count for value in response.facets["community"]}
    assert counts.get(str(segou.pk), 0) == 0 and counts[str(kayes.pk)] == 1


def test_records_are_built_with_a_constant_number_of_queries(site_tree):
    segou = make_community(site_tree)
    pages = [make_tool(site_tree.tools, communities=[segou], tags=["a", "b"]) for _ in range(3)]
    pages += [make_practice(site_tree.practices, communities=[segou], tags=["c"]) for _ in range(3)]
    with CaptureQueriesContext(connection) as few:
        assert len(records_for_pages(pages)) == 6
    pages += [make_tool(site_tree.tools, communities=[segou], tags=["d"]) for _ in range(6)]
    pages += [make_practice(site_tree.practices, communities=[segou]) for _ in range(6)]
    with CaptureQueriesContext(connection) as many:
        assert len(records_for_pages(pages)) == 18
    assert len(many) == len(few)


def test_drafts_index_pages_and_home_have_no_record(site_tree):
    assert record_for_page(site_tree.home) is None
    assert record_for_page(site_tree.tools) is None


# --- commands ---------------------------------------------------------------------------


def test_search_index_update_and_check(site_tree, capsys):
    make_practice(site_tree.practices, "Pratique indexée")
    call_command("search_index", "check")
    assert "Index à jour" in capsys.readouterr().out
    SearchEntry.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("search_index", "check")
    call_command("search_index", "update")
    output = capsys.readouterr().out
    assert "pages indexées" in output and "pages/s" in output
    call_command("search_index", "rebuild")
    call_command("search_index", "check")


def test_generate_corpus_is_deterministic_and_searchable(site_tree, capsys):
    from wagtail.models import Page

    call_command("generate_corpus", pages=40, seed=7, index=True)
    first = list(
        Page.objects.filter(slug__startswith="corpus-")
        .order_by("slug")
        .values_list("title", flat=True)
    )
    assert len(first) == 40
    assert get_database_engine().search(SearchRequest(query="femmes")).total > 0
    assert SearchEntry.objects.filter(content_type="meeting").exists()
    Page.objects.filter(slug__startswith="corpus-").delete()
    call_command("generate_corpus", pages=40, seed=7)
    again = list(
        Page.objects.filter(slug__startswith="corpus-")
        .order_by("slug")
        .values_list("title", flat=True)
    )
    assert again == first


# --- engine selection -------------------------------------------------------------------


def test_database_engine_is_the_default(settings):
    settings.ELASTICSEARCH_URL = ""
    assert get_engine().name == "database"


def test_elasticsearch_is_wrapped_with_the_database_fallback(settings, monkeypatch):
    class Stub:
        name = "elasticsearch"

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    monkeypatch.setattr("search.engines.get_elasticsearch_engine", lambda: Stub())
    engine = get_engine()
    assert isinstance(engine, FallbackEngine) and engine.primary.name == "elasticsearch"


# --- admin ------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model, site_tree):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "motdepasse123")
    client.force_login(user)
    return client


def test_admin_reports_of_popular_and_zero_result_queries(admin_client):
    import datetime

    today = datetime.date.today()
    SearchQueryStat.objects.create(query="mariage", date=today, hits=12, zero_hits=0)
    SearchQueryStat.objects.create(query="mariaje", date=today, hits=3, zero_hits=3)
    popular = admin_client.get("/admin/reports/recherches-frequentes/").content.decode()
    assert "mariage" in popular and "12" in popular
    empty = admin_client.get("/admin/reports/recherches-sans-resultat/").content.decode()
    assert "mariaje" in empty and ">mariage<" not in empty


def test_admin_glossary_is_editable(admin_client):
    response = admin_client.get("/admin/snippets/search/glossaryterm/")
    assert response.status_code == 200
    assert "VBG" in response.content.decode()
