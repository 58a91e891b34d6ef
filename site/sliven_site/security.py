"""Content-Security-Policy per area: the strict policy of settings.CONTENT_SECURITY_POLICY
on public pages, and ADMIN_CONTENT_SECURITY_POLICY in the Wagtail admin, whose own
scripts and styles still need inline code."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            return PolicyParts(settings.ADMIN_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce)
        return parts
