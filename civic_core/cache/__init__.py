"""The page cache: one package, one public API, used by both apps and importing neither.

- `memo(name, build)`: `build()`, kept until the content version changes (or a timeout);
  `memo_many` for several values at once; `memo_in_worker` for values that cannot be
  pickled (kept in this worker only).
- `bump_version()`: retire everything kept, whole pages included (a signal receiver).
- `follow_page_version(response, name)` / `forget_page(page=…)`: an answer that also
  depends on one page's own state (the places left at an event) follows that page's
  version, which `forget_page` bumps: its copies retire in every language, on every
  host and server.
- `keep_briefly(response, seconds)`: a view asks for its page to be kept no longer.
- `register_visitor_value(name, pattern, fill)`: a value each visitor served a cached
  page gets their own of (the CSRF token is one; forms_ext's form token another).
- `reset()`: forget everything (tests).

The middleware (`civic_core.cache.middleware`) serves and stores whole pages.
"""

from civic_core.cache.middleware import (
    MAX_AGE_HEADER,
    follow_page_version,
    forget_page,
    keep_briefly,
    register_visitor_value,
)
from civic_core.cache.signals import bump_on_change
from civic_core.cache.store import bump_version, memo, memo_in_worker, memo_many, page_cache_timeout, reset

__all__ = [
    "MAX_AGE_HEADER",
    "bump_on_change",
    "bump_version",
    "follow_page_version",
    "forget_page",
    "keep_briefly",
    "memo",
    "memo_in_worker",
    "memo_many",
    "page_cache_timeout",
    "register_visitor_value",
    "reset",
]
