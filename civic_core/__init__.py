"""wagtail-civic's shared parts: the page cache, the client's address, locale helpers,
transliteration, and the Bulgarian that completes Wagtail's admin."""

from pathlib import Path

# The admin's JavaScript strings in Bulgarian (merged by scripts/i18n-sync). civic_core.urls
# serves them at Wagtail's and wagtail-localize's jsi18n/ addresses (civic_core.jsi18n); a
# site that does not include those URLs first may add this directory to LOCALE_PATHS.
JAVASCRIPT_LOCALE_DIR = Path(__file__).resolve().parent / "locale_js"
