"""The page cache: one package, one public API, used by both apps and importing neither.

- `memo(name, build)`: `build()`, kept until the content version changes (or a timeout);
  `memo_many` for several values at once; `memo_in_worker` for values that cannot be
  pickled (kept in this worker only).
- `bump_version()`: retire everything kept, whole pages included (a signal receiver).
- `forget_page(page)`: drop one page's cached copies, in every language, before the
  version changes (places left at an event).
- `keep_briefly(response, seconds)`: a view asks for its page to be kept no longer.
- `reset()`: forget everything (tests).

The middleware (`civic_core.cache.middleware`) serves and stores whole pages.
"""

from civic_core.cache.middleware import MAX_AGE_HEADER, forget_page, keep_briefly
from civic_core.cache.signals import bump_on_change
from civic_core.cache.store import bump_version, memo, memo_in_worker, memo_many, page_cache_timeout, reset

__all__ = [
    "MAX_AGE_HEADER",
    "bump_on_change",
    "bump_version",
    "forget_page",
    "keep_briefly",
    "memo",
    "memo_in_worker",
    "memo_many",
    "page_cache_timeout",
    "reset",
]
