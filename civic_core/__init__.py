"""wagtail-civic's shared parts: the page cache, the client's address, locale helpers,
transliteration, and the Bulgarian that completes Wagtail's admin."""

from pathlib import Path

# The admin's JavaScript strings come from wagtail.admin's catalog and LOCALE_PATHS only:
# a site adds this directory to LOCALE_PATHS for their Bulgarian (docs/adopting.md).
JAVASCRIPT_LOCALE_DIR = Path(__file__).resolve().parent / "locale_js"
