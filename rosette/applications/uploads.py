"""Uploaded evidence is hostile until proven otherwise: its type is sniffed from the bytes
(never the name or the browser's word), its size and length are limited, and it is stored
under a random name, never executed, and served only as a download or a typed media stream."""

from __future__ import annotations

import io
import struct
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

import filetype
import mutagen
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from PIL import Image

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

# Limits on what is inside a file (its size on disk is the issuer's limit).
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel photo of a handout; more is a bomb
MAX_PNG_CHUNKS = 100_000
ZIP_MAX_MEMBERS = 2_000
ZIP_MAX_DIRECTORY_BYTES = 1_000_000
ZIP_MAX_EXPANDED_BYTES = 500_000_000  # everything inside, as declared
ZIP_MAX_RATIO = 100  # how much one member may expand (above ZIP_RATIO_FROM bytes)
ZIP_RATIO_FROM = 1_000_000
ODF_MIMETYPE_BYTES = 100
# What a browser that sniffed content would take for a page or a script (WHATWG MIME
# Sniffing's HTML patterns, and SVG); none belongs at the start of any type we accept.
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg")
_ZIP_END = b"PK\x05\x06"
_ZIP_END_SIZE = 22


class UploadRejected(ValueError):
    """The file cannot be accepted; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    seconds: int | None = None


def _head(file: IO[bytes], size: int = 8192) -> bytes:
    file.seek(0)
    head = file.read(size)
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


def _check_not_disguised(file: IO[bytes], size: int) -> None:
    """Refuse a file that is two things at once: web page markup near its start (what a
    browser sniffing it would run), or a whole ZIP archive at its end (a polyglot: a picture
    or document to one program, an archive of anything to another)."""
    if any(marker in _head(file, 1024).lower() for marker in _MARKUP):
        raise UploadRejected(
            "The file contains web page code, so it cannot be accepted. Save it as a PDF, "
            "Word or OpenDocument file, or as a picture, and try again."
        )
    if _zip_end(file, size) is not None:
        raise UploadRejected(
            "The file has another file (an archive) hidden inside it, so it cannot be "
            "accepted. Save it again from the program that made it and try again."
        )


def check_media(file: IO[bytes], *, max_bytes: int, max_seconds: int) -> CheckedFile:
    """Accept an audio or video recording within the issuer's limits. Only its headers are
    read (mutagen reads no more than the file holds and decodes no audio)."""
    size = _size(file)
    _check_size(size, max_bytes)
    kind = filetype.guess(_head(file))
    mime = kind.mime if kind else ""
    if mime == "audio/x-m4a":
        mime = "audio/mp4"
    if mime not in MEDIA_TYPES:
        raise UploadRejected(f"The recording must be an {MEDIA_NAMES} file.")
    _check_not_disguised(file, size)
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
    """Accept a document or image attachment, such as the completed handout. Nothing in it is
    decoded: images are checked by their headers, documents by their structure, and a ZIP
    (Word, OpenDocument) by its directory, reading at most a few bytes of one member."""
    size = _size(file)
    _check_size(size, max_bytes)
    head = _head(file)
    if head.startswith(b"PK\x03\x04"):
        mime = _office_type(file, size)
    else:
        kind = filetype.guess(head)
        mime = kind.mime if kind else ""
        if mime in ATTACHMENT_TYPES:
            _check_not_disguised(file, size)
    if mime not in ATTACHMENT_TYPES:
        raise UploadRejected(f"The file must be a {ATTACHMENT_NAMES} file.")
    if mime == "application/pdf" and b"%%EOF" not in _tail(file):
        raise UploadRejected("The PDF could not be read: it may be damaged or incomplete.")
    if mime == "image/png":
        _check_png(file, size)
    if mime == "image/jpeg":
        _check_jpeg(file)
    return CheckedFile(content_type=mime, size=size)


def _tail(file: IO[bytes], size: int = 2048) -> bytes:
    file.seek(0, io.SEEK_END)
    end = file.tell()
    file.seek(max(0, end - size))
    tail = file.read()
    file.seek(0)
    return tail


# --- images -----------------------------------------------------------------------------------


def _too_many_pixels(width: int, height: int) -> UploadRejected:
    return UploadRejected(
        f"The picture is {width:,} × {height:,} pixels, which is too large to accept "
        f"(at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels). Make it smaller and try again."
    )


def _check_png(file: IO[bytes], size: int) -> None:
    """Walk the PNG's chunks without reading them: a header first, a picture of a sane size,
    and nothing after its end."""
    damaged = UploadRejected("The picture could not be read: it may be damaged or incomplete.")
    file.seek(8)
    header = file.read(8 + 13)
    if len(header) < 21 or header[4:8] != b"IHDR":
        raise damaged
    width, height = struct.unpack(">II", header[8:16])
    if width == 0 or height == 0:
        raise damaged
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)
    position = 8
    for _chunk in range(MAX_PNG_CHUNKS):
        file.seek(position)
        start = file.read(8)
        if len(start) < 8:
            raise damaged
        (length,) = struct.unpack(">I", start[:4])
        position += 12 + length
        if position > size:
            raise damaged
        if start[4:8] == b"IEND":
            if position != size:
                raise UploadRejected(
                    "The picture has something else hidden after it, so it cannot be "
                    "accepted. Save it again from the program that made it and try again."
                )
            file.seek(0)
            return
    raise damaged


def _check_jpeg(file: IO[bytes]) -> None:
    """Read the JPEG's frame header (Pillow reads headers only here; nothing is decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=["JPEG"]) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(
            "The picture is too large to accept. Make it smaller and try again."
        ) from None
    except (OSError, SyntaxError, ValueError, struct.error):
        raise UploadRejected(
            "The picture could not be read: it may be damaged or incomplete."
        ) from None
    finally:
        file.seek(0)
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)


# --- ZIP: Word and OpenDocument ---------------------------------------------------------------


def _zip_end(file: IO[bytes], size: int) -> tuple[int, int, int] | None:
    """The end-of-central-directory record of a ZIP archive that ends this file, as
    (members, directory size, directory offset); None when no archive ends here. Found the
    way zipfile finds it, and only if it accounts exactly for the end of the file."""
    tail = _tail(file, _ZIP_END_SIZE + 65535)
    at = len(tail) - _ZIP_END_SIZE
    if tail[at : at + 4] != _ZIP_END:
        at = tail.rfind(_ZIP_END)
    if at < 0 or at + _ZIP_END_SIZE > len(tail):
        return None
    members, directory, offset, comment = struct.unpack("<10xHIIH", tail[at : at + _ZIP_END_SIZE])
    if at + _ZIP_END_SIZE + comment != len(tail):
        return None
    return members, directory, offset


def _refuse_zip(reason: str) -> UploadRejected:
    return UploadRejected(
        f"The file could not be checked safely: {reason}. Save it again from your word "
        "processor (as DOCX or ODT) and try again."
    )


def _office_type(file: IO[bytes], size: int) -> str:
    """A ZIP is a Word or OpenDocument file only if it says so inside. Its directory is
    checked before it is believed (how many members, how big they say they are, how much they
    expand), and of its contents only OpenDocument's ``mimetype`` is read, at most a hundred
    bytes of it."""
    end = _zip_end(file, size)
    if end is None:
        raise _refuse_zip("it is damaged or incomplete")
    members, directory, offset = end
    if 0xFFFF in (members,) or 0xFFFFFFFF in (directory, offset):
        raise _refuse_zip("it uses the ZIP64 format, which documents never need")
    if members > ZIP_MAX_MEMBERS or directory > ZIP_MAX_DIRECTORY_BYTES:
        raise _refuse_zip(f"it holds more than {ZIP_MAX_MEMBERS:,} files inside")
    if offset + directory > size:
        raise _refuse_zip("it is damaged or incomplete")
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            _check_zip_sizes(infos, size)
            names = {info.filename for info in infos}
            if "mimetype" in names:
                declared = _read_small(archive, archive.getinfo("mimetype"))
                if declared == b"application/vnd.oasis.opendocument.text":
                    return declared.decode("ascii")
            if "word/document.xml" in names:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError):
        raise _refuse_zip("it is damaged or incomplete") from None
    except (NotImplementedError, RuntimeError):  # an unknown compression, or encrypted
        raise _refuse_zip("it is compressed or protected in a way Rosette cannot check") from None
    finally:
        file.seek(0)
    return ""


def _check_zip_sizes(infos: list[zipfile.ZipInfo], size: int) -> None:
    if sum(info.compress_size for info in infos) > size:
        raise _refuse_zip("the sizes it declares do not match the file")
    if sum(info.file_size for info in infos) > ZIP_MAX_EXPANDED_BYTES:
        raise _refuse_zip("it expands to far more than any document needs")
    for info in infos:
        if info.file_size > ZIP_RATIO_FROM and info.file_size > ZIP_MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _refuse_zip("part of it expands to far more than its size")


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member that should be tiny, read only if it says it is, and then only as far as it
    says (reading it to its declared end also checks its CRC)."""
    if info.file_size > ODF_MIMETYPE_BYTES:
        raise _refuse_zip("part of it is far larger than it should be")
    with archive.open(info) as member:
        data = member.read(ODF_MIMETYPE_BYTES + 1)
    if len(data) != info.file_size:
        raise _refuse_zip("the sizes it declares do not match the file")
    return data.strip()


def clean_title(title: str) -> str:
    """A file's title as a person would type it: one line, no control or invisible formatting
    characters (a right-to-left override can disguise ``gpj.exe`` as ``exe.jpg``), no path.
    It names the file when it is downloaded."""
    cleaned = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in title)
    cleaned = cleaned.replace("/", "-").replace("\\", "-")
    return " ".join(cleaned.split())[:200]


def serve_evidence(file: FieldFile, content_type: str, title: str | None) -> FileResponse:
    """Stored evidence as a response: its sniffed type, never something a browser would run
    or sniff into HTML. A title makes it a download named after it; without one it streams
    (a recording played in the page)."""
    extension = EXTENSIONS.get(content_type, "")
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        as_attachment=title is not None,
        filename=f"{clean_title(title) or 'evidence'}{extension}" if title is not None else "",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Robots-Tag"] = "noindex"
    return response
