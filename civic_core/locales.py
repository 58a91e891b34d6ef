"""Cheap access to the active locale and to translations of many objects at once.

Wagtail's `Locale.get_active()` and `.localized` run a query on every call; a page
that shows a dozen translatable things would pay for each. Locales change almost
never, so they are remembered per process and forgotten whenever one is saved."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

_by_language = {}


def locale_for(language_code):
    code = (language_code or settings.LANGUAGE_CODE).split("-")[0]
    if code not in _by_language:
        _by_language[code] = Locale.objects.filter(language_code=code).first() or Locale.get_default()
    return _by_language[code]


def active_locale():
    return locale_for(translation.get_language())


def default_locale():
    return locale_for(settings.LANGUAGE_CODE)


def localize_many(objects):
    """The active-language version of each object (a live one, for pages), in order,
    with one query; an object with no translation stays as it is."""
    objects = [obj for obj in objects if obj is not None]
    locale = active_locale()
    missing = [obj for obj in objects if obj.locale_id != locale.id]
    if not missing:
        return objects
    model = type(missing[0])
    queryset = model.objects.filter(translation_key__in={obj.translation_key for obj in missing}, locale=locale)
    if hasattr(model, "live"):
        queryset = queryset.filter(live=True)
    translations = {obj.translation_key: obj for obj in queryset}
    return [translations.get(obj.translation_key, obj) if obj.locale_id != locale.id else obj for obj in objects]


def localize(obj):
    return localize_many([obj])[0] if obj is not None else None


def _forget(**kwargs):
    _by_language.clear()


post_save.connect(_forget, sender=Locale, dispatch_uid="pages_locales_forget_saved")
post_delete.connect(_forget, sender=Locale, dispatch_uid="pages_locales_forget_deleted")
