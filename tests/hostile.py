"""Hostile files, made in code: bombs, polyglots, disguises. Each is small on disk and would
cost a careless parser far more (memory, time) or pass for something it is not.

Used by the upload tests (rosette/applications/tests/test_hostile_uploads.py) and the verify
page's (rosette/credentials/tests/test_hostile_badges.py). Every function returns bytes.
"""

from __future__ import annotations

import io
import struct
import tracemalloc
import wave
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image

MB = 1024 * 1024
ODT = "application/vnd.oasis.opendocument.text"


@dataclass
class Peak:
    bytes: int = 0


@contextmanager
def peak_memory() -> Iterator[Peak]:
    """The most memory Python allocated, in every thread, while the block ran (tracemalloc:
    zlib's and the parsers' output included, as they are Python objects)."""
    peak = Peak()
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


# --- building blocks --------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 8, height: int = 8, *, idat: bytes | None = None) -> bytes:
    """A PNG (8-bit greyscale) with the given header; its pixels are zeros, compressed."""
    if idat is None:
        idat = zlib.compress(b"\x00" * ((width + 1) * height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def jpeg(width: int = 8, height: int = 8) -> bytes:
    """A real JPEG whose frame header is then made to claim ``width`` × ``height``."""
    buffer = io.BytesIO()
    Image.new("L", (8, 8)).save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def pdf(extra: bytes = b"") -> bytes:
    return b"%PDF-1.4\n" + extra + b"1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _zip(members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)
    return buffer.getvalue()


def _stored(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_STORED
    return info


def _deflated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def docx() -> bytes:
    """A (minimal) Word document."""
    return _zip(
        [
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]
    )


def odt() -> bytes:
    """A (minimal) OpenDocument text: ``mimetype`` first and stored, as the standard says."""
    return _zip([(_stored("mimetype"), ODT.encode()), ("content.xml", b"<office:document/>")])


# --- zip bombs --------------------------------------------------------------------------------


def docx_with_a_bomb_for_a_mimetype(expands_to: int = 200 * MB) -> bytes:
    """The finding: a Word document whose ``mimetype`` member inflates to ``expands_to`` bytes
    of zeros (a few hundred KB on disk). Reading the member whole took the server to 1.2 GB."""
    return _zip(
        [
            (_deflated("mimetype"), b"\x00" * expands_to),
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]
    )


def docx_with_a_bomb_inside(expands_to: int = 200 * MB) -> bytes:
    """A Word document carrying a member that inflates a thousandfold: nothing of ours reads
    it, but whoever opens the file (the assessor's word processor) would."""
    return _zip(
        [
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
            (_deflated("word/media/image1.bin"), b"\x00" * expands_to),
        ]
    )


def odt_whose_mimetype_lies_about_its_size() -> bytes:
    """An OpenDocument file whose ``mimetype`` says (in the central directory) it is 39 bytes
    but whose data runs on: declared and actual sizes disagree."""
    data = bytearray(odt())
    marker = b"PK\x01\x02"
    central = data.index(marker)
    # Uncompressed size in the central directory entry of the first member, at offset 24.
    struct.pack_into("<I", data, central + 24, 10)
    return bytes(data)


def zip_with_too_many_members(count: int = 20_000) -> bytes:
    """A "Word document" with 20,000 empty members: its central directory alone would make
    20,000 objects in a parser that believes it."""
    members: list[tuple[zipfile.ZipInfo | str, bytes]] = [("word/document.xml", b"<w/>")]
    members += [(_stored(f"x/{n}"), b"") for n in range(count)]
    return _zip(members)


def zip_claiming_zip64_sizes() -> bytes:
    """A Word document whose end record says "see the ZIP64 record" (65,535 members or more,
    4 GB or more): sizes no handout needs, and a second directory to believe."""
    data = bytearray(docx())
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 0xFFFF, 0xFFFF)
    return bytes(data)


def _central_entry(data: bytearray, name: bytes) -> int:
    """Where the central directory entry of member ``name`` starts (its name, the last time
    the name appears, is 46 bytes in)."""
    return data.rindex(name) - 46


def zip_whose_directory_lies_about_its_place() -> bytes:
    """A Word document whose end record puts its directory past the end of the file."""
    data = bytearray(docx())
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 16, len(data))
    return bytes(data)


def zip_with_bytes_after_it() -> bytes:
    """A Word document with something after its end: the archive no longer ends the file."""
    return docx() + b"and something else"


def docx_claiming_more_compressed_bytes_than_the_file() -> bytes:
    """A Word document whose directory says a member takes 2 GB of a file of a few hundred."""
    data = bytearray(docx())
    struct.pack_into("<I", data, _central_entry(data, b"word/document.xml") + 20, 0x7FFF_FFFF)
    return bytes(data)


def docx_claiming_to_expand_to_a_gigabyte() -> bytes:
    """A Word document whose directory says a small member expands to 1 GB."""
    data = bytearray(docx())
    struct.pack_into("<I", data, _central_entry(data, b"word/document.xml") + 24, 1 << 30)
    return bytes(data)


def odt_with_a_long_mimetype() -> bytes:
    """An OpenDocument file whose ``mimetype`` is far longer than any media type."""
    return _zip([(_stored("mimetype"), ODT.encode() + b" " * 200), ("content.xml", b"<x/>")])


def odt_with_an_encrypted_mimetype() -> bytes:
    """An OpenDocument file whose ``mimetype`` says it is encrypted: nothing to check it by."""
    data = bytearray(odt())
    struct.pack_into("<H", data, 6, 0x1)  # the member's local header: encrypted
    struct.pack_into("<H", data, _central_entry(data, b"mimetype") + 8, 0x1)  # and its entry
    return bytes(data)


def epub() -> bytes:
    """An e-book: a ZIP with a ``mimetype``, but not a document Rosette takes."""
    return _zip([(_stored("mimetype"), b"application/epub+zip"), ("content.opf", b"<x/>")])


# --- image bombs ------------------------------------------------------------------------------


def png_bomb(side: int = 60_000) -> bytes:
    """A PNG that claims 60,000 × 60,000 pixels (3.6 gigapixels; over 3 GB to decode) in a
    few kilobytes: its rows of zeros compress to almost nothing."""
    inflater = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    idat = b"".join(inflater.compress(row) for _ in range(64)) + inflater.flush()
    return png(side, side, idat=idat)


def jpeg_bomb() -> bytes:
    """A JPEG whose frame header claims 65,000 × 65,000 pixels."""
    return jpeg(65_000, 65_000)


# --- polyglots and disguises ------------------------------------------------------------------


def png_with_a_zip_after_it() -> bytes:
    """A valid PNG with a ZIP archive after its end: a picture to one program, an archive of
    anything to another."""
    return png() + docx()


def pdf_with_a_zip_after_it() -> bytes:
    return pdf() + _zip([("payload.html", b"<script>alert(1)</script>")])


def jpeg_with_a_zip_after_it() -> bytes:
    return jpeg() + _zip([("payload.html", b"<script>alert(1)</script>")])


def pdf_that_is_a_web_page() -> bytes:
    """A PDF header, then HTML with a script: a browser that sniffed it would run it."""
    return pdf(b"<html><body><script>alert(document.cookie)</script></body></html>\n")


def html_named_png() -> bytes:
    return b"<!DOCTYPE html><html><script>alert(1)</script></html>"


def svg_named_png() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def exe_named_pdf() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS"


def jar_named_docx() -> bytes:
    """A Java archive (a ZIP) that is not a Word document."""
    return _zip([("META-INF/MANIFEST.MF", b"Main-Class: Evil\n"), ("Evil.class", b"\xca\xfe")])


def png_without_a_header() -> bytes:
    """A PNG signature followed by a picture's data but no header chunk first."""
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 72)) + b"\x00" * 16


def png_chunk_longer_than_the_file() -> bytes:
    """A PNG one of whose chunks claims 1 GB in a file of a hundred bytes."""
    data = bytearray(png())
    struct.pack_into(">I", data, data.index(b"IDAT") - 4, 1 << 30)
    return bytes(data)


def png_without_an_end(chunks: int = 100_001) -> bytes:
    """A PNG of more empty chunks than any picture has, and no end: walking it must stop."""
    head = png()[: -len(_png_chunk(b"IEND", b""))]
    return head + _png_chunk(b"tEXt", b"") * chunks


def truncated_png() -> bytes:
    return png()[:-12]


# --- recordings -------------------------------------------------------------------------------


def mp4_with_a_giant_atom() -> bytes:
    """An MP4 whose ``moov`` atom claims 4 GB in a file of a few bytes."""
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 0x200, b"isom", b"mp41")
    return ftyp + struct.pack(">I4s", 0xFFFFFFF0, b"moov") + b"\x00" * 64


def wav_with_a_giant_chunk() -> bytes:
    """A WAV whose data chunk claims 4 GB."""
    fmt = struct.pack("<4sIHHIIHH", b"fmt ", 16, 1, 1, 8000, 8000, 1, 8)
    body = b"WAVE" + fmt + struct.pack("<4sI", b"data", 0xFFFFFFF0) + b"\x00" * 64
    return b"RIFF" + struct.pack("<I", len(body)) + body


def wav_of_no_sound() -> bytes:
    """A WAV file with no samples: a recording of nothing, zero seconds long."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(1)
        recording.setframerate(8000)
    return buffer.getvalue()


def mp3_with_a_giant_id3_tag() -> bytes:
    """An MP3 whose ID3 tag claims 256 MB (the largest its header can say)."""
    size = bytes([0x7F, 0x7F, 0x7F, 0x7F])  # syncsafe 2**28 - 1
    return b"ID3\x04\x00\x00" + size + b"\x00" * 128 + b"\xff\xfb\x90\x00" + b"\x00" * 400


# --- baked badges (the verify page) -----------------------------------------------------------


def png_with_a_text_bomb(expands_to: int = 100 * MB) -> bytes:
    """A badge image whose compressed ``iTXt`` chunk inflates to ``expands_to`` bytes."""
    text = zlib.compress(b" " * expands_to, 9)
    body = b"openbadgecredential\x00\x01\x00\x00\x00" + text
    data = png()
    end = data.index(b"IEND") - 4
    return data[:end] + _png_chunk(b"iTXt", body) + data[end:]


def svg_billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE svg [{entities}]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>'
    ).encode()


def svg_external_entity() -> bytes:
    return (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    )


def svg_deeply_nested(depth: int = 200_000) -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * depth + b"</g>" * depth + b"</svg>"
    )
