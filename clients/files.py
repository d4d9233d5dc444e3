"""Uploaded case files: where they are stored, what is accepted, their fingerprint.

A file is judged by its bytes, not its name: the detected kind must be one the extension
stands for (an executable named .pdf, HTML named .txt or SVG named .png is refused), empty
files and archives are refused, and every file is capped. With ``CLAMD`` set each upload is
also scanned by ClamAV.
"""

from __future__ import annotations

import hashlib
import re
import socket
import struct
import unicodedata
import uuid
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

OLE = frozenset({"application/msword", "application/vnd.ms-excel", "application/x-ole-storage"})
TEXT = None  # no binary signature, and it must read as text
# The kinds each extension may be, as detected from the first bytes (filetype's names).
KINDS: dict[str, frozenset[str] | None] = {
    "pdf": frozenset({"application/pdf"}),
    "jpg": frozenset({"image/jpeg"}),
    "jpeg": frozenset({"image/jpeg"}),
    "png": frozenset({"image/png"}),
    "gif": frozenset({"image/gif"}),
    "webp": frozenset({"image/webp"}),
    "tif": frozenset({"image/tiff"}),
    "tiff": frozenset({"image/tiff"}),
    "doc": OLE,
    "xls": OLE,
    "docx": frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    "xlsx": frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    "txt": TEXT,
    "csv": TEXT,
    "mp4": frozenset({"video/mp4"}),
    "mov": frozenset({"video/quicktime"}),
}
ALLOWED_EXTENSIONS = list(KINDS)
# Office files are zip containers: their parts may expand this much before they are refused
# as a zip bomb (read from the zip's directory; nothing is extracted).
MAX_EXPANSION = 100
MARKUP = re.compile(rb"^\s*(<\?xml|<!doctype|<html|<svg|<script|<head|<body|<iframe)", re.I)
NAME_LENGTH = 100

validate_extension = FileExtensionValidator(
    allowed_extensions=ALLOWED_EXTENSIONS,
    message=_(
        "Files of type “%(extension)s” are not accepted. Upload one of: %(allowed_extensions)s."
    ),
)


def validate_size(file, limit_mb: int | None = None) -> None:
    limit_mb = limit_mb or settings.MAX_UPLOAD_MB
    if file.size == 0:
        raise ValidationError(_("This file is empty."), code="empty_file")
    if file.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("This file is %(size).1f MB; the limit is %(limit)d MB. Upload a smaller file."),
            params={"size": file.size / 1024 / 1024, "limit": limit_mb},
            code="file_too_large",
        )


def _head(file, size: int = 8192) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def detected_kind(file) -> str | None:
    kind = filetype.guess(_head(file))
    return kind.mime if kind else None


def validate_content(file) -> None:
    """The bytes must be what the extension says, and no archive or active content."""
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    if extension not in KINDS:
        return  # validate_extension refuses it with the list of what is accepted
    expected = KINDS[extension]
    found = detected_kind(file)
    wrong = _("This file's content is not a .%(extension)s file; upload the real document.")
    if expected is TEXT:
        head = _head(file)
        if found is not None or b"\x00" in head or MARKUP.match(head):
            raise ValidationError(wrong, params={"extension": extension}, code="wrong_content")
        return
    if found not in expected:
        raise ValidationError(wrong, params={"extension": extension}, code="wrong_content")
    if found.startswith("application/vnd.openxmlformats"):
        _refuse_zip_bomb(file)


def _refuse_zip_bomb(file) -> None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ValidationError(_("This Office file is damaged."), code="wrong_content") from None
    finally:
        file.seek(0)
    if expanded > max(file.size, 1) * MAX_EXPANSION:
        raise ValidationError(
            _("This Office file expands to far more than its size; it is refused."),
            code="zip_bomb",
        )


def validate_clean(file) -> None:
    """ClamAV's verdict when a clamd address is configured (CLAMD); otherwise nothing."""
    if not settings.CLAMD:
        return
    verdict = clamd_scan(file, settings.CLAMD)
    if verdict is not None:
        raise ValidationError(
            _("The virus scanner refused this file (%(verdict)s)."),
            params={"verdict": verdict},
            code="infected",
        )


def clamd_scan(file, address: str) -> str | None:
    """clamd's INSTREAM command: None when clean, else the signature it found."""
    if address.startswith("tcp://"):
        host, _sep, port = address.removeprefix("tcp://").rpartition(":")
        conn = socket.create_connection((host, int(port)), timeout=30)
    else:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(30)
        conn.connect(address)
    with conn:
        conn.sendall(b"zINSTREAM\0")
        file.seek(0)
        for chunk in iter(lambda: file.read(64 * 1024), b""):
            conn.sendall(struct.pack("!L", len(chunk)) + chunk)
        conn.sendall(struct.pack("!L", 0))
        file.seek(0)
        reply = b""
        while not reply.endswith(b"\0"):
            part = conn.recv(4096)
            if not part:
                break
            reply += part
    answer = reply.rstrip(b"\0").decode(errors="replace")
    if answer.endswith("OK"):
        return None
    return answer.rpartition(":")[2].removesuffix("FOUND").strip() or answer


def normalised_name(name: str) -> str:
    """A file name as sent, safe to show and to offer back: no folders, no control
    characters, one form of Unicode, at most NAME_LENGTH characters (extension kept)."""
    name = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .") or "file"
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = name, ""
    room = NAME_LENGTH - (len(suffix) + 1 if suffix else 0)
    return f"{stem[:room].rstrip()}.{suffix.lower()}" if suffix else name[:NAME_LENGTH]


FILE_VALIDATORS = [validate_extension, validate_size, validate_content, validate_clean]


@deconstructible
class CaseFilePath:
    """Stores files under a per-model folder with a random name; keeps the extension.

    The original name is not trusted on disk; a random component means names never collide
    and cannot be guessed (they are never served directly anyway).
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, CaseFilePath) and other.folder == self.folder


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
