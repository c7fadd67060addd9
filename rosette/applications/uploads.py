"""Uploaded evidence is hostile until proven otherwise: its type is sniffed from the bytes
(never the name or the browser's word), its size and length are limited, and it is stored
under a random name, never executed, and served only as a download or a typed media stream."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO, Any

import filetype
import mutagen
from django.http import FileResponse

MEDIA_TYPES = {
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/ogg": ".ogg",
    "audio/x-wav": ".wav",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
}
ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
}
EXTENSIONS = {**MEDIA_TYPES, **ATTACHMENT_TYPES}

MEDIA_NAMES = "MP3, M4A, OGG, WAV, MP4 or MOV"
ATTACHMENT_NAMES = "PDF, Word (DOCX), OpenDocument text (ODT), PNG or JPEG"


class UploadRejected(ValueError):
    """The file cannot be accepted; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    seconds: int | None = None


def _head(file: IO[bytes]) -> bytes:
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    return head


def _size(file: IO[bytes]) -> int:
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise UploadRejected("The selected file is empty.")
    if size > max_bytes:
        raise UploadRejected(f"The selected file must be smaller than {max_bytes // 1_000_000} MB.")


def check_media(file: IO[bytes], *, max_bytes: int, max_seconds: int) -> CheckedFile:
    """Accept an audio or video recording within the issuer's limits."""
    size = _size(file)
    _check_size(size, max_bytes)
    kind = filetype.guess(_head(file))
    mime = kind.mime if kind else ""
    if mime == "audio/x-m4a":
        mime = "audio/mp4"
    if mime not in MEDIA_TYPES:
        raise UploadRejected(f"The recording must be an {MEDIA_NAMES} file.")
    try:
        parsed = mutagen.File(file)
    except Exception as exc:
        raise UploadRejected("The recording could not be read: it may be damaged.") from exc
    finally:
        file.seek(0)
    length = getattr(getattr(parsed, "info", None), "length", None)
    if not length or length <= 0:
        raise UploadRejected("The recording could not be read: it may be damaged.")
    if length > max_seconds:
        raise UploadRejected(f"The recording must be {max_seconds // 60} minutes or shorter.")
    return CheckedFile(content_type=mime, size=size, seconds=round(length))


def check_attachment(file: IO[bytes], *, max_bytes: int) -> CheckedFile:
    """Accept a document or image attachment, such as the completed handout."""
    size = _size(file)
    _check_size(size, max_bytes)
    head = _head(file)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime == "application/zip":
        mime = _office_type(file)
    if mime not in ATTACHMENT_TYPES:
        raise UploadRejected(f"The file must be a {ATTACHMENT_NAMES} file.")
    if mime == "application/pdf" and b"%%EOF" not in _tail(file):
        raise UploadRejected("The PDF could not be read: it may be damaged or incomplete.")
    return CheckedFile(content_type=mime, size=size)


def _tail(file: IO[bytes]) -> bytes:
    file.seek(0, io.SEEK_END)
    end = file.tell()
    file.seek(max(0, end - 2048))
    tail = file.read()
    file.seek(0)
    return tail


def _office_type(file: IO[bytes]) -> str:
    """A ZIP is a Word or OpenDocument file only if it says so inside."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist()[:200])
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared == "application/vnd.oasis.opendocument.text":
                    return declared
            if "word/document.xml" in names:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    except (zipfile.BadZipFile, OSError, KeyError):
        return ""
    finally:
        file.seek(0)
    return ""


def serve_evidence(file: Any, content_type: str, title: str | None) -> Any:
    """Stored evidence as a response: its sniffed type, never something a browser would run
    or sniff into HTML. A title makes it a download named after it; without one it streams
    (a recording played in the page)."""
    extension = EXTENSIONS.get(content_type, "")
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        as_attachment=title is not None,
        filename=f"{title}{extension}" if title else "",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Robots-Tag"] = "noindex"
    return response
