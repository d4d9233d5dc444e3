"""Uploaded case files: where they are stored, what is accepted, their fingerprint."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ALLOWED_EXTENSIONS = [
    "pdf", "jpg", "jpeg", "png", "gif", "webp", "tif", "tiff",
    "doc", "docx", "xls", "xlsx", "txt", "csv", "zip", "mp4", "mov",
]  # fmt: skip

validate_extension = FileExtensionValidator(
    allowed_extensions=ALLOWED_EXTENSIONS,
    message=_(
        "Files of type “%(extension)s” are not accepted. Upload one of: %(allowed_extensions)s."
    ),
)


def validate_size(file) -> None:
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if file.size > limit:
        raise ValidationError(
            _("This file is %(size).1f MB; the limit is %(limit)d MB. Upload a smaller file."),
            params={"size": file.size / 1024 / 1024, "limit": settings.MAX_UPLOAD_MB},
            code="file_too_large",
        )


FILE_VALIDATORS = [validate_extension, validate_size]


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
