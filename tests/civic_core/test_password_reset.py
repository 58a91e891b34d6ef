"""The admin's password reset cannot flood an inbox nor tell which addresses exist."""

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_client_asking_again_and_again_gets_a_few_emails_and_the_same_answer(django_user_model):
    django_user_model.objects.create_user("officer", "officer@example.org", "pw", is_staff=True)
    client = Client()
    answers = [client.post("/admin/password_reset/", {"email": "officer@example.org"}) for _ in range(10)]
    assert {response.status_code for response in answers} == {302}
    assert {response["Location"] for response in answers} == {"/admin/password_reset/done/"}
    assert len(mail.outbox) == 3  # the address's hourly allowance


def test_unknown_addresses_get_the_same_answer(django_user_model):
    response = Client().post("/admin/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == "/admin/password_reset/done/"
    assert not mail.outbox
