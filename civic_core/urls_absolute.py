"""The site's one public origin, and every absolute URL built from it.

`SITE_URL` (a setting, e.g. "https://civic.example.org") is the address citizens and
machines reach the site at. Every full address the suite writes (hreflang, canonical,
og:url, the sitemap, feeds, iCalendar files, structured data, open data, the API, the
links in emails) is built here from it, never from the host a request happened to name
nor from the Site record alone; `manage.py civic_site_url` brings the default Site record
(its hostname and port) in line with it at deploy time.

Unset (an adopter's site that has not chosen one): the origin of the request when there
is one, else the default Site record's `root_url`, as Wagtail would."""

from urllib.parse import urlsplit

from django.conf import settings


def configured_origin():
    """`SITE_URL` as scheme://host[:port], without a path or a trailing slash; "" when unset."""
    value = (getattr(settings, "SITE_URL", "") or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"SITE_URL must be an http(s) origin such as https://civic.example.org, not {value!r}")
    return f"{parts.scheme}://{parts.netloc}".lower()


def public_origin(request=None):
    """The origin every absolute URL starts with: `SITE_URL`, else the request's, else the
    default Site record's."""
    origin = configured_origin()
    if origin:
        return origin
    if request is not None and hasattr(request, "get_host"):
        return f"{request.scheme}://{request.get_host()}"
    return _default_site_root_url()


def public_hostname(request=None):
    """The host name of the public origin (no port): for tag: URIs and the like."""
    return urlsplit(public_origin(request)).hostname or ""


def absolute_url(path, request=None):
    """`path` ("/en/events/") as an absolute URL on the public origin; an URL that is already
    absolute (an image in a bucket, a CDN) is returned as it is."""
    if path is None:
        return None
    path = str(path)
    if path.startswith(("http://", "https://", "//")):
        return path
    if not path.startswith("/"):
        path = "/" + path
    return public_origin(request) + path


def page_url(page, request=None):
    """The absolute URL of a Wagtail page on the public origin, or None if it has none.
    Without `SITE_URL`, a page of another Site than the request's keeps that Site's root."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    site_id, root_url, path = parts
    origin = configured_origin()
    if origin:
        return origin + path
    if request is not None and hasattr(request, "get_host") and _request_site_id(request) == site_id:
        return public_origin(request) + path
    return (root_url or _default_site_root_url()) + path


def page_origin(page):
    """The public origin for links to `page` where there is no request (emails sent by the
    task worker): `SITE_URL`, else the root of the page's own Site record."""
    origin = configured_origin()
    if origin:
        return origin
    site = page.get_site()
    return site.root_url if site is not None else _default_site_root_url()


def site_record_values(origin=None):
    """What the default Site record's hostname and port are for `origin` (SITE_URL by default),
    as Wagtail's `Site.root_url` reads them back (port 443 is https, 80 http)."""
    parts = urlsplit(origin or configured_origin())
    if not parts.hostname:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return {"hostname": parts.hostname, "port": port}


def _request_site_id(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.pk if site is not None else None


def _default_site_root_url():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    return site.root_url if site is not None else ""


def check_site_url(app_configs=None, **kwargs):
    """`manage.py check --deploy`: a deployment names its public origin. Without SITE_URL
    every absolute URL (hreflang, sitemap, feeds, e-mails) follows whatever host a request
    named, or the Site record (`localhost` as `migrate` creates it)."""
    from django.core import checks

    try:
        origin = configured_origin()
    except ValueError as error:
        return [checks.Error(str(error), id="civic_core.E001")]
    if not origin:
        return [
            checks.Warning(
                "SITE_URL is not set: absolute URLs in the sitemap, feeds, structured data and e-mails "
                "will name the request's host or the Site record (localhost after migrate).",
                hint="Set SITE_URL=https://your.domain and run `manage.py civic_site_url` (docs/deploying.md).",
                id="civic_core.W001",
            )
        ]
    host = urlsplit(origin).hostname or ""
    problems = []
    if host in ("localhost", "127.0.0.1", "::1") or host.endswith(".localhost"):
        problems.append(
            checks.Warning(
                f"SITE_URL names a local address ({origin}): citizens and search engines cannot reach it.",
                hint="Set SITE_URL to the site's public https:// address (docs/deploying.md).",
                id="civic_core.W002",
            )
        )
    if origin.startswith("http://") and getattr(settings, "SECURE_SSL_REDIRECT", False):
        problems.append(
            checks.Warning(
                f"SITE_URL is {origin} but the site redirects every request to HTTPS: every absolute URL "
                "would start with a redirect.",
                hint="Use the https:// address in SITE_URL.",
                id="civic_core.W003",
            )
        )
    return problems
