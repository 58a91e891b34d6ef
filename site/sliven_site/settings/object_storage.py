"""Where images in an S3-compatible bucket are linked from, for the pages' CSP."""

from urllib.parse import urlsplit


def media_origins(bucket, endpoint_url=None, region=None, custom_domain=None, scheme="https"):
    """The origins an image URL of `bucket` may have, path- or host-style addressed."""
    if custom_domain:
        return [f"{scheme}://{custom_domain}"]
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    hosts = [f"{bucket}.s3.amazonaws.com", "s3.amazonaws.com"]
    if region:
        hosts += [f"{bucket}.s3.{region}.amazonaws.com", f"s3.{region}.amazonaws.com"]
    return [f"{scheme}://{host}" for host in hosts]
