"""Hostile files sent to the evidence form, as a browser (or a script) would send them: each
is refused with a message that says what to do, the words typed beside it are kept, nothing
is stored, and the server's memory stays bounded while it decides (issue 12, finding 2).

The files are made in tests/hostile.py."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from rosette.applications import services, uploads
from rosette.applications.models import Answer, Application, Attachment
from rosette.catalogue.models import Issuer
from tests import hostile

from .test_views import edit_url, form_data

pytestmark = pytest.mark.django_db

# What deciding may cost, whatever the file: the request, the page and the checks. A zip
# bomb read whole cost hundreds of MB.
MEMORY_BOUND = 24 * hostile.MB

SAFELY = "could not be checked safely"
HIDDEN = "has another file (an archive) hidden inside it"
NOT_A_DOCUMENT = "The file must be a PDF, Word (DOCX), OpenDocument text (ODT), PNG or JPEG file."


def _zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ATTACHMENTS = [
    pytest.param(
        "handout.docx",
        hostile.docx_with_a_bomb_for_a_mimetype,
        "part of it expands to far more than its size",
        id="zip-bomb-read-as-mimetype",
    ),
    pytest.param(
        "handout.docx",
        hostile.docx_with_a_bomb_inside,
        "part of it expands to far more than its size",
        id="zip-bomb-inside",
    ),
    pytest.param(
        "handout.odt",
        hostile.odt_whose_mimetype_lies_about_its_size,
        SAFELY,
        id="zip-sizes-that-lie",
    ),
    pytest.param(
        "handout.docx",
        hostile.zip_with_too_many_members,
        "it holds more than 2,000 files inside",
        id="zip-too-many-members",
    ),
    pytest.param(
        "handout.docx", hostile.zip_claiming_zip64_sizes, "ZIP64", id="zip-claiming-zip64"
    ),
    pytest.param("photo.png", hostile.png_bomb, "which is too large to accept", id="png-bomb"),
    pytest.param("photo.jpg", hostile.jpeg_bomb, "too large to accept", id="jpeg-bomb"),
    pytest.param("photo.png", hostile.png_with_a_zip_after_it, HIDDEN, id="polyglot-png-zip"),
    pytest.param("handout.pdf", hostile.pdf_with_a_zip_after_it, HIDDEN, id="polyglot-pdf-zip"),
    pytest.param("photo.jpg", hostile.jpeg_with_a_zip_after_it, HIDDEN, id="polyglot-jpeg-zip"),
    pytest.param(
        "handout.pdf",
        hostile.pdf_that_is_a_web_page,
        "The file contains web page code",
        id="polyglot-pdf-html",
    ),
    pytest.param("photo.png", hostile.html_named_png, NOT_A_DOCUMENT, id="renamed-html"),
    pytest.param("photo.png", hostile.svg_named_png, NOT_A_DOCUMENT, id="renamed-svg"),
    pytest.param("handout.pdf", hostile.exe_named_pdf, NOT_A_DOCUMENT, id="renamed-exe"),
    pytest.param("handout.docx", hostile.jar_named_docx, NOT_A_DOCUMENT, id="renamed-jar"),
    pytest.param(
        "photo.png", hostile.truncated_png, "may be damaged or incomplete", id="truncated-png"
    ),
    pytest.param(
        "photo.png",
        lambda: hostile.png() + b"and something else",
        "The picture has something else hidden after it",
        id="png-with-bytes-after-its-end",
    ),
    pytest.param(
        "photo.png",
        lambda: hostile.png(width=0),
        "may be damaged or incomplete",
        id="png-with-no-width",
    ),
    pytest.param(
        "photo.jpg",
        lambda: hostile.jpeg()[:30],
        "may be damaged or incomplete",
        id="truncated-jpeg",
    ),
    pytest.param(
        "handout.docx",
        lambda: _zip_of({"notes.txt": b"not a document"}),
        NOT_A_DOCUMENT,
        id="zip-that-is-no-document",
    ),
    pytest.param("handout.pdf", lambda: b"", "file is empty", id="empty-file"),
    pytest.param(
        "handout.docx",
        hostile.zip_whose_directory_lies_about_its_place,
        "it is damaged or incomplete",
        id="zip-directory-past-its-end",
    ),
    pytest.param(
        "handout.docx",
        hostile.zip_with_bytes_after_it,
        "it is damaged or incomplete",
        id="zip-with-bytes-after-its-end",
    ),
    pytest.param(
        "handout.docx",
        hostile.docx_claiming_more_compressed_bytes_than_the_file,
        "the sizes it declares do not match the file",
        id="zip-members-larger-than-the-file",
    ),
    pytest.param(
        "handout.docx",
        hostile.docx_claiming_to_expand_to_a_gigabyte,
        "it expands to far more than any document needs",
        id="zip-expanding-to-a-gigabyte",
    ),
    pytest.param(
        "handout.odt",
        hostile.odt_with_a_long_mimetype,
        "part of it is far larger than it should be",
        id="odt-long-mimetype",
    ),
    pytest.param(
        "handout.odt",
        hostile.odt_with_an_encrypted_mimetype,
        "it is compressed or protected in a way Rosette cannot check",
        id="odt-encrypted",
    ),
    pytest.param("book.epub", hostile.epub, NOT_A_DOCUMENT, id="zip-of-another-mimetype"),
    pytest.param(
        "photo.png",
        hostile.png_without_a_header,
        "may be damaged or incomplete",
        id="png-without-a-header",
    ),
    pytest.param(
        "photo.png",
        hostile.png_chunk_longer_than_the_file,
        "may be damaged or incomplete",
        id="png-chunk-longer-than-the-file",
    ),
    pytest.param(
        "photo.png",
        hostile.png_without_an_end,
        "may be damaged or incomplete",
        id="png-of-endless-chunks",
    ),
    pytest.param(
        "photo.jpg",
        lambda: hostile.jpeg(8000, 8000),
        "The picture is 8,000 × 8,000 pixels, which is too large to accept",
        id="jpeg-over-50-megapixels",
    ),
]

RECORDINGS = [
    pytest.param(
        "talk.mp4", hostile.mp4_with_a_giant_atom, "could not be read", id="mp4-giant-atom"
    ),
    pytest.param(
        "talk.wav", hostile.wav_with_a_giant_chunk, "minutes or shorter", id="wav-giant-chunk"
    ),
    pytest.param(
        "talk.mp3", hostile.mp3_with_a_giant_id3_tag, "could not be read", id="mp3-giant-id3"
    ),
    pytest.param(
        "talk.mp3",
        lambda: hostile.mp3_with_a_giant_id3_tag() + hostile.docx(),
        HIDDEN,
        id="polyglot-mp3-zip",
    ),
    pytest.param(
        "talk.mp3", hostile.html_named_png, "The recording must be an MP3", id="renamed-html"
    ),
    pytest.param("talk.wav", hostile.wav_of_no_sound, "could not be read", id="wav-of-no-sound"),
]


def _attach(
    client: Client, application: Application, name: str, data: bytes, title: str = "Handout"
) -> Any:
    return client.post(
        edit_url(application),
        {
            **form_data(application, "my words stay"),
            "attachment_title": title,
            "attachment": SimpleUploadedFile(name, data),
            "action": "save",
        },
    )


def _words_kept(application: Application) -> bool:
    answers = services.current_attempt(application).answers.exclude(question=None)
    return all(a.text == "my words stay" for a in answers)


@pytest.mark.parametrize(("name", "make", "message"), ATTACHMENTS)
def test_a_hostile_attachment_is_refused_plainly_in_bounded_memory(
    client: Client, application: Application, name: str, make: Callable[[], bytes], message: str
) -> None:
    client.force_login(application.learner)
    data = make()
    with hostile.peak_memory() as peak:
        response = _attach(client, application, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert _words_kept(application)
    assert peak.bytes < MEMORY_BOUND, f"{peak.bytes / hostile.MB:.0f} MB"


@pytest.mark.parametrize(("name", "make", "message"), RECORDINGS)
def test_a_hostile_recording_is_refused_plainly_in_bounded_memory(
    client: Client, application: Application, name: str, make: Callable[[], bytes], message: str
) -> None:
    client.force_login(application.learner)
    question = services.current_attempt(application).answers.exclude(question=None)[0]
    with hostile.peak_memory() as peak:
        response = client.post(
            edit_url(application),
            {
                **form_data(application, "my words stay"),
                f"media-{question.question_id}": SimpleUploadedFile(name, make()),
                "action": "save",
            },
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Answer.objects.exclude(media="").exists()
    assert _words_kept(application)
    assert peak.bytes < MEMORY_BOUND, f"{peak.bytes / hostile.MB:.0f} MB"


@pytest.mark.parametrize(
    ("name", "make"),
    [("handout.docx", hostile.docx), ("handout.odt", hostile.odt), ("photo.png", hostile.png),
     ("photo.jpg", hostile.jpeg), ("handout.pdf", hostile.pdf)],
)  # fmt: skip
def test_the_real_thing_is_still_accepted(
    client: Client, application: Application, name: str, make: Callable[[], bytes]
) -> None:
    client.force_login(application.learner)
    response = _attach(client, application, name, make())
    assert response.status_code == 302
    assert Attachment.objects.count() == 1


def test_a_file_over_the_issuers_limit_is_refused(
    client: Client, application: Application, issuer: Issuer
) -> None:
    Issuer.objects.filter(pk=issuer.pk).update(max_upload_mb=1)
    client.force_login(application.learner)
    response = _attach(client, application, "big.pdf", hostile.pdf(b" " * 1_100_000))
    assert "The selected file must be smaller than 1 MB." in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_application_takes_so_many_files_and_no_more(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    for n in range(services.MAX_ATTACHMENTS):
        assert _attach(client, application, f"{n}.pdf", hostile.pdf()).status_code == 302
    response = _attach(client, application, "one-more.pdf", hostile.pdf())
    assert "You can attach up to 10 files. Remove one before you attach another." in (
        response.content.decode()
    )
    assert Attachment.objects.count() == services.MAX_ATTACHMENTS
    assert _words_kept(application)


def test_an_applications_files_add_up_to_the_issuers_limit_at_most(
    client: Client, application: Application, issuer: Issuer
) -> None:
    Issuer.objects.filter(pk=issuer.pk).update(max_upload_mb=1)
    client.force_login(application.learner)
    half = hostile.pdf(b" " * 450_000)
    assert _attach(client, application, "a.pdf", half).status_code == 302
    assert _attach(client, application, "b.pdf", half).status_code == 302
    response = _attach(client, application, "c.pdf", half)
    assert "Your files can add up to 1 MB in all" in response.content.decode()
    assert Attachment.objects.count() == 2


def test_too_many_files_in_one_request_are_refused_plainly(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    files = {f"file-{n}": SimpleUploadedFile(f"{n}.pdf", hostile.pdf()) for n in range(31)}
    response = client.post(edit_url(application), {**form_data(application, "x"), **files})
    assert response.status_code == 400
    assert "too many files" in response.content.decode()


def test_a_file_name_or_title_that_walks_the_file_system_goes_nowhere(
    client: Client, application: Application, settings: Any
) -> None:
    client.force_login(application.learner)
    media = Path(settings.MEDIA_ROOT)
    outside = media.parent / "escaped.pdf"
    response = _attach(
        client,
        application,
        "../../escaped.pdf",
        hostile.pdf(),
        title="..\\..\\etc/passwd\r\nX-Injected: yes\u202egpj.exe",
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path).resolve()
    assert stored.parent == (media / "attachments").resolve()
    assert stored.name != "escaped.pdf" and not outside.exists()
    assert attachment.title == "..-..-etc-passwd X-Injected: yes gpj.exe"
    download = client.get(
        reverse(
            "applications:attachment_download",
            kwargs={"public_id": application.public_id, "attachment_id": attachment.public_id},
        )
    )
    download.close()
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition
    assert "X-Injected" not in {name for name, _ in download.items()}


def test_an_empty_file_is_refused_by_the_service_too(application: Application) -> None:
    """The form refuses an empty file first; a caller of the service (the toolkit's handout,
    a script) is told the same, and nothing is stored."""
    with pytest.raises(uploads.UploadRejected, match="The selected file is empty"):
        services.attachment_add(
            application=application, actor=application.learner, title="Empty", upload=io.BytesIO()
        )
    assert not Attachment.objects.exists()
