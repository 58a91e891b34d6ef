"""Pages with a form compressed around their visitor's values (civic_core.cache.gzip_parts):
valid gzip whatever the values, the values never compressed, the length never telling."""

import gzip
import os
import random

from civic_core.cache import gzip_parts


def page(seed, pieces=3):
    chance = random.Random(seed)
    words = [b"<p>", b"</p>", b"consultation", b"\xd0\xba\xd0\xbe\xd0\xbd", b"csrfmiddlewaretoken", b"value="]
    return [b" ".join(chance.choice(words) for _ in range(chance.randint(300, 3000))) for _ in range(pieces)]


def test_any_values_give_the_page_as_sent_with_a_correct_crc_and_length():
    for seed in range(20):
        texts = page(seed, pieces=1 + seed % 4)
        compressed = gzip_parts.deflated(texts)
        assert compressed is not None
        values = [os.urandom(random.Random(seed).randint(0, 100)) for _ in texts[1:]]
        body = gzip_parts.joined(compressed, texts, values)
        expected = texts[0] + b"".join(value + text for value, text in zip(values, texts[1:], strict=True))
        assert gzip.decompress(body) == expected  # gzip checks the CRC-32 and the length
        assert len(body) < len(expected) / 2


def test_a_secret_is_not_compressed_with_the_page_so_the_length_tells_nothing():
    texts = page(1)
    compressed = gzip_parts.deflated(texts)
    # The page repeats text an attacker might steer towards the secret: were the secret
    # compressed with it, a closer guess would give a shorter body.
    guessed = b"csrfmiddlewaretoken value=abc123" * 20
    texts = [texts[0] + guessed, texts[1], texts[2]]
    compressed = gzip_parts.deflated(texts)
    lengths = set()
    for secret in (b"abc123" + b"x" * 26, b"zzzzzz" + b"x" * 26, b"abc124" + b"y" * 26):
        body = gzip_parts.joined(compressed, texts, [secret, secret])
        assert body.count(secret) == 2
        lengths.add(len(body))
    assert len(lengths) == 1


def test_small_pages_and_incompressible_ones_are_sent_as_they_are():
    assert gzip_parts.deflated([b"<p>small</p>", b"</html>"]) is None
    assert gzip_parts.deflated([os.urandom(5000), os.urandom(5000)]) is None
