"""Recognise an uploaded file's type from its first bytes, never from its name: a
renamed executable must not pass as a PDF."""

# (signature at offset 0, canonical extension, MIME type)
SIGNATURES = [
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"GIF87a", "gif", "image/gif"),
    (b"GIF89a", "gif", "image/gif"),
]

ALLOWED_DESCRIPTION = "PDF, PNG, JPEG, GIF"


def sniff(head: bytes):
    """The (extension, MIME type) of a file starting with `head`, or None if unknown."""
    for signature, extension, mime in SIGNATURES:
        if head.startswith(signature):
            return extension, mime
    return None
