from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlivenSiteConfig(AppConfig):
    """The reference site: its theme, its demo (`seed_demo`), its English locale and
    its officers' groups (migrations), none of which the suite's apps carry."""

    name = "sliven_site"
    verbose_name = _("Sliven reference site")
    default_auto_field = "django.db.models.BigAutoField"
