"""The client's address, taken in one place behind the documented proxy: the forms' rate
limit, the stored hash and the admin's login throttling all see the same client, and a
client cannot pass for another by writing the header itself."""

import pytest
from django.test import RequestFactory

from civic_core import clientip

PROXIED = {"HEADER": "HTTP_X_FORWARDED_FOR", "TRUSTED_PROXIES": 1}


def request(remote="10.0.0.1", **meta):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **meta)


def test_without_the_setting_the_peer_is_the_client(settings):
    settings.CIVIC_CLIENT_IP = {}
    assert clientip.client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.0.0.1"


def test_behind_one_proxy_the_address_it_saw_is_the_client(settings):
    settings.CIVIC_CLIENT_IP = PROXIED
    assert clientip.client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "203.0.113.9"


def test_an_address_a_client_writes_into_the_header_is_ignored(settings):
    settings.CIVIC_CLIENT_IP = PROXIED
    spoofed = request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")  # the client wrote the first
    assert clientip.client_ip(spoofed) == "203.0.113.9"
    settings.CIVIC_CLIENT_IP = {"HEADER": "HTTP_X_FORWARDED_FOR", "TRUSTED_PROXIES": 2}
    assert clientip.client_ip(request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9, 10.0.0.7")) == "203.0.113.9"


@pytest.mark.parametrize("header", ["", "not-an-address", "300.1.1.1", "\x00"])
def test_a_missing_or_malformed_header_falls_back_to_the_peer(settings, header):
    settings.CIVIC_CLIENT_IP = PROXIED
    assert clientip.client_ip(request(HTTP_X_FORWARDED_FOR=header)) == "10.0.0.1"


def test_every_citizen_behind_the_proxy_is_a_client_of_their_own(settings):
    settings.CIVIC_CLIENT_IP = PROXIED
    first = clientip.hashed_client(request(HTTP_X_FORWARDED_FOR="203.0.113.9"))
    second = clientip.hashed_client(request(HTTP_X_FORWARDED_FOR="203.0.113.10"))
    assert first != second and len(first) == 64 and "203.0.113" not in first


def test_ipv6_clients_are_counted_by_their_64_network(settings):
    settings.CIVIC_CLIENT_IP = PROXIED
    one = request(HTTP_X_FORWARDED_FOR="2001:db8:1:2::1")
    same_network = request(HTTP_X_FORWARDED_FOR="2001:db8:1:2:ffff::9")
    other_network = request(HTTP_X_FORWARDED_FOR="2001:db8:1:3::1")
    assert clientip.hashed_client(one) == clientip.hashed_client(same_network)
    assert clientip.hashed_client(one) != clientip.hashed_client(other_network)
    assert clientip.axes_client_ip(one) == "2001:db8:1:2::"  # a valid address, as django-axes stores it


def test_the_admin_login_throttle_counts_the_client_not_the_proxy(settings, client, django_user_model, db):
    settings.CIVIC_CLIENT_IP = PROXIED
    settings.AXES_ENABLED = True
    django_user_model.objects.create_user("officer", "o@example.org", "right-password", is_staff=True)
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": "officer", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    # Another citizen behind the same proxy is not locked out by the first one's guesses.
    response = client.post(
        "/admin/login/",
        {"username": "officer", "password": "right-password"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 302 and "/admin/login/" not in response["Location"]
