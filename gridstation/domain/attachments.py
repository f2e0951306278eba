"""What may be attached to a record: photos and scans, recognised by their first bytes.

The file's name or extension is not trusted: the content must start like a JPEG, PNG or PDF.
Sizes are capped so that a station's upload over a slow line stays reasonable.
"""

from __future__ import annotations

from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)
SNIFF_BYTES = 16


def media_type(head: bytes, *, file_name: str) -> str:
    """The media type of content starting with ``head``; refuses anything else by name."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    raise ValidationError(
        "file", QT_TRANSLATE_NOOP("Errors", "“{name}” is not a photo or scan: attach a JPEG or PNG picture or a PDF."),
        name=file_name,
    )


def check_size(size: int, *, file_name: str) -> None:
    if size <= 0:
        raise ValidationError("file", QT_TRANSLATE_NOOP("Errors", "“{name}” is empty."), name=file_name)
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "file", QT_TRANSLATE_NOOP("Errors", "“{name}” is {size_mb} MB; an attachment may be at most {max_mb} MB. "
                                      "Take a smaller photo or scan at a lower resolution."),
            name=file_name, size_mb=f"{size / 1024 / 1024:.1f}", max_mb=str(MAX_ATTACHMENT_BYTES // 1024 // 1024),
        )
