"""The client's address, taken in one place for everything that needs it: the admin's
login throttling (django-axes), the forms' rate limit and the keyed hash stored with a
submission.

Behind a reverse proxy every request comes from the proxy, so CIVIC_CLIENT_IP names the
header the proxies write and how many of them there are:

    CIVIC_CLIENT_IP = {"HEADER": "HTTP_X_FORWARDED_FOR", "TRUSTED_PROXIES": 1}

X-Forwarded-For is a list each proxy appends to; the client's address is the one the
outermost trusted proxy saw, `TRUSTED_PROXIES` entries from the right (whatever a client
writes into the header itself is to the left of it and is ignored). A header holding one
address (X-Real-IP) is read as it is. Without the setting, or when the header is missing
or malformed, REMOTE_ADDR is the client.

IPv6 clients are grouped by their /64 network: one household or phone gets a whole /64,
and counting each address apart would let it send without limit.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def _configuration():
    configured = getattr(settings, "CIVIC_CLIENT_IP", None) or {}
    return configured.get("HEADER") or "", int(configured.get("TRUSTED_PROXIES") or 1)


def _parse(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def client_address(meta):
    """The client's address (an ipaddress object), from a request's META; None if unknown."""
    header, trusted = _configuration()
    if header and meta.get(header):
        hops = [hop for hop in meta[header].split(",") if hop.strip()]
        if len(hops) >= trusted:
            address = _parse(hops[-trusted])
            if address is not None:
                return address
    return _parse(meta.get("REMOTE_ADDR", "") or "")


def client_key(meta):
    """The client as the rate limits count it: its address, or for IPv6 the first
    address of its /64 (a valid address, as django-axes stores it)."""
    address = client_address(meta)
    if address is None:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_ip(request):
    """The client's address as text (what django-axes records)."""
    address = client_address(request.META)
    return str(address) if address is not None else ""


def axes_client_ip(request):
    """AXES_CLIENT_IP_CALLABLE: django-axes locks out the same client the forms count."""
    return client_key(request.META)


def hashed_client(request):
    """A keyed hash of the client: equal for the same client (rate limits, abuse review),
    unrecoverable without the site's secret key."""
    key = hashlib.sha256(f"forms_ext.ip:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, client_key(request.META).encode(), hashlib.sha256).hexdigest()
