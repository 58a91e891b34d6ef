"""Proof of publication, kept as it happens: each time a public page is published (any
page type, either language), the site stores what citizens saw at that moment, as PDF,
with the publication date and the page's address on the public origin (`SITE_URL`).

- **When**: Wagtail's `page_published` signal stores a `PublicationRecord` (pages.models.
  evidence) in the publish's own transaction, and once it is committed enqueues
  `render_publication` on the task queue, so publishing stays fast.
- **What**: the published revision (not whatever is live when the worker gets to it),
  served to an anonymous visitor by the page's own `serve()`, the site's layout with its
  EU visibility block included; WeasyPrint turns that HTML into PDF, reading only the
  site's own static and media files, never the network. Every PDF page carries the
  address and the publication date (Sofia time) in its margin.
- **Where**: the private storage, under `evidence/publications/`, with the file's size
  and SHA-256. Nothing public links to it.
- **Who sees it**: whoever may edit the page in the default language (officers, not
  translators) lists a page's renderings from the page's menu and downloads them.

`CIVIC_PUBLICATION_PROOF` (default True) switches the rendering off."""

import contextlib
import hashlib
import io
import logging
import time
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.models import Locale, Page

from civic_core.transliteration import slugify_bulgarian
from civic_core.urls_absolute import configured_origin, page_origin, page_url
from pages.models import PublicationRecord
from pages.models.evidence import PACK_PERMISSION

logger = logging.getLogger(__name__)

PUBLICATIONS_URL = "page_publication_records"
DOWNLOAD_URL = "publication_record_pdf"


def enabled():
    return getattr(settings, "CIVIC_PUBLICATION_PROOF", True)


# On publish ---------------------------------------------------------------------------
def connect():
    from wagtail.signals import page_published

    page_published.connect(page_published_receiver, dispatch_uid="pages_publication_proof")


def is_public(page):
    """A page anyone may visit: below a language root, with no view restriction."""
    return page.depth > 1 and not page.get_view_restrictions().exists()


def page_published_receiver(sender, instance, revision=None, **kwargs):
    """Signal receiver (wagtail page_published): record the publication, render it later."""
    if not enabled() or revision is None or not is_public(instance):
        return
    record = PublicationRecord.objects.create(
        page_id=instance.pk,
        revision=revision,
        locale_id=instance.locale_id,
        translation_key=instance.translation_key,
        title=instance.title[:255],
        url=page_url(instance) or "",
        published_at=instance.last_published_at or timezone.now(),
    )
    record_id = record.pk
    transaction.on_commit(lambda: render_publication.enqueue(record_id))


# Rendering -----------------------------------------------------------------------------
@task()
def render_publication(record_id):
    """Render a publication record's revision to PDF and store it (the task worker runs it)."""
    record = PublicationRecord.objects.filter(pk=record_id).select_related("revision", "locale").first()
    if record is None or record.status == PublicationRecord.Status.DONE:
        return False
    started = time.monotonic()
    try:
        if record.revision is None:
            raise ValueError("the revision was deleted before it was rendered")
        page = record.revision.as_object()
        pdf = render_page_pdf(page, url=record.url, published_at=record.published_at)
    except Exception as exc:  # the record says it failed; publishing is never affected
        logger.exception("Publication record %s could not be rendered", record_id)
        PublicationRecord.objects.filter(pk=record_id).update(
            status=PublicationRecord.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return False
    record.pdf.save(record_file_name(record), ContentFile(pdf), save=False)
    record.size = len(pdf)
    record.sha256 = hashlib.sha256(pdf).hexdigest()
    record.status = PublicationRecord.Status.DONE
    record.rendered_at = timezone.now()
    record.render_seconds = round(time.monotonic() - started, 3)
    record.error = ""
    record.save(update_fields=["pdf", "size", "sha256", "status", "rendered_at", "render_seconds", "error"])
    return True


def record_file_name(record):
    """e.g. 2026-12-04_2152_bg_kragla-masa_p17_v42.pdf: sortable, and safe in any archive."""
    published = timezone.localtime(record.published_at)
    language = record.locale.language_code if record.locale_id else "xx"
    slug = slugify_bulgarian(record.title)[:60] or "stranitsa"
    return f"{published:%Y-%m-%d_%H%M}_{language}_{slug}_p{record.page_id or 0}_v{record.revision_id or 0}.pdf"


def public_html(page, url=""):
    """The HTML an anonymous visitor gets for `page` (an unsaved revision object is fine),
    served by the page itself on the public origin."""
    request = anonymous_request(page, url)
    language = page.locale.language_code
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        request.LANGUAGE_CODE = language
        response = page.serve(request)
        if hasattr(response, "render"):
            response.render()
    if response.status_code != 200:
        raise ValueError(f"the page answered {response.status_code}")
    return response.content.decode(response.charset or "utf-8")


def anonymous_request(page, url=""):
    """A GET of the page's address by a visitor who is not logged in."""
    origin = configured_origin() or page_origin(page) or "http://localhost"
    parts = urlsplit(url or origin)
    origin_parts = urlsplit(origin)
    scheme = origin_parts.scheme or "http"
    host = origin_parts.hostname or "localhost"
    port = origin_parts.port or (443 if scheme == "https" else 80)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": unquote(parts.path or "/"),
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": str(port),
        "HTTP_HOST": origin_parts.netloc or host,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    request = WSGIRequest(environ)
    request.user = AnonymousUser()
    request.session = {}
    # Every part of the page that is kept for visitors (pages.page_cache) is rendered
    # afresh from this revision, and nothing of an older revision is kept for them.
    request.is_preview = True
    return request


STAMP_CSS = """
@page {{ size: A4; margin: 18mm 10mm 14mm;
  @top-left {{ content: "{stamp}"; font-family: "DejaVu Sans", sans-serif; font-size: 7pt; color: #333; }}
  @bottom-right {{ content: "{page_label} " counter(page) " / " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 7pt; }} }}
body {{ font-family: "DejaVu Sans", sans-serif; }}
.skip-link, .visually-hidden-focusable, .language-switcher, script {{ display: none !important; }}
"""


def _css_string(text):
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def render_page_pdf(page, url, published_at):
    """`page` as an anonymous visitor sees it, as PDF bytes, stamped with its address and
    publication date."""
    from weasyprint import CSS, HTML

    html = public_html(page, url)
    with translation.override(Locale.get_default().language_code):
        stamp = _("Published on %(date)s at %(url)s") % {
            "date": date_format(timezone.localtime(published_at, timezone=_sofia()), "DATETIME_FORMAT"),
            "url": url,
        }
        page_label = _("Page")
    with quiet_css_warnings():
        stylesheet = CSS(string=STAMP_CSS.format(stamp=_css_string(stamp), page_label=_css_string(page_label)))
        document = HTML(string=html, base_url=url or None, url_fetcher=site_files_only())
        return document.write_pdf(stylesheets=[stylesheet])


@contextlib.contextmanager
def quiet_css_warnings():
    """WeasyPrint warns of every screen-only CSS rule it skips (media queries, custom
    properties): dozens per page, which would bury the worker's log. Errors still show."""
    weasyprint_logger = logging.getLogger("weasyprint")
    level = weasyprint_logger.level
    weasyprint_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        weasyprint_logger.setLevel(level)


def _sofia():
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.TIME_ZONE)


def site_files_only():
    """WeasyPrint's fetcher limited to local files and inline data (URLFetcher(allowed_protocols=…)),
    where the site's own static files and media, named by their public addresses, are
    read from where they are stored; anything else (another host, a tracker) is refused
    and left out of the rendering."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFilesOnly(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=["file", "data"], fail_on_errors=False)

        def fetch(self, url, headers=None):
            local = _local_path(url)
            if local is None:
                return super().fetch(url, headers)
            kind, name = local
            if kind == "static":
                found = finders.find(name)
                if not found:
                    raise ValueError(f"no static file {name}")
                return super().fetch(f"file://{found}", headers)
            with default_storage.open(name) as handle:
                return URLFetcherResponse(url, handle.read())

    return SiteFilesOnly()


def _local_path(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    own_hosts = {urlsplit(configured_origin()).netloc} if configured_origin() else set()
    own_hosts |= {urlsplit(site.root_url).netloc for site in _sites()}
    if parts.netloc not in own_hosts:
        return None
    path = unquote(parts.path)
    for kind, prefix in (("static", settings.STATIC_URL), ("media", settings.MEDIA_URL)):
        prefix = "/" + prefix.strip("/") + "/"
        if path.startswith(prefix) and ".." not in path:
            return kind, path[len(prefix) :]
    return None


def _sites():
    from wagtail.models import Site

    return list(Site.objects.all())


# The officers' screens --------------------------------------------------------------
def may_see_records(user, page):
    """Whoever may edit the page in the default language (its translations share its
    records): officers, never translators."""
    if not user.is_authenticated:
        return False
    source = page.get_translation_or_none(Locale.get_default()) or page
    return source.specific_deferred.permissions_for_user(user).can_edit()


def records_of(page):
    """The renderings of every publication of `page`, in every language, newest first."""
    return PublicationRecord.objects.filter(translation_key=page.translation_key).select_related("locale")


def publications_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not may_see_records(request.user, page):
        raise PermissionDenied
    rows = [
        {
            "record": record,
            "published": date_format(timezone.localtime(record.published_at), "DATETIME_FORMAT"),
            "language": record.locale.get_display_name() if record.locale_id else "—",
        }
        for record in records_of(page)
    ]
    return TemplateResponse(
        request,
        "pages/admin/evidence_publications.html",
        {"page": page, "rows": rows, "Status": PublicationRecord.Status},
    )


def download_view(request, record_id):
    record = get_object_or_404(PublicationRecord, pk=record_id)
    page = Page.objects.filter(pk=record.page_id).first() if record.page_id else None
    allowed = may_see_records(request.user, page) if page is not None else request.user.has_perm(PACK_PERMISSION)
    if not allowed:
        raise PermissionDenied
    if record.status != PublicationRecord.Status.DONE or not record.pdf:
        raise Http404
    response = FileResponse(
        record.pdf.open("rb"), as_attachment=True, filename=record.file_name, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


MENU_LABEL = gettext_lazy("Publication records (PDF)")


def menu_buttons(page, user):
    """ "Publication records (PDF)" in a page's menus, for those who may see them."""
    from django.urls import reverse
    from wagtail.admin.widgets import Button

    if page.depth <= 1 or not may_see_records(user, page):
        return
    yield Button(MENU_LABEL, reverse(PUBLICATIONS_URL, args=[page.pk]), icon_name="doc-full-inverse", priority=95)
