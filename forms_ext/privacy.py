"""Personal data helpers: what we keep about a client must not identify it in clear."""

import hashlib
import hmac

from django.conf import settings


def client_ip(request):
    """The client's address. Behind a reverse proxy every request comes from the proxy,
    so FORMS_CLIENT_IP_HEADER names the header the proxy sets (e.g. HTTP_X_REAL_IP)."""
    header = settings.FORMS_CLIENT_IP_HEADER or "REMOTE_ADDR"
    return request.META.get(header, "") or request.META.get("REMOTE_ADDR", "") or ""


def hash_ip(ip: str) -> str:
    """A keyed hash of an IP address: equal addresses give equal hashes (rate limits,
    abuse review) but the address cannot be recovered without the site's secret key."""
    key = hashlib.sha256(f"forms_ext.ip:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()
