"""What a citizen sends: form tokens, posts, the answers of the demo's feedback form, and a
generic registration page (tests.testapp)."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from forms_ext.spam import issue_token

VALID_FEEDBACK = {
    "tema": "gradska-sreda",
    "otsenka_na_uslugata": "4",
    "saobshtenie": "Услугата беше бърза.",
    "prochetoh_informatsiyata_za_zashtita_na_lichnite_danni": "on",
}


def form_token(seconds_ago=60):
    return issue_token(issued_at=time.time() - seconds_ago)


def post_form(client, page, data, seconds_ago=60, token=None, **extra):
    """POST to a form page as a citizen who opened the form `seconds_ago` (or with the
    form token `token` the page gave them)."""
    payload = {"form_token": token or form_token(seconds_ago), **data}
    return client.post(page.url, payload, **extra)


# The reference a thank-you page shows the citizen (forms_ext.receipts).
RECEIPT_REFERENCE = re.compile(r'class="receipt-reference">([^<]+)<')


def live_visitor(url):
    """A visitor who opened the form at `url` on a real server: their CSRF cookie and
    token. Returns send(data, address=url) -> (status, html), each send a request of its
    own (safe from many threads at once)."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    html = opener.open(url).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies)

    def send(data, address=url):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf})
        request = urllib.request.Request(address, data=body.encode(), headers={"Cookie": cookie, "Referer": url})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    return send


REGISTRATION_FIELDS = [("name", "Име"), ("email", "Имейл"), ("consent", "Съгласен съм")]


def make_registration_page(parent, capacity, **values):
    """A test-only event-like page (tests.testapp) taking registrations through forms_ext."""
    from tests.testapp.models import RegistrationTestFormField, RegistrationTestPage

    page = RegistrationTestPage(
        title=values.pop("title", "Среща с гражданите"),
        slug=values.pop("slug", "sreshta"),
        capacity=capacity,
        privacy_notice="Пазим името и имейла ви до края на срещата.",
        **values,
    )
    page.form_fields = [
        RegistrationTestFormField(field_type=kind, label=label, required=True) for kind, label in REGISTRATION_FIELDS
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def registration_data(n):
    return {"ime": f"Гражданин {n}", "imeyl": f"citizen{n}@example.org", "saglasen_sam": "on"}


def confirm_registration(email):
    """Follow, as the person would, the confirmation link emailed to `email` (the latest)."""
    from django.core import mail
    from django.test import Client

    from tests.support import mailbox

    message = [m for m in mail.outbox if email in m.to and "/registrations/confirm/" in m.body][-1]
    return Client().post(mailbox.link(message, "/registrations/confirm/"))
