"""Pages with a form, gzip-compressed without compressing the visitor's secrets.

A page with a form carries its visitor's CSRF token and form token. Compressing a secret
together with text an attacker can influence lets the attacker read the secret from the
response's length (BREACH); so the compressed page is built here from pieces that never
see each other: the page's own text between the visitor values is compressed once per
worker, each piece by a fresh compressor (no back-reference reaches into a token, nor
across one), and each visitor value is inserted as a *stored* (uncompressed) deflate
block. The response's length is then the same for every token of the same length.

One gzip member (RFC 1952) whose raw deflate data (RFC 1951) is: piece 0, ended with a
sync flush (so the next block starts on a byte boundary), a stored block with value 1,
piece 1, … and the last piece ended with the final block. The CRC-32 and length in the
trailer cover the whole page as sent."""

import struct
import zlib
from typing import NamedTuple

LEVEL = 6
MIN_BYTES = 1024
# Fixed header: no file name, no timestamp (the same bytes on every server), OS unknown.
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


class Deflated(NamedTuple):
    """A page's texts compressed once: the pieces, and what the trailer's CRC-32 needs."""

    pieces: list
    crcs: list  # CRC-32 of each text on its own
    shifts: list  # for each text after the first, the tables that move a CRC past it


def deflated(texts):
    """The page's texts (between the visitor values) each compressed on their own, or None
    when compressing is not worth it (a small page, or no saving)."""
    total = sum(len(text) for text in texts)
    if total < MIN_BYTES:
        return None
    pieces = []
    for index, text in enumerate(texts):
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        last = index == len(texts) - 1
        pieces.append(compressor.compress(text) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH))
    if sum(len(piece) for piece in pieces) + len(HEADER) + 8 >= total:
        return None
    return Deflated(pieces, [zlib.crc32(text) for text in texts], [_shift_tables(len(text)) for text in texts[1:]])


# The CRC-32 of a whole page without reading the whole page per visitor. zlib's
# crc32(B, c) = S(c) ^ crc32(B, 0), where S is linear over GF(2) and depends only on
# len(B) (the register moved past len(B) zero bytes; zlib's pre- and post-inversions
# cancel out). So the page's CRC is carried past each stored text by S alone: S's 32
# columns are read off zlib itself, and kept as four tables of a byte's worth each.


def _shift_tables(length):
    zeros = bytes(length)
    base = zlib.crc32(zeros, 0)
    columns = [zlib.crc32(zeros, 1 << bit) ^ base for bit in range(32)]
    tables = []
    for byte in range(4):
        table = [0] * 256
        for value in range(1, 256):
            low = value & -value
            table[value] = table[value ^ low] ^ columns[8 * byte + low.bit_length() - 1]
        tables.append(table)
    return tables


def _shifted(crc, tables):
    t0, t1, t2, t3 = tables
    return t0[crc & 0xFF] ^ t1[(crc >> 8) & 0xFF] ^ t2[(crc >> 16) & 0xFF] ^ t3[crc >> 24]


def _stored_block(value):
    blocks = []
    for start in range(0, len(value), 0xFFFF):
        chunk = value[start : start + 0xFFFF]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def joined(compressed, texts, values):
    """The gzip body of the page: the texts as `compressed` (deflated(texts)) holds them,
    with `values` between them as stored blocks."""
    pieces, crcs, shifts = compressed
    crc = crcs[0]
    out = [HEADER, pieces[0]]
    size = len(texts[0])
    for value, piece, text, text_crc, tables in zip(values, pieces[1:], texts[1:], crcs[1:], shifts, strict=True):
        out += (_stored_block(value), piece)
        crc = _shifted(zlib.crc32(value, crc), tables) ^ text_crc
        size += len(value) + len(text)
    out.append(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    return b"".join(out)
