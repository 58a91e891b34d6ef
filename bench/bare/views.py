from django.http import HttpResponse

# The same bytes as the site's own control (bench/controls/views.py).
PLAIN_HTML = (
    b'<!DOCTYPE html><html lang="bg"><head><meta charset="utf-8"><title>Control</title></head>'
    b"<body><main><h1>Control</h1><p>A small HTML page from a plain Django view.</p></main></body></html>"
)


def plain(request):
    return HttpResponse(PLAIN_HTML)
