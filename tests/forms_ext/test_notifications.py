"""A broken mail server never loses or blocks a submission; the email is retried."""

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from forms_ext.models import CivicSubmission
from tests.support.forms import VALID_FEEDBACK, post_form

pytestmark = pytest.mark.django_db

attempts = []


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        attempts.append(len(messages))
        raise ConnectionRefusedError("mail server down")


def test_a_failing_mail_server_still_stores_the_submission_and_retries(client, feedback_page, settings):
    settings.EMAIL_BACKEND = "tests.forms_ext.test_notifications.BrokenBackend"
    feedback_page.notify_to = "officer@example.org"
    feedback_page.save_revision().publish()
    attempts.clear()
    response = post_form(client, feedback_page, VALID_FEEDBACK)
    assert response.status_code == 200 and "Благодарим" in response.content.decode()
    assert CivicSubmission.objects.filter(page=feedback_page, form_data__saobshtenie="Услугата беше бърза.").exists()
    assert len(attempts) == settings.FORMS_NOTIFY_MAX_ATTEMPTS
