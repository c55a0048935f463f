"""Voice notes: a phone's recording becomes a small mono Opus file (or stays as uploaded, with
a message saying why), is checked by its bytes, plays under its page with its transcript,
is found by its transcript and language, and is sent only to whoever may see its page."""

import io
import json
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from cdp_portal.audio_uploads import MAX_AUDIO_BYTES, check_audio_upload
from events.models import MeetingVoiceNote
from home.models.safety import record_confirmation, valid_confirmation
from home.templatetags.portal_tags import human_size
from practices import audio
from practices.models import (
    AudioConversion,
    ConversionStatus,
    MaterialLanguage,
    PracticePage,
    PracticeVoiceNote,
    ToolVoiceNote,
)
from practices.templatetags.voice_tags import audio_duration
from search.engines import SearchRequest, get_database_engine

from .factories import (
    make_event_index,
    make_meeting,
    make_practice,
    make_tool,
    publish_revision,
)

FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(not FFMPEG, reason="ffmpeg is not installed (see .ci/run)")
TRANSCRIPT = (
    "Les femmes du groupement de Markala expliquent comment la caisse villageoise a payé "
    "les frais du certificat de mariage civil."
)
PDF = b"%PDF-1.4\n" + b"0" * 3000
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(3000)


@pytest.fixture(scope="session")
def phone_recording(tmp_path_factory):
    """Three seconds of a 440 Hz tone as a phone's M4A (AAC, stereo, 96 kb/s)."""
    if not FFMPEG:
        pytest.skip("ffmpeg is not installed (see .ci/run)")
    target = tmp_path_factory.mktemp("audio") / "note.m4a"
    subprocess.run(
        [FFMPEG, "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=3"]
        + ["-ac", "2", "-c:a", "aac", "-b:a", "96k", str(target)],
        check=True,
        timeout=60,
    )
    return target.read_bytes()


def probe(name):
    """codec, channels and duration of a stored file, by ffprobe."""
    with default_storage.open(name, "rb") as stored:
        path = stored.name
    output = subprocess.run(
        [shutil.which("ffprobe"), "-v", "error", "-print_format", "json"]
        + ["-show_streams", "-show_format", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(output)
    stream = data["streams"][0]
    return stream["codec_name"], stream["channels"], float(data["format"]["duration"])


def bambara():
    return MaterialLanguage.objects.get(code="bm")


def practice_with_note(parent, data, title="Caisse villageoise et mariage civil", **fields):
    note = PracticeVoiceNote(
        audio=ContentFile(data, name="PTT-20261201-WA0003.m4a"),
        language=bambara(),
        transcript=TRANSCRIPT,
    )
    return make_practice(parent, title=title, voice_notes=[note], **fields)


def conversion_of(page):
    note = PracticePage.objects.get(pk=page.pk).voice_notes.get()
    return note, AudioConversion.objects.get(source=note.audio.name)


def audio_address(page):
    note = PracticePage.objects.get(pk=page.pk).voice_notes.get()
    return reverse("voice_note_audio", args=[page.pk, note.file_name])


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editrice", "e@example.org", "x")


# --- Conversion ---------------------------------------------------------------------------


@needs_ffmpeg
def test_recording_becomes_a_smaller_mono_opus_with_its_duration(site_tree, phone_recording):
    practice = practice_with_note(site_tree.practices, phone_recording)
    _note, conversion = conversion_of(practice)
    assert conversion.status == ConversionStatus.CONVERTED
    codec, channels, duration = probe(conversion.converted.name)
    assert (codec, channels) == ("opus", 1)
    assert duration == pytest.approx(3.0, abs=0.15)
    assert conversion.duration == pytest.approx(3.0, abs=0.15)
    assert conversion.size == conversion.converted.size < len(phone_recording) / 2
    assert conversion.source_kind == "mp4"


@needs_ffmpeg
def test_page_plays_the_opus_copy_with_duration_size_and_transcript(
    client, site_tree, phone_recording
):
    practice = practice_with_note(site_tree.practices, phone_recording)
    _note, conversion = conversion_of(practice)
    html = client.get(practice.url).content.decode()
    assert '<audio controls preload="none"' in html
    assert f'<source src="{audio_address(practice)}" type="audio/ogg">' in html
    assert "En Bambara" in html
    assert "3\xa0s" in html
    assert f"3\xa0s · {human_size(conversion.size)})" in html  # « 3 s · 7,8 ko »
    # the transcript right under the player
    player_end = html.index("</audio>")
    assert html.index("caisse villageoise", player_end) - player_end < 400
    response = client.get(audio_address(practice))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/ogg"
    assert response["Content-Disposition"].endswith('.opus"')
    whole = b"".join(response.streaming_content)
    assert whole.startswith(b"OggS") and len(whole) == conversion.size


@needs_ffmpeg
def test_players_may_ask_for_part_of_the_file(client, site_tree, phone_recording):
    """Browsers read an Ogg file's duration at its end, and seek, with Range requests."""
    practice = practice_with_note(site_tree.practices, phone_recording)
    _note, conversion = conversion_of(practice)
    size = conversion.size
    address = audio_address(practice)
    head = client.get(address, headers={"Range": "bytes=0-3"})
    assert head.status_code == 206
    assert head.content == b"OggS"
    assert head["Content-Range"] == f"bytes 0-3/{size}"
    tail = client.get(address, headers={"Range": "bytes=-10"})
    assert tail["Content-Range"] == f"bytes {size - 10}-{size - 1}/{size}"
    assert len(tail.content) == 10
    beyond = client.get(address, headers={"Range": f"bytes={size + 5}-"})
    assert beyond.status_code == 416
    for unreadable in ("bytes=a-b", "bytes=0-1,5-6", "octets=0-1", "bytes=99999999999999999999-"):
        response = client.get(address, headers={"Range": unreadable})
        assert response.status_code in (200, 416), unreadable


@needs_ffmpeg
def test_the_edit_view_says_what_the_conversion_did(client, site_tree, editor, phone_recording):
    practice = practice_with_note(site_tree.practices, phone_recording)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[practice.pk])).content.decode()
    assert "Convertie en Opus\xa0: 3\xa0s," in html
    assert "à l&#x27;envoi" in html
    # the current file links to the address that checks access, not to its storage
    assert f'href="{audio_address(practice)}"' in html
    assert 'href="/media/voice_notes/' not in html


def test_without_ffmpeg_the_original_is_kept_served_and_explained(
    client, site_tree, editor, monkeypatch
):
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    recording = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + bytes(4000)
    practice = practice_with_note(site_tree.practices, recording)
    _note, conversion = conversion_of(practice)
    assert conversion.status == ConversionStatus.ORIGINAL
    assert "ffmpeg n'est pas installé" in conversion.message
    response = client.get(audio_address(practice))
    assert response["Content-Type"] == "audio/mp4"
    assert b"".join(response.streaming_content) == recording
    assert "ffmpeg" not in client.get(practice.url).content.decode()  # visitors see a player

    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[practice.pk])
    form_page = client.get(edit).content.decode()
    assert "Original conservé\xa0: ffmpeg n&#x27;est pas installé" in form_page
    data = querydict_from_html(form_page, form_id="page-edit-form")
    data["result_figures-count"] = "0"
    response = client.post(edit, data, follow=True)
    assert "ffmpeg n&#x27;est pas installé sur le serveur" in response.content.decode()


@needs_ffmpeg
def test_a_recording_ffmpeg_cannot_read_is_kept_with_the_reason(site_tree):
    # begins like an MP3 frame, but nothing follows
    practice = practice_with_note(site_tree.practices, b"\xff\xfb\x90\x00" + bytes(2000))
    _note, conversion = conversion_of(practice)
    assert conversion.status == ConversionStatus.ORIGINAL
    assert "ffmpeg n'a pas pu convertir" in conversion.message


def run_convert_voice_notes(*args):
    """(stdout, stderr, the CommandError's message or '') of ``convert_voice_notes``."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("convert_voice_notes", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), ""


@needs_ffmpeg
def test_notes_kept_while_ffmpeg_was_missing_are_converted_later(
    site_tree, phone_recording, monkeypatch
):
    with monkeypatch.context() as patch:
        patch.setattr(audio.shutil, "which", lambda name: None)
        good = practice_with_note(site_tree.practices, phone_recording)
        bad = practice_with_note(
            site_tree.practices, b"\xff\xfb\x90\x00" + bytes(2000), title="Sans son"
        )
    good_note, conversion = conversion_of(good)
    bad_note, _ = conversion_of(bad)
    assert conversion.status == ConversionStatus.ORIGINAL

    out, err, error = run_convert_voice_notes()
    _, conversion = conversion_of(good)
    assert conversion.status == ConversionStatus.CONVERTED
    assert probe(conversion.converted.name)[:2] == ("opus", 1)
    assert f"{good_note.audio.name} : 3\xa0s, " in out and "/2  " in out and "notes/s" in out
    assert f"{bad_note.audio.name} : ÉCHEC, ffmpeg n'a pas pu convertir" in err
    assert "1/2 convertie, 1 en échec" in error and bad_note.audio.name in error

    # Only what is still unconverted is tried again.
    out, err, error = run_convert_voice_notes()
    assert good_note.audio.name not in out + err and "0/1 convertie," in error

    # --all converts every note again; the earlier Opus copy does not stay behind.
    first_copy = conversion.converted.name
    out, err, error = run_convert_voice_notes("--all")
    _, conversion = conversion_of(good)
    assert conversion.is_converted and f"{good_note.audio.name} : 3\xa0s, " in out
    assert "1/2 convertie," in error
    assert conversion.converted.name != first_copy and not default_storage.exists(first_copy)
    assert default_storage.exists(conversion.converted.name)


def test_convert_voice_notes_without_ffmpeg_says_so_and_changes_nothing(site_tree, monkeypatch):
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    recording = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + bytes(4000)
    practice = practice_with_note(site_tree.practices, recording)
    note, before = conversion_of(practice)
    out, err, error = run_convert_voice_notes()
    assert f"{note.audio.name} : non convertie (ffmpeg ou ffprobe introuvable)" in err
    assert "0/1 convertie, 1 en attente" in error and "ffmpeg n'est pas installé" in error
    _, after = conversion_of(practice)
    assert (after.status, after.updated_at) == (ConversionStatus.ORIGINAL, before.updated_at)


def test_convert_voice_notes_with_nothing_to_do(site_tree):
    out, err, error = run_convert_voice_notes()
    assert (out.strip(), err, error) == ("Notes vocales : aucune à convertir.", "", "")


# --- Upload checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("note.opus", PDF),
        ("PTT-20261201-WA0003.opus", EXE),
        ("note.m4a", b"<html><script>alert(1)</script></html>" + b" " * 200),
        ("note.mp3", b""),
    ],
)
def test_anything_but_a_recording_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError) as refused:
        check_audio_upload(SimpleUploadedFile(name, data))
    assert "enregistrement audio" in str(refused.value) or "vide" in str(refused.value)


def test_a_recording_over_the_limit_is_refused():
    big = SimpleUploadedFile("long.ogg", b"OggS" + bytes(MAX_AUDIO_BYTES))
    with pytest.raises(ValidationError, match="trop lourd"):
        check_audio_upload(big)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"OggS\x00\x02" + bytes(100), "ogg"),
        (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00" + bytes(100), "mp4"),
        (b"\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00" + bytes(100), "mp4"),
        (b"ID3\x04\x00" + bytes(100), "mp3"),
        (b"#!AMR\n" + bytes(100), "amr"),
    ],
)
def test_phone_recordings_are_accepted_by_their_bytes(data, kind):
    assert check_audio_upload(SimpleUploadedFile("sans-extension", data)) == kind


def test_admin_refuses_a_renamed_file_with_a_clear_message(client, site_tree, editor):
    practice = make_practice(site_tree.practices, title="Pratique sans note")
    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[practice.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data["result_figures-count"] = "0"
    data["voice_notes-TOTAL_FORMS"] = "1"
    data.update(
        {
            "voice_notes-0-id": "",
            "voice_notes-0-ORDER": "1",
            "voice_notes-0-DELETE": "",
            "voice_notes-0-language": str(bambara().pk),
            "voice_notes-0-transcript": TRANSCRIPT,
        }
    )
    files = {"voice_notes-0-audio": SimpleUploadedFile("note.opus", EXE)}
    response = client.post(edit, {**data.dict(), **files})
    assert response.status_code == 200  # the form again, with the error
    assert "n&#x27;est pas un enregistrement audio" in response.content.decode()
    assert not AudioConversion.objects.exists()
    assert not PracticePage.objects.get(pk=practice.pk).voice_notes.exists()


# --- Search -------------------------------------------------------------------------------


def test_transcript_is_searchable_and_language_is_a_facet(site_tree):
    recording = b"OggS\x00\x02" + bytes(3000)  # converted or not, the text is what matters
    practice = practice_with_note(site_tree.practices, recording)
    engine = get_database_engine()
    found = engine.search(SearchRequest(query="certificat mariage civil"))
    assert practice.pk in {hit.page_id for hit in found.hits}
    languages = {value.value: value.count for value in found.facets["language"]}
    assert languages == {"bm": 1}
    by_language = engine.search(SearchRequest(query="", filters={"language": ("bm",)}))
    assert {hit.page_id for hit in by_language.hits} == {practice.pk}
    assert not engine.search(SearchRequest(query="", filters={"language": ("ff",)})).hits


def test_tools_and_meetings_play_and_index_their_notes_too(client, site_tree):
    def note(text):
        return {
            "audio": ContentFile(b"OggS\x00\x02" + bytes(3000), name="note.ogg"),
            "language": MaterialLanguage.objects.get(code="snk"),
            "transcript": text,
        }

    tool = make_tool(
        site_tree.tools,
        title="Guide d'animation",
        voice_notes=[ToolVoiceNote(**note("Présentation du guide par une animatrice de Nioro."))],
    )
    meeting = make_meeting(
        make_event_index(site_tree),
        title="Rencontre semestrielle",
        voice_notes=[MeetingVoiceNote(**note("Synthèse des échanges du groupe de Diéma."))],
    )
    for page, words in ((tool, "animatrice de Nioro"), (meeting, "groupe de Diéma")):
        html = client.get(page.url).content.decode()
        assert '<audio controls preload="none"' in html and words in html
        assert "En Soninké" in html
    engine = get_database_engine()
    assert {hit.page_id for hit in engine.search(SearchRequest(query="Nioro")).hits} == {tool.pk}
    assert {hit.page_id for hit in engine.search(SearchRequest(query="Diéma")).hits} == {meeting.pk}
    soninke = engine.search(SearchRequest(query="", filters={"language": ("snk",)}))
    assert {hit.page_id for hit in soninke.hits} == {tool.pk, meeting.pk}


# --- Privacy ------------------------------------------------------------------------------


def test_a_restricted_or_draft_page_keeps_its_recording(client, site_tree, editor):
    recording = b"OggS\x00\x02" + bytes(3000)
    public = practice_with_note(site_tree.practices, recording, title="Publique")
    assert client.get(audio_address(public)).status_code == 200

    private = practice_with_note(site_tree.practices, recording, title="Réservée")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert client.get(audio_address(private)).status_code == 404
    assert client.get(audio_address(public)).status_code == 200

    unpublished = practice_with_note(site_tree.practices, recording, title="Dépubliée")
    PracticePage.objects.get(pk=unpublished.pk).unpublish()
    assert client.get(audio_address(unpublished)).status_code == 404

    member = get_user_model().objects.create_user("membre", "m@example.org", "x")
    client.force_login(member)
    assert client.get(audio_address(private)).status_code == 200  # logged in: the page's rule
    assert client.get(audio_address(unpublished)).status_code == 404
    client.force_login(editor)
    assert client.get(audio_address(unpublished)).status_code == 200


def test_a_note_only_in_a_draft_revision_is_not_served_to_visitors(client, site_tree, editor):
    practice = make_practice(site_tree.practices, title="Pratique en révision")
    revised = PracticePage.objects.get(pk=practice.pk)
    revised.voice_notes = [
        PracticeVoiceNote(
            audio=ContentFile(b"OggS\x00\x02" + bytes(3000), name="brouillon.ogg"),
            language=bambara(),
            transcript="Pas encore relue.",
        )
    ]
    revision = revised.save_revision()
    name = revision.content["voice_notes"][0]["audio"]
    assert AudioConversion.objects.filter(source=name).exists()  # converted from the revision
    address = reverse("voice_note_audio", args=[practice.pk, name.rsplit("/", 1)[-1]])
    assert client.get(address).status_code == 404
    assert "brouillon" not in client.get(practice.url).content.decode()
    client.force_login(editor)
    assert client.get(address).status_code == 200


def voice_note(model, transcript, name="note.ogg"):
    return model(
        audio=ContentFile(b"OggS\x00\x02" + bytes(3000), name=name),
        language=bambara(),
        transcript=transcript,
    )


def test_the_api_and_open_data_list_the_notes_of_public_pages_only(client, site_tree):
    """Language, transcript, the address that checks access, size; never a note of a
    restricted or unpublished page, nor one that exists only in a draft revision."""
    public = make_practice(
        site_tree.practices,
        title="Publique",
        voice_notes=[voice_note(PracticeVoiceNote, "Note publique de Markala.")],
    )
    revised = PracticePage.objects.get(pk=public.pk)
    revised.voice_notes.add(voice_note(PracticeVoiceNote, "Note en brouillon.", "draft.ogg"))
    revised.save_revision()
    private = make_practice(
        site_tree.practices,
        title="Réservée",
        voice_notes=[voice_note(PracticeVoiceNote, "Note réservée aux membres.")],
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unpublished = make_practice(
        site_tree.practices,
        title="Dépubliée",
        voice_notes=[voice_note(PracticeVoiceNote, "Note dépubliée.")],
    )
    PracticePage.objects.get(pk=unpublished.pk).unpublish()
    tool = make_tool(site_tree.tools, voice_notes=[voice_note(ToolVoiceNote, "Note de l'outil.")])
    meeting = make_meeting(
        make_event_index(site_tree),
        voice_notes=[voice_note(MeetingVoiceNote, "Note de la rencontre.")],
    )

    [note] = client.get(f"/api/v2/pages/{public.pk}/").json()["voice_notes"]
    assert note["language"] == {"code": "bm", "name": bambara().name}
    assert note["transcript"] == "Note publique de Markala."
    assert note["audio_url"].endswith(audio_address(public))
    assert (note["content_type"], note["file_size"]) == ("audio/ogg", 3006)
    assert client.get(audio_address(public)).status_code == 200
    for page, transcript in ((tool, "Note de l'outil."), (meeting, "Note de la rencontre.")):
        [note] = client.get(f"/api/v2/pages/{page.pk}/").json()["voice_notes"]
        assert note["transcript"] == transcript

    listing = client.get(
        "/api/v2/pages/", {"type": "practices.PracticePage", "fields": "voice_notes"}
    ).json()
    notes = {item["title"]: item["voice_notes"] for item in listing["items"]}
    assert [n["transcript"] for n in notes["Publique"]] == ["Note publique de Markala."]
    assert "Réservée" not in notes and "Dépubliée" not in notes
    everything = json.dumps(listing, ensure_ascii=False)
    for hidden in ("brouillon", "réservée", "dépubliée"):
        assert hidden not in everything.lower()
    for page in (private, unpublished):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert client.get(audio_address(page)).status_code == 404

    exported = {}
    for slug in ("pratiques", "outils", "rencontres"):
        response = client.get(reverse("open_data_json", args=[slug]))
        document = json.loads(b"".join(response.streaming_content))  # a streamed file
        exported.update({row["title"]: row["voice_notes"] for row in document["rows"]})
    assert [url.removeprefix("http://localhost") for url in exported["Publique"]] == [
        audio_address(public)
    ]
    assert len(exported[tool.title]) == len(exported[meeting.title]) == 1
    assert "Réservée" not in exported and "Dépubliée" not in exported


@pytest.mark.parametrize(
    "address",
    [
        "/audio/999999/note.ogg",
        "/audio/-1/-1",
        "/audio/99999999999999999999999/note.ogg",
        "/audio/1/..%2F..%2Fsettings.py",
        "/audio/1/note%00.ogg",
    ],
)
def test_unknown_or_malformed_addresses_are_not_found(client, site_tree, address):
    assert client.get(address).status_code in (400, 404)  # never a redirect nor a 500


# --- Storage -----------------------------------------------------------------------------


def stored(name):
    return default_storage.exists(name)


def test_a_note_removed_in_the_admin_leaves_the_storage_once_published(
    client, site_tree, editor, django_capture_on_commit_callbacks
):
    practice = make_practice(
        site_tree.practices,
        title="Pratique aux deux notes",
        voice_notes=[
            voice_note(PracticeVoiceNote, "À garder.", "garder.ogg"),
            voice_note(PracticeVoiceNote, "Voix d'une survivante.", "retirer.ogg"),
        ],
    )
    kept, removed = PracticePage.objects.get(pk=practice.pk).voice_notes.all()
    assert stored(kept.audio.name) and stored(removed.audio.name)
    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[practice.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data["result_figures-count"] = "0"
    assert data["voice_notes-1-transcript"].strip() == "Voix d'une survivante."
    data["voice_notes-1-DELETE"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, data).status_code == 302
    assert stored(removed.audio.name)  # the page still plays it until the draft is published
    with django_capture_on_commit_callbacks(execute=True):
        publish_revision(PracticePage.objects.get(pk=practice.pk).latest_revision)
    assert [n.transcript for n in PracticePage.objects.get(pk=practice.pk).voice_notes.all()] == [
        "À garder."
    ]
    assert not stored(removed.audio.name)
    assert not AudioConversion.objects.filter(source=removed.audio.name).exists()
    assert stored(kept.audio.name)
    assert client.get(audio_address(practice)).status_code == 200


def test_a_deleted_page_takes_its_recordings_and_opus_copies_away_unless_still_named(
    site_tree, django_capture_on_commit_callbacks
):
    practice = make_practice(
        site_tree.practices,
        voice_notes=[
            voice_note(PracticeVoiceNote, "Une.", "une.ogg"),
            voice_note(PracticeVoiceNote, "Deux.", "deux.ogg"),
        ],
    )
    first, second = PracticePage.objects.get(pk=practice.pk).voice_notes.all()
    copy = default_storage.save("voice_notes/opus/une.opus", ContentFile(b"OggS" + bytes(100)))
    AudioConversion.objects.filter(source=first.audio.name).update(
        status=ConversionStatus.CONVERTED, converted=copy
    )
    # A tool names the second recording too: it stays as long as the tool's note does.
    tool = make_tool(
        site_tree.tools,
        voice_notes=[ToolVoiceNote(audio=second.audio.name, language=bambara(), transcript="Id.")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        PracticePage.objects.get(pk=practice.pk).delete()
    assert not stored(first.audio.name) and not stored(copy)
    assert not AudioConversion.objects.filter(source=first.audio.name).exists()
    assert stored(second.audio.name)
    with django_capture_on_commit_callbacks(execute=True):
        tool.voice_notes.get().delete()
    assert not stored(second.audio.name)


def test_a_new_upload_replaces_the_old_file_which_a_draft_may_still_keep(
    site_tree, django_capture_on_commit_callbacks
):
    practice = make_practice(
        site_tree.practices, voice_notes=[voice_note(PracticeVoiceNote, "V1.", "v1.ogg")]
    )
    note = PracticePage.objects.get(pk=practice.pk).voice_notes.get()
    first = note.audio.name
    with django_capture_on_commit_callbacks(execute=True):
        note.audio = ContentFile(b"OggS\x00\x02" + bytes(3000), name="v2.ogg")
        note.save()
    assert not stored(first) and stored(note.audio.name)
    # A draft waiting for publication still names the second file: replacing it keeps it.
    PracticePage.objects.get(pk=practice.pk).save_revision()
    second = note.audio.name
    with django_capture_on_commit_callbacks(execute=True):
        note.audio = ContentFile(b"OggS\x00\x02" + bytes(3000), name="v3.ogg")
        note.save()
    assert stored(second) and stored(note.audio.name)


def test_a_note_only_a_draft_had_leaves_when_a_newer_draft_drops_it(
    client, site_tree, editor, django_capture_on_commit_callbacks
):
    practice = make_practice(site_tree.practices, title="Pratique en brouillon")
    revised = PracticePage.objects.get(pk=practice.pk)
    revised.voice_notes = [voice_note(PracticeVoiceNote, "Essai.", "essai.ogg")]
    with django_capture_on_commit_callbacks(execute=True):
        name = revised.save_revision().content["voice_notes"][0]["audio"]
    assert stored(name)
    with django_capture_on_commit_callbacks(execute=True):
        PracticePage.objects.get(pk=practice.pk).save_revision()  # the live content: no note
    assert not stored(name)
    assert not AudioConversion.objects.filter(source=name).exists()


# --- Safety review and formatting ---------------------------------------------------------


def test_the_safety_review_asks_about_recordings(site_tree):
    practice = make_practice(site_tree.practices, title="À relire")
    revision = PracticePage.objects.get(pk=practice.pk).save_revision()
    checks = {"no_identifiable_person": True, "photo_consent": True, "sources_cited": True}
    record_confirmation(revision, **checks)
    assert valid_confirmation(revision) is None
    record_confirmation(revision, audio_safe=True, **checks)
    assert valid_confirmation(revision) is not None


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, ""),
        (0.2, "1\xa0s"),
        (45.4, "45\xa0s"),
        (65, "1\xa0min\xa005\xa0s"),
        (3725, "1\xa0h\xa002\xa0min"),
    ],
)
def test_durations_read_the_french_way(seconds, text):
    assert audio_duration(seconds) == text
