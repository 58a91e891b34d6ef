"""Personal data helpers: what we keep about a client must not identify it in clear."""
import hashlib
import hmac

from django.conf import settings


def client_ip(request):
    """The client's address as the server saw it (the proxy sets REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or ""


def hash_ip(ip: str) -> str:
    """A keyed hash of an IP address: equal addresses give equal hashes (rate limits,
    abuse review) but the address cannot be recovered without the site's secret key."""
    key = hashlib.sha256(f"forms_ext.ip:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()
