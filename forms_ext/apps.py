from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsExtConfig(AppConfig):
    name = "forms_ext"
    verbose_name = _("Citizen forms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from forms_ext import conf, permissions, signals, spam  # noqa: F401 (conf registers its system checks)
        from forms_ext.alerts import sending
        from forms_ext.models import CivicSubmission, HeldSubmission, Registration

        # The officers' screens over what citizens sent (forms_ext.admin_views).
        for model in (CivicSubmission, Registration, HeldSubmission):
            register_permission_policy(model, permissions.CitizensInputPermissionPolicy(model), exact_class=True)
        permissions.register_page_permission_types()
        post_migrate.connect(permissions.create_permissions, sender=self, dispatch_uid="forms_ext_page_permissions")

        page_published.connect(sending.page_published, dispatch_uid="forms_ext_alerts")
        signals.connect_cache_receivers()
        signals.connect_file_cleanup()
        spam.register_visitor_values()
