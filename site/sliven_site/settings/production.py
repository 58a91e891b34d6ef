"""Production: everything secret or host-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import MIDDLEWARE, env_bool, env_list, os

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (a long random string).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# WhiteNoise serves the collected, compressed static files right after SecurityMiddleware.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [*MIDDLEWARE[:_security], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[_security:]]
STORAGES = {
    **STORAGES,  # noqa: F405 (media and citizens' uploads as in base.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media (images, documents) and citizens' uploads go through Django's storage API: on this
# server's disk, or in an S3-compatible bucket shared by every app server once
# AWS_STORAGE_BUCKET_NAME is set (pip install "sliven-civic[s3]"). The bucket may stay
# private: documents are always sent through /documents/ (checks, download headers),
# citizens' uploads through the admin only, image renditions through signed links unless
# AWS_QUERYSTRING_AUTH=false (then images/ must be readable: a public-read prefix or a
# CDN on AWS_S3_CUSTOM_DOMAIN). FORMS_PRIVATE_BUCKET keeps citizens' uploads in a bucket
# of their own (otherwise they are under forms-private/ in the same one, always signed).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    from .base import ADMIN_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY
    from .object_storage import media_origins

    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # not on AWS itself
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_S3_FILE_OVERWRITE = False  # two uploads of "report.pdf" keep both
    AWS_DEFAULT_ACL = None  # the bucket's own policy decides
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    STORAGES["forms_private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("FORMS_PRIVATE_BUCKET") or AWS_STORAGE_BUCKET_NAME,
            "location": "forms-private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
    # Access keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the host's role).
    # Pages and the admin show images from the bucket's (or the CDN's) address.
    _media = media_origins(AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_S3_CUSTOM_DOMAIN)
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {
            **CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], *_media],
        },
    }
    ADMIN_CONTENT_SECURITY_POLICY = {
        **ADMIN_CONTENT_SECURITY_POLICY,
        "img-src": [*ADMIN_CONTENT_SECURITY_POLICY["img-src"], *_media],
    }

# HTTPS: the site runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
