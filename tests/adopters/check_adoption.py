"""Run inside an adopter project (its settings in DJANGO_SETTINGS_MODULE, its database
migrated): build a page with a citizens' form, render it, send it as a citizen, find the
submission in the admin as an officer. Prints what it saw as JSON for the test to judge.

    python check_adoption.py forms_only|suite_defaults
"""

import json
import re
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from forms_ext.spam import issue_token  # noqa: E402

FIELDS = [
    ("singleline", "Name", False),
    ("email", "Email", True),
    ("multiline", "Message", True),
    ("consent", "I agree", True),
]


def form_page(kind):
    root = Site.objects.get(is_default_site=True).root_page
    if kind == "forms_only":
        from formsite.models import ContactFormField as Field
        from formsite.models import ContactPage as Model

        page = Model(title="Contact the council", slug="contact", intro="Write to us.")
    else:
        from pages.models import FeedbackFormField as Field
        from pages.models import FeedbackPage as Model
        from pages.models import HomePage

        home = HomePage(title="Our municipality", slug="municipality")
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()  # as the admin's Sites screen does: Wagtail forgets the old root's paths
        root = home
        page = Model(title="Contact the council", slug="contact")
    page.privacy_notice = "The council keeps what you send for a year, to answer you."
    page.form_fields = [Field(field_type=t, label=label, required=required) for t, label, required in FIELDS]
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


def main(kind):
    page = form_page(kind)
    citizen = Client()
    shown = citizen.get(page.url)
    html = shown.content.decode()
    sent = citizen.post(
        page.url,
        {
            "name": "Maria",
            "email": "maria@example.org",
            "message": "The bench in the park is broken.",
            "i_agree": "on",
            "form_token": issue_token(issued_at=time.time() - 60),
        },
    )
    officer = get_user_model().objects.create_superuser("officer", "officer@example.org", "pw")
    admin = Client()
    admin.force_login(officer)
    listing = admin.get(f"/admin/forms/submissions/{page.pk}/")
    report = {
        "pages_imported": "pages" in sys.modules,
        "page_status": shown.status_code,
        "form_shown": 'name="form_token"' in html and "csrfmiddlewaretoken" in html,
        "honeypot_hidden": "form-hp" in html and "forms_ext/css/forms.css" in html,
        "sent_status": sent.status_code,
        "thank_you": "Thank you" in sent.content.decode(),
        "listed": listing.status_code == 200 and "The bench in the park is broken." in listing.content.decode(),
        "title": re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip() if "<title>" in html else "",
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
