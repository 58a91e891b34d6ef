"""A link to any page, shared on Facebook, LinkedIn or X, shows the right title, text and
a large image, in the page's language; the share links load nothing from the networks."""

import html
import io
import re
from collections import defaultdict
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page

from pages.models import EventPage

pytestmark = pytest.mark.django_db
MIN_WIDTH, MIN_HEIGHT = 1200, 630  # what the networks show as a large card


def share_tags(response):
    tags = defaultdict(list)
    for name, content in re.findall(
        r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', response.content.decode()
    ):
        tags[name].append(html.unescape(content))
    return {name: values[0] if len(values) == 1 else values for name, values in tags.items()}


def one_page_per_type_and_language():
    seen, pages = set(), []
    for page in Page.objects.filter(depth__gt=1).live().order_by("path").select_related("locale", "content_type"):
        key = (page.content_type_id, page.locale.language_code)
        if key not in seen:
            seen.add(key)
            pages.append(page.specific)
    return pages


def test_every_page_type_in_both_languages_carries_complete_share_tags(client, demo):
    pages = one_page_per_type_and_language()
    assert {page.locale.language_code for page in pages} == {"bg", "en"} and len(pages) >= 20
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        tags = share_tags(response)
        where = f"{page.url} ({type(page).__name__})"
        assert tags["og:title"] == (page.seo_title or page.title), where
        assert 0 < len(tags["og:description"]) <= 200, where
        assert tags["og:url"] == f"http://testserver{page.url}", where
        assert tags["og:locale"] == {"bg": "bg_BG", "en": "en_GB"}[page.locale.language_code], where
        assert tags["og:image"].startswith("http://testserver/"), where
        assert int(tags["og:image:width"]) >= MIN_WIDTH and int(tags["og:image:height"]) >= MIN_HEIGHT, where
        assert tags["og:image:alt"], where
        assert tags["twitter:card"] == "summary_large_image", where
        assert tags["twitter:image"] == tags["og:image"] and tags["twitter:title"] == tags["og:title"], where


def test_a_translated_page_names_its_other_language(client, demo):
    tags = share_tags(client.get("/en/project/"))
    assert tags["og:locale"] == "en_GB" and tags["og:locale:alternate"] == "bg_BG"
    assert share_tags(client.get("/proekt/"))["og:locale:alternate"] == "en_GB"


def test_the_default_card_is_a_real_1200x630_image(demo):
    with PILImage.open(finders.find("img/share-default.png")) as card:
        assert card.size == (MIN_WIDTH, MIN_HEIGHT)


def test_an_officer_sets_the_text_and_image_a_shared_event_shows(client, demo):
    event = EventPage.objects.get(locale__language_code="bg", slug="kragla-masa-obshtestveni-saveti")
    buffer = io.BytesIO()
    PILImage.new("RGB", (2000, 1500), "navy").save(buffer, "PNG")
    photo = Image.objects.create(title="Кръгла маса в читалището", file=ImageFile(buffer, name="kragla-masa.png"))
    event.share_text = "Елате да обсъдим обществените съвети по кварталите."
    event.share_image = photo
    event.save_revision().publish()
    tags = share_tags(client.get(event.url))
    assert tags["og:description"] == "Елате да обсъдим обществените съвети по кварталите."
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image"].endswith(".jpg") and tags["og:image:type"] == "image/jpeg"
    assert tags["og:image:alt"] == "Кръгла маса в читалището"


def test_share_links_are_plain_links_to_the_networks(client, demo):
    page_html = client.get("/proekt/").content.decode()
    links = re.findall(r'<a class="btn btn-outline-secondary btn-sm" href="([^"]+)"', page_html)
    hosts = {urlparse(html.unescape(link)).netloc or urlparse(html.unescape(link)).scheme for link in links}
    assert hosts == {"www.facebook.com", "www.linkedin.com", "x.com", "mailto"}
    facebook = next(html.unescape(link) for link in links if "facebook" in link)
    assert parse_qs(urlparse(facebook).query)["u"] == ["http://testserver/proekt/"]
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page_html)
    assert scripts and all(src.startswith("/static/") for src in scripts)  # nothing from the networks
