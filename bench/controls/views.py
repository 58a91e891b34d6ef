from django.http import HttpResponse
from django.views.decorators.cache import never_cache

PLAIN_HTML = (
    b'<!DOCTYPE html><html lang="bg"><head><meta charset="utf-8"><title>Control</title></head>'
    b"<body><main><h1>Control</h1><p>A small HTML page from a plain Django view.</p></main></body></html>"
)


@never_cache
def plain(request):
    """The upper bound of this stack: no template, no database, outside the page cache."""
    return HttpResponse(PLAIN_HTML)
